import AllotImport
import AllotLedger
import AllotSupport
import Foundation

/// The system of record: every seat and event imported, in an SQLite file or a
/// PostgreSQL database (`StoreBackend`). Each import validates and appends inside one
/// write transaction, so a batch lands whole or not at all, and two imports at once see
/// each other's results.
public final class LedgerStore: Sendable {
    let backend: any StoreBackend
    /// The store's file path, or its URI without a password.
    public var location: String { backend.location }

    /// How many seconds a command waits while another process holds the store's write
    /// lock (an import or build still running) before it fails: 30, or
    /// `ALLOT_BUSY_TIMEOUT`, from 0 to a day (SQLite counts the wait in a 32-bit number of
    /// milliseconds, so a larger one cannot be waited).
    public static var busyTimeout: Double {
        get throws {
            guard let text = ProcessInfo.processInfo.environment["ALLOT_BUSY_TIMEOUT"] else { return 30 }
            guard let seconds = Double(text), seconds.isFinite, (0...86_400).contains(seconds) else {
                throw AllotError(
                    "ALLOT_BUSY_TIMEOUT is \"\(text)\"; it must be a number of seconds from 0 to 86400 (a day), such as 30")
            }
            return seconds
        }
    }

    /// Opens (creating folders and the file when missing) and migrates an SQLite store;
    /// a lock is waited for `busyTimeout` seconds, else `LedgerStore.busyTimeout`.
    public convenience init(path: String, busyTimeout: Double? = nil) throws {
        let wait = try busyTimeout ?? Self.busyTimeout
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        self.init(backend: try SQLiteBackend(path: path, busyTimeout: wait))
    }

    /// A store that lives in memory, for tests.
    public convenience init() throws {
        self.init(backend: try SQLiteBackend())
    }

    package init(backend: any StoreBackend) {
        self.backend = backend
    }

    /// Imports a batch in one write transaction (spec §8): each source in `batch` that was
    /// imported before lets go of its rows first, then `validate` checks the batch against
    /// what is stored and puts each row into the sink as it goes, and the rows other
    /// sources hold are checked against what changed. Unless all of it succeeds the
    /// store is left as it was. The store remembers its time zone (`zone`): bare dates
    /// were read in it. `sources` are recorded with the batch, so their next import can
    /// be skipped.
    public func importBatch(
        zone: String, batch: [String], sources: [SourceRecord] = [],
        _ validate: (inout StoreSink) throws -> Result<ImportPlan, ImportFailure>
    ) throws -> Result<ImportPlan, ImportFailure> {
        var outcome: Result<ImportPlan, ImportFailure> = .success(ImportPlan())
        try backend.write { db in
            if let mismatch = try Self.checkZone(zone, db) {
                outcome = .failure(ImportFailure([mismatch]))
                return .rollback
            }
            let numbers = try SourceNumbers(db, batch: batch)
            let replaced = try Self.importedBefore(batch, numbers, db)
            let release = replaced.isEmpty ? nil : try SourceRelease(db, sources: replaced)
            let bulk = try db.bulkInsert(eventsStored: Self.hasEvents(db))
            defer { bulk.finish() }
            var sink = try StoreSink(db: db, sources: numbers, replaced: Set(replaced.keys))
            outcome = try validate(&sink)
            guard case .success(var plan) = outcome else { return .rollback }
            try sink.placeResponses()
            try bulk.rebuildIndexes()
            var teams = sink.teams
            if let release {
                let released = try release.finish(firstNewRow: sink.firstNewRow)
                guard released.issues.isEmpty else {
                    outcome = .failure(ImportFailure(released.issues.sorted { ($0.file, $0.line) < ($1.file, $1.line) }))
                    return .rollback
                }
                plan.sourceChanges = released.changes
                let unchanged = plan.accounts.filter { released.seatsBefore[$0.id] == $0 }.count
                plan.accounts.removeAll { released.seatsBefore[$0.id] == $0 }
                plan.unchangedSeats += unchanged
                plan.addedEvents -= released.reinserted
                plan.repeatedEvents += released.reinserted
                teams.formUnion(released.teams)
                outcome = .success(plan)
            }
            if !plan.isEmpty { try Self.bumpRevision(db, teams: teams) }
            try Self.record(sources, db)
            return .commit
        }
        return outcome
    }

    /// The sources of the batch that hold rows from an earlier import, by number.
    private static func importedBefore(_ batch: [String], _ numbers: SourceNumbers, _ db: any SQLConnection) throws -> [Int64: String] {
        var out: [Int64: String] = [:]
        for name in batch {
            guard let number = numbers.byName[name] else { continue }
            let holds = try db.bool(
                """
                SELECT EXISTS (SELECT 1 FROM event WHERE source = ?1) OR EXISTS (SELECT 1 FROM event_holder WHERE source = ?1)
                OR EXISTS (SELECT 1 FROM seat_row WHERE source = ?1)
                """, number)
            if holds { out[number] = name }
        }
        return out
    }

