import GRDB

/// The store's database queue, whose failures say which store failed and what to do
/// (`StoreFailure`) instead of giving SQLite's result codes.
struct StoreQueue: Sendable {
    let database: DatabaseQueue
    let path: String
    let busyTimeout: Double

    /// Opens the file; a write lock another process holds is waited for `busyTimeout` seconds.
    init(path: String, busyTimeout: Double) throws {
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        database = try Self.explained(path, busyTimeout) { try DatabaseQueue(path: path, configuration: config) }
        self.path = path
        self.busyTimeout = busyTimeout
    }

    /// A database in memory.
    init() throws {
        database = try DatabaseQueue()
        path = ":memory:"
        busyTimeout = 0
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T { try explained { try database.read(body) } }

    func write<T>(_ body: (Database) throws -> T) throws -> T { try explained { try database.write(body) } }

    func inTransaction(_ kind: Database.TransactionKind, _ body: (Database) throws -> Database.TransactionCompletion) throws {
        try explained { try database.inTransaction(kind, body) }
    }

    func explained<T>(_ body: () throws -> T) throws -> T { try Self.explained(path, busyTimeout, body) }

    private static func explained<T>(_ path: String, _ busyTimeout: Double, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw StoreFailure.error(error, path: path, busyTimeout: busyTimeout)
        }
    }
}
