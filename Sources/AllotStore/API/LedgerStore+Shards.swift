/// Shards of sharded builds: one record per shard (N and K), replaced each time the
/// shard runs. Builds read them; imports never touch them.
extension LedgerStore {
    /// Records what a shard did, replacing the earlier record of the same shard.
    public func recordShard(_ record: ShardRecord) throws {
        try backend.write { db in
            try db.execute(
                """
                INSERT INTO build_shard (shard_count, shard_index, finished, revision, inputs, program, teams)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(shard_count, shard_index) DO UPDATE SET finished = excluded.finished,
                    revision = excluded.revision, inputs = excluded.inputs, program = excluded.program, teams = excluded.teams
                """, record.count, record.index, record.finished ? 1 : 0, record.revision, record.inputs, record.program,
                record.teams)
            return .commit
        }
    }

    /// The records of the shards of an `count`-shard build, by shard index; shards that
    /// never ran are missing.
    public func shardRecords(count: Int) throws -> [Int: ShardRecord] {
        let records = try backend.read { db in
            try db.all(
                "SELECT shard_index, finished, revision, inputs, program, teams FROM build_shard WHERE shard_count = ?", count
            ) { row in
                ShardRecord(
                    count: count, index: Int(row.integer(0) ?? -1), finished: row.bool(1) ?? false,
                    revision: Int(row.integer(2) ?? -1), inputs: row.text(3) ?? "", program: row.text(4) ?? "",
                    teams: row.text(5) ?? "")
            }
        }
        return Dictionary(records.map { ($0.index, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The table as SQLite holds it, created by the store's migration "v9: sharded builds".
    static let shardTableSQL = """
        CREATE TABLE build_shard (
            shard_count INTEGER NOT NULL, shard_index INTEGER NOT NULL, finished INTEGER NOT NULL,
            revision INTEGER NOT NULL, inputs TEXT NOT NULL, program TEXT NOT NULL, teams TEXT NOT NULL,
            PRIMARY KEY (shard_count, shard_index)) WITHOUT ROWID;
        """
}
