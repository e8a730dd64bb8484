import AllotMail
import AllotSite
import AllotStore
import AllotSupport
import Foundation

extension Project {
    static let buildKeyFile = ".allot-build-key"

    /// Everything a site depends on besides the ledger's contents, hashed.
    func buildInputs(asOf: Instant?, templates: TemplateSet, reports: [any Report]) -> String {
        var parts = [
            "allot \(AllotVersion.current)", "as-of \(asOf?.millis ?? -1)",
            "reports " + reports.map(\.name).joined(separator: ","), "program " + Self.programIdentity,
            "team cache \(TeamCache.version)",
        ]
        parts.append(config.pageInputs)
        for path in templates.files.keys.sorted() { parts += [path, templates.files[path]!] }
        return SHA256.hex(Array(parts.joined(separator: "\u{0}").utf8))
    }

    /// What a final page (`PageModel.isFinal`) depends on besides its own data: the inputs
    /// of `buildInputs` but the as-of instant, hashed.
    func finalPageInputs(templates: TemplateSet, reports: [any Report]) -> String {
        var parts = [
            "allot \(AllotVersion.current)", "reports " + reports.map(\.name).joined(separator: ","),
            "program " + Self.programIdentity, "title " + config.title, config.finalPageInputs,
        ]
        for path in templates.files.keys.sorted() { parts += [path, templates.files[path]!] }
        return SHA256.hex(Array(parts.joined(separator: "\u{0}").utf8))
    }

    /// The running program's size and modification time: a rebuilt program (new plugin
    /// code, a changed report or policy) never reuses a site built by the old one.
    static let programIdentity: String = {
        guard let path = Bundle.main.executablePath,
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        else { return "unknown" }
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? -1
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? -1
        return "\(path) \(size) \(modified)"
    }()

    /// The config's `templates` folder, as a path from the current folder.
    public var templatesPath: String? {
        config.templates.map { $0.hasPrefix("/") ? $0 : Self.folder(of: configPath) + $0 }
    }

    /// Imports the sources (unless `importing` is false: the caller has just imported
    /// them), then replays and writes the site with its JSON twins into `folder` one team
    /// at a time, so memory holds one team (per core) rather than the
    /// ledger. Teams whose seats and events, and everything else the site depends on, are
    /// as the last build left them are not replayed: their summary from that build feeds
    /// the site-wide pages. `templates` (else the config's) overrides default templates by
    /// file name. `progress` is called with (teams done, teams).
    ///
    /// The store is read in many transactions (a team at a time), so an import that
    /// commits meanwhile would leave pages of two states of the store; a build that finds
    /// the store's revision changed when it has rendered everything leaves the site as it
    /// was and starts again, up to `buildAttempts` times.
    public func buildSite(
        into folder: String, asOf: Instant? = nil, templates: String? = nil,
        reports: [any Report] = BuiltInReports.all, importing: Bool = true,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws -> SiteWriter.Summary {
        if importing { try importSources() }
        let lock = try claimSite(folder)
        defer { lock.release() }
        for _ in 0..<Self.buildAttempts {
            if let summary = try buildSiteOnce(into: folder, asOf: asOf, templates: templates, reports: reports, progress: progress) {
                return summary
            }
        }
        throw AllotError(
            "the store changed while the site was built (an import ran, each of the \(Self.buildAttempts) times it was tried); the site is as it was; build again when the imports are done"
        )
    }

    /// How many times a build starts again when an import changes the store under it.
    static let buildAttempts = 3

    /// One attempt of `buildSite`, after the import: nil, with the site as it was, when
    /// the store's revision changed while it read the store.
    private func buildSiteOnce(
        into folder: String, asOf: Instant?, templates: String?, reports: [any Report],
        progress: (@Sendable (Int, Int) -> Void)?
    ) throws -> SiteWriter.Summary? {
        let plan = try sitePlan(asOf: asOf, templates: templates, reports: reports)
        let key = plan.buildKey
        if let done = Self.alreadyBuilt(folder, key: key) { return done }
        let render = try renderPlan(plan, asOf: asOf)
        let teams = plan.teams
        let previous = TeamCache(folder: folder).read()
        // A team is reused only while each of its files is as the last build recorded it
        // on disk: another program (or a build from before the site lock) may have
        // replaced one.
        let recorded = SiteWriter.recordedStats(of: folder)
        let reused = ParallelMap.map(Array(teams.indices)) { i -> TeamCache.Line? in
            guard let line = previous[teams[i].id], line.entry.key == render.keys[i],
                SiteWriter.asRecorded(line.entry.paths, in: folder, recorded)
            else { return nil }
            return line
        }
        let session = try SiteWriter(folder: folder).begin()
        var finished = false
        defer { if !finished { session.abandon() } }
        // Each team's line, and the files it left alone after finding them as recorded.
        let results = try ParallelMap.map(Array(teams.indices), progress: progress) { i -> (TeamCache.Line, [String]) in
            if let line = reused[i] {
                session.kept(line.entry.paths.count)
                return (line, line.entry.paths)
            }
            let (entry, files, kept) = try renderTeam(
                teams[i].id, key: render.keys[i], render, previous: previous[teams[i].id]?.entry,
                intact: { SiteWriter.asRecorded($0, in: folder, recorded) })
            session.kept(kept)
            try session.write(files)
            let rendered = Set(files.map(\.path))
            return (try TeamCache.Line(entry), entry.paths.filter { !rendered.contains($0) })
        }
        let lines = results.map(\.0), entries = lines.map(\.entry)
        var checked: [String: String] = [:]
        checked.reserveCapacity(results.reduce(0) { $0 + $1.1.count })
        for (_, paths) in results { for path in paths { checked[path] = recorded[path] } }
        let siteFiles = try siteFiles(entries, render)
        // Every read of the store is done: the same revision now means they all saw the
        // state the plan was made from.
        guard try store.revision() == plan.revision else { return nil }
        try session.write(siteFiles)
        let summary = try session.finish(
            keeping: Set(entries.flatMap(\.paths) + siteFiles.map(\.path)),
            records: [
                // While pages change, only the teams whose pages were not rendered again stay
                // trusted, and there is no build key, so a killed build is never taken as done.
                SiteWriter.Record(
                    name: TeamCache.fileName, whileChanging: TeamCache.contents(reused.compactMap { $0 }),
                    after: TeamCache.contents(lines)),
                SiteWriter.Record(name: Self.buildKeyFile, whileChanging: nil, after: Data(key.utf8)),
            ], checked: checked)
        finished = true
        return summary
    }
}

extension Project {
    /// The site folder for this build alone: refused when it holds files no build wrote,
    /// then locked against other builds until released.
    func claimSite(_ folder: String) throws -> SiteLock {
        try SiteWriter.refuseForeignFolder(folder)
        return try SiteLock(folder, timeout: LedgerStore.busyTimeout, waiting: waiting)
    }

