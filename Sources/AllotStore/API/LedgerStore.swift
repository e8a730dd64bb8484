import AllotImport
import AllotLedger
import Foundation
import GRDB

/// The SQLite system of record: every seat and event ever imported.
/// Each import validates and appends inside one write transaction, so a batch lands
/// whole or not at all, and two imports at once see each other's results.
public final class LedgerStore: Sendable {
    let queue: DatabaseQueue
    public let path: String

    /// Opens (creating folders and the file when missing) and migrates the store.
    public init(path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        var config = Configuration()
        config.busyMode = .timeout(30)
        queue = try DatabaseQueue(path: path, configuration: config)
        self.path = path
        try StoreSchema.migrator.migrate(queue)
    }

    /// A store that lives in memory, for tests.
    public init() throws {
        queue = try DatabaseQueue()
        path = ":memory:"
        try StoreSchema.migrator.migrate(queue)
    }

    /// Appends a batch in one write transaction: `validate` checks it against what is
    /// stored and puts each row into the sink as it goes; unless it succeeds, the batch
    /// is rolled back whole. The store remembers its time zone (`zone`): bare dates were
    /// read in it. `sources` are recorded with the batch, so their next import can be skipped.
    public func importBatch(
        zone: String, sources: [SourceRecord] = [],
        _ validate: (inout StoreSink) throws -> Result<ImportPlan, ImportFailure>
    ) throws -> Result<ImportPlan, ImportFailure> {
        var outcome: Result<ImportPlan, ImportFailure> = .success(ImportPlan())
        try queue.inTransaction(.immediate) { db in
            if let mismatch = try Self.checkZone(zone, db) {
                outcome = .failure(ImportFailure([mismatch]))
                return .rollback
            }
            let bulk = try BulkInsert(db, eventsStored: Self.hasEvents(db))
            defer { bulk.restoreCache() }
            var sink = try StoreSink(db: db)
            outcome = try validate(&sink)
            guard case .success(let plan) = outcome else { return .rollback }
            try sink.placeResponses()
            try bulk.rebuildIndexes()
            if !plan.isEmpty { try Self.bumpRevision(db, teams: sink.teams) }
            try Self.record(sources, db)
            return .commit
        }
        return outcome
    }

    /// The teams, in UTF-8 order of their ids, each with the revision of the last import
    /// that changed one of its seats or events.
    public func teams() throws -> [(id: String, revision: Int)] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT id, revision FROM team").map { (id: $0[0] as String, revision: $0[1] as Int) }
                .sorted { UTF8Order.precedes($0.id, $1.id) }
        }
    }

    /// The latest instant any seat or event holds; nil for an empty store.
    public func latestInstant() throws -> Instant? {
        try queue.read { db in
            try Int64.fetchOne(
                db,
                sql: """
                    SELECT max(t) FROM (SELECT max(time) AS t FROM event UNION ALL SELECT max(opened) FROM account
                    UNION ALL SELECT max(closed) FROM account)
                    """
            ).map(Instant.init(millis:))
        }
    }

    /// Every seat, without events: what slugs and the site's team list need.
    public func accounts() throws -> [Account] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Rows.accountColumns) FROM account ORDER BY id").map(Rows.account)
        }
    }

    /// One team's seats and every event its replay needs (its seats' events and the
    /// responses to their messages), read in one transaction.
    public func load(team: String) throws -> (accounts: [Account], events: [LedgerEvent]) {
        try queue.read { db in
            let accounts = try Row.fetchAll(
                db, sql: "SELECT \(Rows.accountColumns) FROM account WHERE team = ? ORDER BY id",
                arguments: [team]
            ).map(Rows.account)
            // In table order, which keeps a team's rows together; replay orders events itself.
            let events = try Rows.events(db, sql: "SELECT \(Rows.eventColumns) FROM event WHERE team = ?", arguments: [team])
            return (accounts, events)
        }
    }

    /// Every seat and event, read in one transaction.
    public func load() throws -> (accounts: [Account], events: [LedgerEvent]) {
        try queue.read { db in
            let accounts = try Row.fetchAll(db, sql: "SELECT \(Rows.accountColumns) FROM account ORDER BY id").map(Rows.account)
            let events = try Rows.events(db, sql: "SELECT \(Rows.eventColumns) FROM event ORDER BY id")
            return (accounts, events)
        }
    }

    public func counts() throws -> (accounts: Int, events: Int) {
        try queue.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM account") ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM event") ?? 0
            )
        }
    }

    static func hasEvents(_ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM event)") ?? false
    }

    /// The first import records the zone; later ones must use the same.
    private static func checkZone(_ zone: String, _ db: Database) throws -> ImportIssue? {
        if let stored = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'timezone'") {
            guard stored == zone else {
                return ImportIssue(
                    file: "allot.toml", line: 0, field: "timezone",
                    "is \(zone) but the store was filled with \(stored) and bare dates were read in it; delete the store (.allot/) to import again under the new zone"
                )
            }
            return nil
        }
        try db.execute(sql: "INSERT INTO setting (key, value) VALUES ('timezone', ?)", arguments: [zone])
        return nil
    }
}
