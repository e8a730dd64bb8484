import AllotMail
import AllotSite
import Foundation

extension Project {
    static let buildKeyFile = ".allot-build-key"

    /// Everything a site depends on, hashed: when it matches the last build's, the site
    /// is already up to date and nothing is replayed or rendered.
    func buildKey(asOf: Instant?, templates: TemplateSet, reports: [any Report]) throws -> String {
        var parts = ["allot \(AllotVersion.current)", "revision \(try store.revision())", "as-of \(asOf?.millis ?? -1)",
                     "reports " + reports.map(\.name).joined(separator: ","), "program " + Self.programIdentity]
        parts.append(String(decoding: FileManager.default.contents(atPath: configPath) ?? Data(), as: UTF8.self))
        for path in templates.files.keys.sorted() { parts += [path, templates.files[path]!] }
        return SHA256.hex(Array(parts.joined(separator: "\u{0}").utf8))
    }

    /// The running program's size and modification time: a rebuilt program (new plugin
    /// code, a changed report or policy) never reuses a site built by the old one.
    static let programIdentity: String = {
        guard let path = Bundle.main.executablePath,
              let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return "unknown" }
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? -1
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? -1
        return "\(path) \(size) \(modified)"
    }()

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
        let set = try templateSet(templates)
        let key = try buildKey(asOf: asOf, templates: set, reports: reports)
        if let previous = try? String(contentsOfFile: folder + "/" + Self.buildKeyFile, encoding: .utf8), previous == key,
           let files = SiteWriter.manifest(of: folder),
           files.allSatisfy({ FileManager.default.fileExists(atPath: folder + "/" + $0) }) {
            return SiteWriter.Summary(written: 0, unchanged: files.count, removed: 0)
        }
        let (ledger, comparisons) = try replayWithComparisons(asOf: asOf)
        let context = ReportContext(ledger: ledger, title: config.title, comparisons: comparisons)
        let files = try SiteBuilder(reports: reports, templates: set).render(context, reusing: folder, progress: progress)
            + noticePreviews(context, templates: set)
        // Gone before the first page changes, so a killed build is never taken as done.
        try? FileManager.default.removeItem(atPath: folder + "/" + Self.buildKeyFile)
        let summary = try SiteWriter(folder: folder).write(files)
        try Data(key.utf8).write(to: URL(fileURLWithPath: folder + "/" + Self.buildKeyFile), options: .atomic)
        return summary
    }
}

extension Project {
    /// Every page's filled Markdown (before libcmark), for comparing renderers on the
    /// same pages: `(path, title, markdown)`.
    public func filledMarkdown(asOf: Instant? = nil, templates: String? = nil,
                               reports: [any Report] = BuiltInReports.all) throws -> [(path: String, title: String, markdown: String)] {
        try importSources()
        let set = try templateSet(templates)
        let (ledger, comparisons) = try replayWithComparisons(asOf: asOf)
        let context = ReportContext(ledger: ledger, title: config.title, comparisons: comparisons)
        let renderer = try PageRenderer(templates: set, siteTitle: config.title)
        return try reports.flatMap { $0.pages(context) }.map { ($0.path, $0.title, try renderer.markdown($0)) }
    }
}