    /// Removes what sources hold (`allot import --forget`), as importing them empty
    /// would; fails, changing nothing, when rows other sources hold need them.
    public func forget(sources names: [String]) throws -> Result<[SourceChange], ImportFailure> {
        var outcome: Result<[SourceChange], ImportFailure> = .success([])
        try backend.write { db in
            let numbers = try SourceNumbers(db, batch: [])
            var forgotten: [Int64: String] = [:]
            for name in names {
                guard let number = numbers.byName[name] else {
                    let known = numbers.byName.keys.sorted(by: UTF8Order.precedes)
                    let list = known.isEmpty ? "the store holds no sources" : "the sources are " + known.joined(separator: ", ")
                    outcome = .failure(ImportFailure([ImportIssue(file: name, line: 0, "is not a source of this store; \(list)")]))
                    return .rollback
                }
                forgotten[number] = name
            }
            guard !forgotten.isEmpty else { return .rollback }
            let released = try SourceRelease(db, sources: forgotten).finish(firstNewRow: Int64.max)
            guard released.issues.isEmpty else {
                outcome = .failure(ImportFailure(released.issues))
                return .rollback
            }
            for number in forgotten.keys { try db.execute("DELETE FROM source WHERE number = ?", number) }
            try Self.bumpRevision(db, teams: released.teams)
            outcome = .success(released.changes)
            return .commit
        }
        return outcome
    }

    /// The teams, in UTF-8 order of their ids, each with the revision of the last import
    /// that changed one of its seats or events.
    public func teams() throws -> [(id: String, revision: Int)] {
        try backend.read { db in
            try db.all("SELECT id, revision FROM team") { (id: $0.text(0) ?? "", revision: Int($0.integer(1) ?? 0)) }
                .sorted { UTF8Order.precedes($0.id, $1.id) }
        }
    }

    /// The latest instant any seat or event holds; nil for an empty store.
    public func latestInstant() throws -> Instant? {
        try backend.read { db in
            try db.integer(
                """
                SELECT max(t) FROM (SELECT max(time) AS t FROM event UNION ALL SELECT max(opened) FROM account
                UNION ALL SELECT max(closed) FROM account) AS latest
                """
            ).map(Instant.init(millis:))
        }
    }

    /// Every seat, without events: what slugs and the site's team list need.
    public func accounts() throws -> [Account] {
        try backend.read { db in try db.all("SELECT \(Rows.accountColumns) FROM account ORDER BY id", row: Rows.account) }
    }

    /// One team's seats and every event its replay needs (its seats' events and the
    /// responses to their messages), read in one transaction.
    public func load(team: String) throws -> (accounts: [Account], events: [LedgerEvent]) {
        try backend.read { db in
            let accounts = try db.all("SELECT \(Rows.accountColumns) FROM account WHERE team = ? ORDER BY id", team, row: Rows.account)
            // In table order, which keeps a team's rows together; replay orders events itself.
            let events = try Rows.events(db, "SELECT \(Rows.eventColumns) FROM event WHERE team = ?", team)
            return (accounts, events)
        }
    }

    /// Every seat and event, read in one transaction.
    public func load() throws -> (accounts: [Account], events: [LedgerEvent]) {
        try backend.read { db in
            let accounts = try db.all("SELECT \(Rows.accountColumns) FROM account ORDER BY id", row: Rows.account)
            let events = try Rows.events(db, "SELECT \(Rows.eventColumns) FROM event ORDER BY id")
            return (accounts, events)
        }
    }

    public func counts() throws -> (accounts: Int, events: Int) {
        try backend.read { db in
            (Int(try db.integer("SELECT count(*) FROM account") ?? 0), Int(try db.integer("SELECT count(*) FROM event") ?? 0))
        }
    }

    static func hasEvents(_ db: any SQLConnection) throws -> Bool {
        try db.bool("SELECT EXISTS (SELECT 1 FROM event)")
    }

    /// The first import records the zone; later ones must use the same.
    private static func checkZone(_ zone: String, _ db: any SQLConnection) throws -> ImportIssue? {
        if let stored = try db.text("SELECT value FROM setting WHERE key = 'timezone'") {
            guard stored == zone else {
                return ImportIssue(
                    file: "allot.toml", line: 0, field: "timezone",
                    "is \(zone) but the store was filled with \(stored) and bare dates were read in it; start a new store (delete .allot/, or name an empty database with --store) to import again under the new zone"
                )
            }
            return nil
        }
        try db.execute("INSERT INTO setting (key, value) VALUES ('timezone', ?)", zone)
        return nil
    }
}
