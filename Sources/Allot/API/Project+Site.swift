import AllotSite
import Foundation

extension Project {
    /// The config's `templates` folder, as a path from the current folder.
    public var templatesPath: String? {
        config.templates.map { $0.hasPrefix("/") ? $0 : Self.folder(of: configPath) + $0 }
    }

    /// Imports the sources, replays, and writes the site with its JSON twins into `folder`.
    /// `templates` (else the config's) overrides default templates by file name.
    public func buildSite(into folder: String, asOf: Instant? = nil, templates: String? = nil,
                          reports: [any Report] = BuiltInReports.all,
                          progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> SiteWriter.Summary {
        try importSources()
        let ledger = try replay(asOf: asOf)
        let set = try templateSet(templates)
        let context = ReportContext(ledger: ledger, title: config.title)
        let files = try SiteBuilder(reports: reports, templates: set).render(context, progress: progress)
            + noticePreviews(context, templates: set)
        return try SiteWriter(folder: folder).write(files)
    }
}
