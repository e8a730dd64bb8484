import AllotImport
import AllotLedger
import AllotMail
import AllotPolicies
import AllotPostgres
import AllotStore
import Foundation

/// A ledger folder: `allot.toml`, its source files, and the store beside them.
public struct Project: Sendable {
    public let configPath: String
    public let config: ProjectConfig
    public let store: LedgerStore
    /// The sender of expiry notices, `[notify] from`.
    public let notifyFrom: MailAddress?
    /// Told what an import reads as valid but looks like a mistake, once per file read.
    public var warn: @Sendable (ImportIssue) -> Void = { _ in }
    /// Told, once, when a command waits for another process (a build writing the same site).
    public var waiting: @Sendable (String) -> Void = { _ in }

    /// The store's default place: `.allot/ledger.sqlite` beside the config file.
    public static func defaultStorePath(forConfig configPath: String) -> String {
        folder(of: configPath) + ".allot/ledger.sqlite"
    }

    /// Reads the config and opens (or creates) the store: `storePath` (`--store`), else the
    /// config's `store`, else `defaultStorePath`. A libpq connection URI names a
    /// PostgreSQL database; anything else is an SQLite file.
    public init(configPath: String, storePath: String? = nil, registry: PolicyRegistry = .builtIn) throws {
        guard let data = FileManager.default.contents(atPath: configPath) else {
            throw ImportFailure([ImportIssue(file: configPath, line: 0, "cannot be read; is the path right? Pass --config PATH")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ImportFailure([ImportIssue(file: configPath, line: 0, "is not UTF-8 text")])
        }
        self.configPath = configPath
        self.config = try ProjectConfig.parse(text, file: configPath, registry: registry)
        self.notifyFrom = try config.notifyFrom.map { text in
            guard let address = MailAddress(parsing: text) else {
                let message = "\"\(text)\" is not a mail address such as \"Credits <credits@example.com>\""
                throw ImportFailure([ImportIssue(file: configPath, line: 0, field: "notify.from", message)])
            }
            return address
        }
        let configured = config.store.map { PostgresURI.names($0) || $0.hasPrefix("/") ? $0 : Self.folder(of: configPath) + $0 }
        self.store = try Self.openStore(storePath ?? configured ?? Self.defaultStorePath(forConfig: configPath))
    }

    /// The store at `location`: a PostgreSQL database when it is a libpq URI, else an
    /// SQLite file.
    public static func openStore(_ location: String) throws -> LedgerStore {
        PostgresURI.names(location) ? try LedgerStore(postgres: location) : try LedgerStore(path: location)
    }

    /// The config's `sources`, as paths from the current folder.
    public var sourcePaths: [String] {
        config.sources.map { $0.hasPrefix("/") ? $0 : Self.folder(of: configPath) + $0 }
    }

    /// Imports the config's sources as one batch; throws `ImportFailure` when any is bad.
    @discardableResult
    public func importSources() throws -> ImportPlan { try importFiles(sourcePaths) }

    /// Imports files as one batch: all of it lands, or none of it (and the failure lists
    /// why). A file imported before replaces what it held (spec §8).
    @discardableResult
    public func importFiles(_ paths: [String]) throws -> ImportPlan {
        let batch = try SourceFiles.read(paths.map { ($0, sourceName($0)) }, known: store.sourceRecord(path:))
        let plan = try store.importBatch(batch.tables, calendar: config.settings.calendar, sources: batch.records).get()
        batch.warnings.forEach(warn)
        return plan
    }

    /// The store's name for a file: its path from the config's folder when it is inside
    /// that folder, else its absolute path; the same file gets the same name from any
    /// working folder.
    public func sourceName(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let base = URL(fileURLWithPath: Self.folder(of: configPath).isEmpty ? "." : Self.folder(of: configPath))
            .standardizedFileURL.path
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : absolute
    }

    /// Sources the store holds rows of that the config no longer lists: kept until
    /// `forget(source:)` (spec §8).
    public func unlistedSources() throws -> [String] {
        let listed = Set(sourcePaths.map(sourceName))
        return try store.sourceNames().filter { !listed.contains($0) }
    }

    /// Removes what sources hold from the store, all or none; each is named as
    /// `unlistedSources` gives it, or by a path to the file. Fails, changing nothing,
    /// when rows of other sources need their rows.
    @discardableResult
    public func forget(sources: [String]) throws -> [SourceChange] {
        let known = try store.sourceNames()
        let names = sources.map { given in known.contains(sourceName(given)) && !known.contains(given) ? sourceName(given) : given }
        return try store.forget(sources: names).get()
    }

    /// The as-of instant: the given one, else the config's, else the end of the day of the latest record.
    public func replay(asOf: Instant? = nil) throws -> Ledger {
        try replayWithComparisons(asOf: asOf, comparing: []).ledger
    }

    /// The ledger, and each named `[[compare]]` entry replayed from the same events
    /// (all of them when `names` is nil). An unknown name is an error that lists the known ones.
    public func replayWithComparisons(asOf: Instant? = nil, comparing names: [String]? = nil) throws -> (
        ledger: Ledger, comparisons: [Comparison]
    ) {
        let entries = try comparisonEntries(names)
        let (accounts, events) = try store.load()
        return replay(accounts: accounts, events: events, asOf: try resolvedAsOf(asOf), comparing: entries)
    }

    /// One team replayed, with every `[[compare]]` entry: what a build renders a team from.
    public func replay(team: String, asOf: Instant) throws -> (ledger: Ledger, comparisons: [Comparison]) {
        let (accounts, events) = try store.load(team: team)
        return replay(accounts: accounts, events: events, asOf: asOf, comparing: config.comparisons)
    }

    /// The as-of instant of a replay: the given one, else the config's, else the end of
    /// the local day holding the latest record (spec §1).
    public func resolvedAsOf(_ asOf: Instant?) throws -> Instant {
        if let asOf { return asOf }
        if let configured = config.asOf { return configured }
        return try store.latestInstant().map { config.settings.calendar.endOfDay(containing: $0) } ?? Instant(millis: 0)
    }

    private func comparisonEntries(_ names: [String]?) throws -> [ComparisonConfig] {
        try (names ?? config.comparisons.map(\.name)).map { name in
            guard let entry = config.comparisons.first(where: { $0.name == name }) else {
                let known = config.comparisons.map { "\"\($0.name)\"" }
                throw AllotError(
                    known.isEmpty
                        ? "has no [[compare]] entries; add one to compare \"\(name)\""
                        : "has no comparison named \"\(name)\"; the comparisons are \(known.joined(separator: ", "))",
                    path: configPath)
            }
            return entry
        }
    }

    func replay(
        accounts: [Account], events: [LedgerEvent], asOf: Instant,
        comparing entries: [ComparisonConfig]
    ) -> (ledger: Ledger, comparisons: [Comparison]) {
        let ledger = Ledger.replay(accounts: accounts, events: events, settings: config.settings, asOf: asOf)
        return (ledger, comparisons(of: ledger, accounts: accounts, events: events, comparing: entries))
    }

    /// Each `[[compare]]` entry's replay of the seats and events `base` was replayed from.
    func comparisons(
        of base: Ledger, accounts: [Account], events: [LedgerEvent], comparing entries: [ComparisonConfig]
    ) -> [Comparison] {
        entries.map { entry in
            Comparison(
                name: entry.name, base: base,
                alternative: Ledger.replay(
                    accounts: accounts, events: events, settings: entry.settings(from: config.settings), asOf: base.asOf))
        }
    }

    static func folder(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "" : folder + "/"
    }
}
