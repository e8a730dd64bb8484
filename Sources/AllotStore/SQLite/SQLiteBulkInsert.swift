import GRDB

/// Settings for adding many rows in one transaction: a page cache big enough that
/// SQLite need not spill pages to disk mid-transaction, and, into an empty event table,
/// the team index dropped and built once after (sorting once is far cheaper than
/// updating it row by row). The id and send indexes stay: import finds repeats through
/// them. All of it is inside the import's transaction, so a crash or a rollback leaves
/// the store (and its indexes) as they were.
struct SQLiteBulkInsert: SQLBulkInsert {
    private let db: Database
    private let cache: Int
    private let dropped: [String]

    init(_ db: Database, eventsStored: Bool) throws {
        self.db = db
        cache = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
        try db.execute(sql: "PRAGMA cache_size = -262144")
        guard !eventsStored else { dropped = []; return }
        let indexes = try Row.fetchAll(
            db,
            sql: """
                SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'event' AND sql IS NOT NULL
                AND name != 'event_send'
                """
        ).map { (name: $0[0] as String, sql: $0[1] as String) }
        for index in indexes { try db.execute(sql: "DROP INDEX \(index.name.quotedDatabaseIdentifier)") }
        dropped = indexes.map(\.sql)
    }

    func rebuildIndexes() throws {
        for sql in dropped { try db.execute(sql: sql) }
    }

    func finish() {
        try? db.execute(sql: "PRAGMA cache_size = \(cache)")
    }
}
