import GRDB

/// The store's schema, one migration per version; never edit a shipped migration.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1: seats, events, settings") { db in
            try db.execute(sql: """
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
            try db.execute(sql: """
                CREATE TABLE notice (
                    account TEXT NOT NULL, as_of INTEGER NOT NULL, content_hash TEXT NOT NULL,
                    delivered_at INTEGER NOT NULL, PRIMARY KEY (account, as_of));
                """)
        }
        m.registerMigration("v3: source files and revision") { db in
            try db.execute(sql: """
                CREATE TABLE source (path TEXT PRIMARY KEY NOT NULL, size INTEGER NOT NULL, modified REAL NOT NULL,
                    sha256 TEXT NOT NULL);
                INSERT INTO setting (key, value) VALUES ('revision', '0');
                """)
        }
        return m
    }
}
