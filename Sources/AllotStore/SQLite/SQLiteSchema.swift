import GRDB

/// The SQLite store's schema, one migration per version (GRDB records them); never edit a
/// shipped migration.
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration(firstMigration) { db in
            try db.execute(
                sql: """
                    CREATE TABLE setting (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
                    CREATE TABLE account (
                        id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL, team TEXT NOT NULL, email TEXT,
                        opened INTEGER NOT NULL, closed INTEGER);
                    CREATE TABLE event (
                        id TEXT PRIMARY KEY NOT NULL, time INTEGER NOT NULL, type TEXT NOT NULL, account TEXT,
                        message TEXT, recipient TEXT, amount INTEGER, note TEXT);
                    CREATE INDEX event_send ON event(message) WHERE type = 'send';
                    CREATE INDEX event_account ON event(account, time);
                    CREATE INDEX event_recipient ON event(recipient, time) WHERE recipient IS NOT NULL;
                    """)
        }
        m.registerMigration("v2: notice log") { db in
            try db.execute(
                sql: """
                    CREATE TABLE notice (
                        account TEXT NOT NULL, as_of INTEGER NOT NULL, content_hash TEXT NOT NULL,
                        delivered_at INTEGER NOT NULL, PRIMARY KEY (account, as_of));
                    """)
        }
        m.registerMigration("v3: source files and revision") { db in
            try db.execute(
                sql: """
                    CREATE TABLE source (path TEXT PRIMARY KEY NOT NULL, size INTEGER NOT NULL, modified REAL NOT NULL,
                        sha256 TEXT NOT NULL);
                    INSERT INTO setting (key, value) VALUES ('revision', '0');
                    """)
        }
        m.registerMigration("v4: events by team, team revisions") { db in
            // A response belongs to the team of the seat that sent its message: a team's
            // events are everything its replay needs.
            try db.execute(
                sql: """
                    ALTER TABLE event ADD COLUMN team TEXT;
                    UPDATE event SET team = (SELECT a.team FROM account a WHERE a.id = event.account)
                        WHERE type NOT IN ('accept', 'decline');
                    UPDATE event SET team = (SELECT s.team FROM event s WHERE s.type = 'send' AND s.message = event.message)
                        WHERE type IN ('accept', 'decline');
                    CREATE INDEX event_team ON event(team);
                    CREATE INDEX account_team ON account(team);
                    CREATE TABLE team (id TEXT PRIMARY KEY NOT NULL, revision INTEGER NOT NULL);
                    INSERT INTO team (id, revision) SELECT DISTINCT team, 1 FROM account;
                    """)
        }
        m.registerMigration("v5: events of a seat found through its team") { db in
            // Every event of a seat (given or received) is in the seat's team, so the
            // team index finds them; two fewer indexes to keep up on every import.
            try db.execute(
                sql: """
                    DROP INDEX event_account;
                    DROP INDEX event_recipient;
                    """)
        }
        m.registerMigration("v6: one send per message, enforced by the store") { db in
            // Import adds events as it validates them; the unique index is how it finds
            // a message sent twice, without holding the batch's sends in memory.
            try db.execute(
                sql: """
                    DROP INDEX event_send;
                    CREATE UNIQUE INDEX event_send ON event(message) WHERE type = 'send';
                    """)
        }
        m.registerMigration("v7: sources are snapshots") { db in
            // Every row now belongs to the sources that hold it (spec §8). Rows stored
            // before cannot be told apart by source, so the ledger tables start empty and
            // the next import reads every source again; the notice log stays.
            try db.execute(
                sql: """
                    DELETE FROM event;
                    DELETE FROM account;
                    DELETE FROM source;
                    DELETE FROM team;
                    UPDATE setting SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'revision';
                    ALTER TABLE source ADD COLUMN number INTEGER NOT NULL DEFAULT 0;
                    CREATE UNIQUE INDEX source_number ON source(number);
                    ALTER TABLE event ADD COLUMN source INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE event ADD COLUMN line INTEGER NOT NULL DEFAULT 0;
                    CREATE INDEX event_source ON event(source);
                    CREATE TABLE event_holder (
                        event TEXT NOT NULL, source INTEGER NOT NULL, line INTEGER NOT NULL,
                        PRIMARY KEY (event, source)) WITHOUT ROWID;
                    CREATE INDEX event_holder_source ON event_holder(source);
                    CREATE TABLE seat_row (
                        source INTEGER NOT NULL, id TEXT NOT NULL, line INTEGER NOT NULL, name TEXT NOT NULL,
                        team TEXT NOT NULL, email TEXT, opened INTEGER NOT NULL, closed INTEGER,
                        PRIMARY KEY (source, id)) WITHOUT ROWID;
                    CREATE INDEX seat_row_id ON seat_row(id);
                    """)
        }
        m.registerMigration("v8: notice claims") { db in
            // A run claims a seat's notice before it sends it (one claim per seat and as-of)
            // and records the delivery after; a claim left behind is a run that did not
            // finish. A delivery records its channel and the host and process that made it
            // (unknown for notices logged before).
            try db.execute(
                sql: """
                    CREATE TABLE notice_claim (
                        account TEXT NOT NULL, as_of INTEGER NOT NULL, content_hash TEXT NOT NULL, channel TEXT NOT NULL,
                        host TEXT NOT NULL, pid INTEGER NOT NULL, start_ticks INTEGER, claimed_at INTEGER NOT NULL,
                        PRIMARY KEY (account, as_of)) WITHOUT ROWID;
                    ALTER TABLE notice ADD COLUMN channel TEXT;
                    ALTER TABLE notice ADD COLUMN host TEXT;
                    ALTER TABLE notice ADD COLUMN pid INTEGER;
                    """)
        }
        // A shard of a sharded build records what it rendered; the merge checks them all
        // (LedgerStore+Shards).
        m.registerMigration("v9: sharded builds") { db in try db.execute(sql: LedgerStore.shardTableSQL) }
        // A seat or team keeps the slug it was first given (LedgerStore+Slugs). A store
        // migrated here has none recorded: the next build gives every seat the slug it had.
        m.registerMigration("v10: slugs for life") { db in try db.execute(sql: LedgerStore.slugTableSQL) }
        return m
    }

    /// Migrates the store. Processes that open a store needing a migration at the same
    /// time race: GRDB reads which migrations are applied before it runs each in its own
    /// transaction, so a process can try one another has just applied. That attempt fails
    /// whole (the migration's identifier is unique), and trying again starts from what is
    /// applied now.
    static func migrate(_ queue: DatabaseQueue) throws {
        let migrator = self.migrator
        for attempt in 1... {
            do {
                return try migrator.migrate(queue)
            } catch {
                if attempt == 10 { throw error }
                if try queue.read(migrator.hasCompletedMigrations) { return }
            }
        }
    }
}
