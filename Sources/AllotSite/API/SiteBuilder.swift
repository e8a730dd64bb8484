import AllotLedger
import AllotReports
import AllotSupport
import Foundation

/// Reports → pages → rendered files (HTML and JSON twins, notice previews). A build asks
/// for one team's files at a time, then for the site-wide pages and the static files.
public struct SiteBuilder: Sendable {
    public let reports: [any Report]
    public let templates: TemplateSet
    private let renderer: PageRenderer
    private let notices: NoticeRenderer

    public init(reports: [any Report] = BuiltInReports.all, templates: TemplateSet = .defaults, siteTitle: String) throws {
        self.reports = reports
        self.templates = templates
        self.renderer = try PageRenderer(templates: templates, siteTitle: siteTitle)
        self.notices = try NoticeRenderer(templates: templates)
    }

    /// Every page the reports make of the team (or seats) in `context`, rendered.
    public func files(_ context: ReportContext) throws -> [RenderedFile] {
        try render(reports.flatMap { $0.pages(context) }, clock: PageClock(asOf: context.ledger.asOf, format: context.format))
    }

    /// Every page the reports make of the team in `context` (none for `context.keptPages`),
    /// rendered; each final page (`PageModel.isFinal`) recorded under its key in
    /// `finalKeys`, and `kept`'s records, whose files stay, added.
    public func files(_ context: ReportContext, finalKeys: [String: String], kept: [String: PageRecord]) throws -> TeamFiles {
        var out = TeamFiles()
        out.written = try files(context)
        var byPage: [String: [String]] = [:]
        for file in out.written {
            guard let dot = file.path.lastIndex(of: "/").map({ file.path[$0...] }).flatMap({ $0.firstIndex(of: ".") }) else { continue }
            byPage[String(file.path[..<dot]), default: []].append(file.path)
        }
        for (path, key) in finalKeys {
            if let record = kept[path] {
                out.pages[path] = record
                out.kept += record.files.count
            } else if let files = byPage[path] {
                out.pages[path] = PageRecord(key: key, files: files)
            }
        }
        out.paths = (out.written.map(\.path) + kept.values.flatMap(\.files)).sorted()
        return out
    }

    /// The site-wide pages, rendered, and the static files (assets, schemas).
    public func files(_ context: SiteContext) throws -> [RenderedFile] {
        try render(reports.flatMap { $0.sitePages(context) }, clock: PageClock(asOf: context.asOf, format: context.format))
            + templates.staticFiles.map { RenderedFile(path: $0.path, bytes: Data($0.text.utf8)) }
    }

    private func render(_ pages: [Page], clock: PageClock) throws -> [RenderedFile] {
        var seen = Set<String>()
        for page in pages where !seen.insert(page.path).inserted {
            throw AllotError("is made by two reports; give one of them another path", path: page.path)
        }
        return try pages.flatMap { page in
            switch page.output {
            case .document: try renderer.files(page, clock: clock)
            case .notice: try notices.files(page)
            }
        }
    }
}
