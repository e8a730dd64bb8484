import AllotLedger
import AllotReports
import Foundation

/// Reports → pages → rendered files (in parallel when there is enough work) → the
/// site folder. Everything is rendered before anything is written, so a template
/// that fails leaves the previous site as it was.
public struct SiteBuilder: Sendable {
    public var reports: [any Report]
    public var templates: TemplateSet

    public init(reports: [any Report] = BuiltInReports.all, templates: TemplateSet = .defaults) {
        self.reports = reports
        self.templates = templates
    }

    /// Every file of the site, in path order. `progress` is called with (done, total) pages.
    /// Pages whose fingerprint matches `folder`'s last build and whose file is there are
    /// kept rather than rendered again.
    public func render(_ context: ReportContext, reusing folder: String? = nil,
                       progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> [RenderedFile] {
        let previous = folder.map(SiteWriter.fingerprints(of:)) ?? [:]
        let unchanged: @Sendable (String, UInt64) -> Bool = { path, value in
            previous[path] == value && FileManager.default.fileExists(atPath: folder! + "/" + path)
        }
        let renderer = try PageRenderer(templates: templates, siteTitle: context.title)
        let pages = reports.flatMap { $0.pages(context) }
        var seen = Set<String>()
        for page in pages where !seen.insert(page.path).inserted {
            throw SiteWriteError(path: page.path, message: "is made by two reports; give one of them another path")
        }
        let rendered = try ParallelMap.map(pages, progress: progress) { try renderer.files($0, unchanged: unchanged) }
        var files = rendered.flatMap { $0 }
        files += templates.staticFiles.map { RenderedFile(path: $0.path, bytes: Data($0.text.utf8)) }
        return files.sorted { $0.path < $1.path }
    }

    public func build(_ context: ReportContext, into folder: String,
                      progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> SiteWriter.Summary {
        try SiteWriter(folder: folder).write(render(context, reusing: folder, progress: progress))
    }
}
