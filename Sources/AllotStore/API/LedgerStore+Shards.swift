import GRDB

/// Shards of sharded builds: one record per shard (N and K), replaced each time the
/// shard runs. Builds read them; imports never touch them.
extension LedgerStore {
    /// Records what a shard did, replacing the earlier record of the same shard.
    public func recordShard(_ record: ShardRecord) throws {
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO build_shard (shard_count, shard_index, finished, revision, inputs, program, teams)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(shard_count, shard_index) DO UPDATE SET finished = excluded.finished,
                        revision = excluded.revision, inputs = excluded.inputs, program = excluded.program, teams = excluded.teams
                    """,
                arguments: [record.count, record.index, record.finished, record.revision, record.inputs, record.program, record.teams])
        }
    }

    /// The records of the shards of an `count`-shard build, by shard index; shards that
    /// never ran are missing.
    public func shardRecords(count: Int) throws -> [Int: ShardRecord] {
        try queue.read { db in
            var out: [Int: ShardRecord] = [:]
            let rows = try Row.fetchAll(
                db, sql: "SELECT shard_index, finished, revision, inputs, program, teams FROM build_shard WHERE shard_count = ?",
                arguments: [count])
            for row in rows {
                out[row[0]] = ShardRecord(
                    count: count, index: row[0], finished: row[1], revision: row[2], inputs: row[3], program: row[4], teams: row[5])
            }
            return out
        }
    }

    /// The table, created by the store's migration "v9: sharded builds".
    static func createShardTable(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE build_shard (
                    shard_count INTEGER NOT NULL, shard_index INTEGER NOT NULL, finished INTEGER NOT NULL,
                    revision INTEGER NOT NULL, inputs TEXT NOT NULL, program TEXT NOT NULL, teams BLOB NOT NULL,
                    PRIMARY KEY (shard_count, shard_index)) WITHOUT ROWID;
                """)
    }
}
