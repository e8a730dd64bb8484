import AllotLedger

extension LedgerStore {
    /// The record of a source file's last import, if any.
    public func sourceRecord(path: String) throws -> SourceRecord? {
        try backend.read { db in
            try db.first("SELECT path, size, modified, sha256 FROM source WHERE path = ?", path) {
                SourceRecord(path: $0.text(0) ?? "", size: Int($0.integer(1) ?? -1), modified: $0.real(2) ?? 0, sha256: $0.text(3) ?? "")
            }
        }
    }

    /// Every source the store holds rows of, in UTF-8 order.
    public func sourceNames() throws -> [String] {
        try backend.read { db in
            try db.texts(
                """
                SELECT path FROM source WHERE EXISTS (SELECT 1 FROM event WHERE event.source = source.number)
                OR EXISTS (SELECT 1 FROM event_holder h WHERE h.source = source.number)
                OR EXISTS (SELECT 1 FROM seat_row r WHERE r.source = source.number)
                """
            ).sorted(by: UTF8Order.precedes)
        }
    }

    /// Counts imports that changed the ledger: equal revisions mean equal contents.
    public func revision() throws -> Int {
        try backend.read { db in Int(try db.text("SELECT value FROM setting WHERE key = 'revision'") ?? "0") ?? 0 }
    }

    static func record(_ sources: [SourceRecord], _ db: any SQLConnection) throws {
        for s in sources {
            try db.execute(
                """
                INSERT INTO source (path, size, modified, sha256, number)
                VALUES (?, ?, ?, ?, (SELECT coalesce(max(number), 0) + 1 FROM source))
                ON CONFLICT(path) DO UPDATE SET size = excluded.size, modified = excluded.modified, sha256 = excluded.sha256
                """, s.path, s.size, s.modified, s.sha256)
        }
    }

    /// A new store revision, which the changed teams take as theirs.
    static func bumpRevision(_ db: any SQLConnection, teams: Set<String>) throws {
        try db.execute("UPDATE setting SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'revision'")
        for team in teams {
            try db.execute(
                """
                INSERT INTO team (id, revision) SELECT ?, CAST(value AS INTEGER) FROM setting WHERE key = 'revision'
                ON CONFLICT(id) DO UPDATE SET revision = excluded.revision
                """, team)
        }
    }
}