    /// When `folder` holds the whole site a build with `key` wrote (its build key, and every
    /// file its manifest lists, each as that build left it on disk), what a build that
    /// finds nothing to do says.
    static func alreadyBuilt(_ folder: String, key: String) -> SiteWriter.Summary? {
        guard let previous = try? String(contentsOfFile: folder + "/" + buildKeyFile, encoding: .utf8), previous == key,
            let files = SiteWriter.manifest(of: folder), SiteWriter.filesAsRecorded(files, in: folder)
        else { return nil }
        return SiteWriter.Summary(written: 0, unchanged: files.count, removed: 0)
    }

    /// Two teams (or a team and the site) making the same page: a report gave a team's
    /// page a path that does not name the team.
    static func refuseSharedPaths(_ entries: [TeamCache.Entry], _ siteFiles: [RenderedFile]) throws {
        var owner: [String: String] = [:]
        for entry in entries {
            for path in entry.paths {
                if let other = owner.updateValue("team \(entry.team)", forKey: path) {
                    throw AllotError(
                        "is made for both \(other) and team \(entry.team); a report's team pages need paths that name the team", path: path)
                }
            }
        }
        for file in siteFiles {
            if let other = owner[file.path] {
                throw AllotError("is made for \(other) and as a site-wide page; give one of them another path", path: file.path)
            }
        }
    }
}

extension Project {
    /// Every page's filled Markdown (before libcmark), for comparing renderers on the
    /// same pages: `(path, title, markdown)`. Notice previews are emails, not pages in the
    /// layout, and are left out.
    public func filledMarkdown(
        asOf: Instant? = nil, templates: String? = nil,
        reports: [any Report] = BuiltInReports.all
    ) throws -> [(path: String, title: String, markdown: String)] {
        try importSources()
        let set = try templateSet(templates)
        let pipeline = TeamPipeline(project: self, end: try resolvedAsOf(asOf), slugs: try siteSlugs())
        let renderer = try PageRenderer(templates: set, siteTitle: config.title)
        var pages: [Page] = [], summaries: [TeamSummary] = []
        for team in try store.teams() {
            let context = try pipeline.run(team.id).context
            pages += reports.flatMap { $0.pages(context) }.filter { $0.output == .document }
            summaries.append(TeamSummary(team: team.id, context))
        }
        let site = pipeline.site(summaries)
        pages += reports.flatMap { $0.sitePages(site) }
        return try pages.map { ($0.path, $0.title, try renderer.markdown($0)) }
    }
}
