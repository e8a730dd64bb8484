import AllotStore

/// The tables of a PostgreSQL store, one migration per schema version, recorded in
/// `allot_schema_version`; never edit a shipped migration. Text compares byte by byte
/// (`COLLATE "C"`), as in SQLite, so lists come out in the same order from either store;
/// the revision starts at 1, where a new SQLite store's migrations leave it, so the same
/// imports give the same revisions and a build the same keys and bytes from either.
enum PostgresSchema {
    static let migrations = [
        """
        CREATE TABLE setting (key TEXT COLLATE "C" PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO setting (key, value) VALUES ('revision', '1');
        CREATE TABLE account (
            id TEXT COLLATE "C" PRIMARY KEY, name TEXT COLLATE "C" NOT NULL, team TEXT COLLATE "C" NOT NULL,
            email TEXT COLLATE "C", opened BIGINT NOT NULL, closed BIGINT);
        CREATE INDEX account_team ON account(team);
        CREATE TABLE event (
            rowid BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id TEXT COLLATE "C" NOT NULL UNIQUE,
            time BIGINT NOT NULL, type TEXT COLLATE "C" NOT NULL, account TEXT COLLATE "C", message TEXT COLLATE "C",
            recipient TEXT COLLATE "C", amount BIGINT, note TEXT COLLATE "C", team TEXT COLLATE "C",
            source BIGINT NOT NULL, line BIGINT NOT NULL);
        CREATE UNIQUE INDEX event_send ON event(message) WHERE type = 'send';
        CREATE INDEX event_team ON event(team);
        CREATE INDEX event_source ON event(source);
        CREATE TABLE event_holder (
            event TEXT COLLATE "C" NOT NULL, source BIGINT NOT NULL, line BIGINT NOT NULL, PRIMARY KEY (event, source));
        CREATE INDEX event_holder_source ON event_holder(source);
        CREATE TABLE seat_row (
            source BIGINT NOT NULL, id TEXT COLLATE "C" NOT NULL, line BIGINT NOT NULL, name TEXT COLLATE "C" NOT NULL,
            team TEXT COLLATE "C" NOT NULL, email TEXT COLLATE "C", opened BIGINT NOT NULL, closed BIGINT,
            PRIMARY KEY (source, id));
        CREATE INDEX seat_row_id ON seat_row(id);
        CREATE TABLE source (
            path TEXT COLLATE "C" PRIMARY KEY, size BIGINT NOT NULL, modified DOUBLE PRECISION NOT NULL,
            sha256 TEXT COLLATE "C" NOT NULL, number BIGINT NOT NULL UNIQUE);
        CREATE TABLE team (id TEXT COLLATE "C" PRIMARY KEY, revision BIGINT NOT NULL);
        CREATE TABLE notice (
            account TEXT COLLATE "C" NOT NULL, as_of BIGINT NOT NULL, content_hash TEXT COLLATE "C" NOT NULL,
            delivered_at BIGINT NOT NULL, channel TEXT COLLATE "C", host TEXT COLLATE "C", pid INTEGER,
            PRIMARY KEY (account, as_of));
        CREATE TABLE notice_claim (
            account TEXT COLLATE "C" NOT NULL, as_of BIGINT NOT NULL, content_hash TEXT COLLATE "C" NOT NULL,
            channel TEXT COLLATE "C" NOT NULL, host TEXT COLLATE "C" NOT NULL, pid INTEGER NOT NULL, start_ticks BIGINT,
            claimed_at BIGINT NOT NULL, PRIMARY KEY (account, as_of));
        """,
        // Sharded builds (LedgerStore+Shards).
        """
        CREATE TABLE build_shard (
            shard_count INTEGER NOT NULL, shard_index INTEGER NOT NULL, finished INTEGER NOT NULL,
            revision BIGINT NOT NULL, inputs TEXT COLLATE "C" NOT NULL, program TEXT COLLATE "C" NOT NULL,
            teams TEXT COLLATE "C" NOT NULL, PRIMARY KEY (shard_count, shard_index));
        """,
        // Slugs for life (LedgerStore+Slugs).
        """
        CREATE TABLE slug (
            kind TEXT COLLATE "C" NOT NULL, id TEXT COLLATE "C" NOT NULL, slug TEXT COLLATE "C" NOT NULL,
            PRIMARY KEY (kind, id), UNIQUE (kind, slug));
        """,
    ]

    /// Whether the database holds this version's schema: what every open checks first,
    /// without waiting for a writer.
    static func isCurrent(_ db: any SQLConnection) throws -> Bool {
        guard try db.text("SELECT to_regclass('allot_schema_version')::text") != nil else { return false }
        return try version(db) == migrations.count
    }

    /// Creates the version table, and applies the migrations the database lacks, inside
    /// the caller's write transaction. A database of a later version is refused.
    static func migrate(_ db: any SQLConnection) throws {
        try db.execute(
            "CREATE TABLE IF NOT EXISTS allot_schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
        )
        let current = try version(db)
        guard current <= migrations.count else {
            throw PostgresError.newerSchema(current, known: migrations.count)
        }
        for (i, sql) in migrations.enumerated() where i >= current {
            try db.execute(sql)
            try db.execute("INSERT INTO allot_schema_version (version) VALUES (?)", i + 1)
        }
    }

    private static func version(_ db: any SQLConnection) throws -> Int {
        Int(try db.integer("SELECT coalesce(max(version), 0) FROM allot_schema_version") ?? 0)
    }
}
