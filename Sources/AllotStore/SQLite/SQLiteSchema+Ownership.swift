import AllotSupport
import GRDB

extension SQLiteSchema {
    /// The migration every Allot store has applied first.
    static let firstMigration = "v1: seats, events, settings"

    /// Refuses, changing nothing, a file that holds a database Allot did not make: one
    /// with tables (or views, indexes, triggers) but no record of Allot's first migration.
    /// An empty file, a new database, or one another Allot is migrating right now (its
    /// first migration commits its tables and its record together) passes.
    static func requireAllotStore(_ queue: DatabaseQueue, path: String) throws {
        let foreign: [String]? = try queue.read { db in
            let names = try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations' ORDER BY name")
            guard !names.isEmpty else { return nil }
            let recorded =
                try db.tableExists("grdb_migrations")
                && (try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM grdb_migrations WHERE identifier = ?)", arguments: [firstMigration])
                    ?? false)
            return recorded ? nil : names
        }
        guard let foreign else { return }
        let shown = foreign.prefix(3).joined(separator: ", ") + (foreign.count > 3 ? ", …" : "")
        throw AllotError(
            "the store \(path) is not an Allot store: it holds a database another program made (\(shown)); name another file with --store or the config's store, or move this one away"
        )
    }
}
