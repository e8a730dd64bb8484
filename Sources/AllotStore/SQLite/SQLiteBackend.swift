import AllotSupport
import GRDB

/// An SQLite file (or a database in memory) through GRDB. Another process's write lock is
/// waited for `busyTimeout` seconds; failures say which store failed and what to do
/// (`SQLiteFailure`) instead of giving SQLite's result codes.
struct SQLiteBackend: StoreBackend {
    let database: DatabaseQueue
    let location: String
    let busyTimeout: Double

    /// Opens the file and migrates it; refuses a database another program made.
    init(path: String, busyTimeout: Double) throws {
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        location = path
        self.busyTimeout = busyTimeout
        database = try SQLiteFailure.explained(path, busyTimeout) { try DatabaseQueue(path: path, configuration: config) }
        try SQLiteFailure.explained(path, busyTimeout) {
            try SQLiteSchema.requireAllotStore(database, path: path)
            try SQLiteSchema.migrate(database)
        }
    }

    /// A database in memory.
    init() throws {
        database = try DatabaseQueue()
        location = ":memory:"
        busyTimeout = 0
        try SQLiteSchema.migrate(database)
    }

    func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try SQLiteFailure.explained(location, busyTimeout) { try database.read { try body(SQLiteConnection($0)) } }
    }

    func write(_ body: (any SQLConnection) throws -> SQLCompletion) throws {
        try SQLiteFailure.explained(location, busyTimeout) {
            try database.inTransaction(.immediate) { db in try body(SQLiteConnection(db)) == .commit ? .commit : .rollback }
        }
    }
}
