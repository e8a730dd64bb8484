import AllotImport
import AllotLedger
import AllotStore
import Foundation

/// A ledger folder: `allot.toml`, its source files, and the store beside them.
public struct Project: Sendable {
    public let configPath: String
    public let config: ProjectConfig
    public let store: LedgerStore

    /// The store's default place: `.allot/ledger.sqlite` beside the config file.
    public static func defaultStorePath(forConfig configPath: String) -> String {
        folder(of: configPath) + ".allot/ledger.sqlite"
    }

    /// Reads the config and opens (or creates) the store.
    public init(configPath: String, storePath: String? = nil, registry: PolicyRegistry = .builtIn) throws {
        guard let data = FileManager.default.contents(atPath: configPath) else {
            throw ImportFailure([ImportIssue(file: configPath, line: 0, "cannot be read; is the path right? Pass --config PATH")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ImportFailure([ImportIssue(file: configPath, line: 0, "is not UTF-8 text")])
        }
        self.configPath = configPath
        self.config = try ProjectConfig.parse(text, file: configPath, registry: registry)
        self.store = try LedgerStore(path: storePath ?? Self.defaultStorePath(forConfig: configPath))
    }

    /// The config's `sources`, as paths from the current folder.
    public var sourcePaths: [String] {
        config.sources.map { $0.hasPrefix("/") ? $0 : Self.folder(of: configPath) + $0 }
    }

    /// Imports the config's sources as one batch; throws `ImportFailure` when any is bad.
    @discardableResult
    public func importSources() throws -> ImportPlan { try importFiles(sourcePaths) }

    /// Imports files as one batch: all of it lands, or none of it (and the failure lists why).
    @discardableResult
    public func importFiles(_ paths: [String]) throws -> ImportPlan {
        let batch = try SourceFiles.read(paths, known: store.sourceRecord(path:))
        return try store.importBatch(batch.tables, calendar: config.settings.calendar, sources: batch.records).get()
    }

    /// The as-of instant: the given one, else the config's, else the end of the day of the latest record.
    public func replay(asOf: Instant? = nil) throws -> Ledger {
        let (accounts, events) = try store.load()
        let end = asOf ?? config.asOf ?? config.settings.defaultAsOf(accounts: accounts, events: events)
            ?? Instant(millis: 0)
        return Ledger.replay(accounts: accounts, events: events, settings: config.settings, asOf: end)
    }

    static func folder(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "" : folder + "/"
    }
}
