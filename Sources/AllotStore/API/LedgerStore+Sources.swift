import GRDB

extension LedgerStore {
    /// The record of a source file's last import, if any.
    public func sourceRecord(path: String) throws -> SourceRecord? {
        try queue.read { db in
            try Row.fetchOne(db, sql: "SELECT path, size, modified, sha256 FROM source WHERE path = ?", arguments: [path]).map {
                SourceRecord(path: $0[0], size: $0[1], modified: $0[2], sha256: $0[3])
            }
        }
    }

    /// Counts imports that changed the ledger: equal revisions mean equal contents.
    public func revision() throws -> Int {
        try queue.read { db in Int(try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'revision'") ?? "0") ?? 0 }
    }

    static func record(_ sources: [SourceRecord], _ db: Database) throws {
        for s in sources {
            try db.execute(
                sql: """
                    INSERT INTO source (path, size, modified, sha256) VALUES (?, ?, ?, ?)
                    ON CONFLICT(path) DO UPDATE SET size = excluded.size, modified = excluded.modified, sha256 = excluded.sha256
                    """, arguments: [s.path, s.size, s.modified, s.sha256])
        }
    }

    /// A new store revision, which the changed teams take as theirs.
    static func bumpRevision(_ db: Database, teams: Set<String>) throws {
        try db.execute(sql: "UPDATE setting SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'revision'")
        let statement = try db.makeStatement(
            sql: """
                INSERT INTO team (id, revision) SELECT ?, CAST(value AS INTEGER) FROM setting WHERE key = 'revision'
                ON CONFLICT(id) DO UPDATE SET revision = excluded.revision
                """)
        for team in teams { try statement.execute(arguments: [team]) }
    }
}
