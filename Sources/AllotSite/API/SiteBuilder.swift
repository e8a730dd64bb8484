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

    /// The team's pages, rendered but for the final ones (`PageModel.isFinal`) whose key is
    /// the one in `previous` and whose files `intact` finds as that build left them: their
    /// files are kept. `inputs` is what every final page depends on besides its own data
    /// (templates, config but `as_of`, program).
    public func files(
        _ context: ReportContext, inputs: String, reusing previous: [String: PageRecord], intact: ([String]) -> Bool
    ) throws -> TeamFiles {
        let clock = PageClock(asOf: context.ledger.asOf, format: context.format)
        var out = TeamFiles()
        let pages = reports.flatMap { $0.pages(context) }
        var seen = Set<String>()
        for page in pages where !seen.insert(page.path).inserted {
            throw AllotError("is made by two reports; give one of them another path", path: page.path)
        }
        for page in pages {
            guard page.model.isFinal, page.output == .document else {
                let files = try render([page], clock: clock)
                out.paths += files.map(\.path)
                out.written += files
                continue
            }
            let key = try PageKey.of(page, inputs: inputs, clock: clock)
            if let record = previous[page.path], record.key == key, intact(record.files) {
                out.paths += record.files
                out.kept += record.files.count
                out.pages[page.path] = record
                continue
            }
            let files = try render([page], clock: clock)
            out.pages[page.path] = PageRecord(key: key, files: files.map(\.path))
            out.paths += files.map(\.path)
            out.written += files
        }
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
