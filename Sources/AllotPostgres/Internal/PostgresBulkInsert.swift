import AllotStore

/// Into an empty event table, the indexes no conflict is found through (team, source) are
/// dropped and built once after, as with SQLite: sorting once is far cheaper than updating
/// them row by row. Dropping an index locks the table until the import commits, so
/// readers wait meanwhile, but an empty table has nothing to read. All of it is inside the
/// import's transaction: a failure or a rollback leaves the indexes as they were.
struct PostgresBulkInsert: SQLBulkInsert {
    private let db: any SQLConnection
    private let dropped: [String]

    init(_ db: any SQLConnection, eventsStored: Bool) throws {
        self.db = db
        guard !eventsStored else { dropped = []; return }
        let indexes = try db.all(
            """
            SELECT c.relname, pg_get_indexdef(c.oid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
            WHERE i.indrelid = 'event'::regclass AND NOT i.indisunique
            """
        ) { (name: $0.text(0) ?? "", definition: $0.text(1) ?? "") }
        for index in indexes { try db.execute("DROP INDEX \"\(index.name)\"") }
        dropped = indexes.map(\.definition)
    }

    func rebuildIndexes() throws {
        for definition in dropped { try db.execute(definition) }
    }

    func finish() {}
}
