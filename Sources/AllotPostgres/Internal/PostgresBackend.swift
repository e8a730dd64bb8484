import AllotStore
import Foundation

/// A PostgreSQL database as the store. One connection, used by one thread at a time.
/// Writers take a transaction-scoped advisory lock first, so the writes of every
/// process on every host run one after another, each seeing all that committed before
/// it; readers see one snapshot (REPEATABLE READ) and never wait for writers.
final class PostgresBackend: StoreBackend, @unchecked Sendable {
    /// The advisory lock every writer of an Allot store takes ("allot" in ASCII). It is
    /// the database's own lock: it ends with the transaction, and with the connection
    /// of a process that dies.
    static let writeLock: Int64 = 0x61_6C_6C_6F_74

    let location: String
    private let uri: String
    private let busyTimeout: Double
    private let lock = NSLock()
    private let connection: PostgresConnection

    init(uri: String, busyTimeout: Double) throws {
        self.uri = uri
        location = PostgresURI.redacted(uri)
        self.busyTimeout = busyTimeout
        connection = try PostgresFailure.explained(location, uri, busyTimeout) {
            let connection = try PostgresConnection(uri: uri)
            try Self.configure(connection, busyTimeout)
            return connection
        }
        if try read(PostgresSchema.isCurrent) { return }
        try write { db in
            try PostgresSchema.migrate(db)
            return .commit
        }
    }

    func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try transaction("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY") { db in (try body(db), .commit) }
    }

    func write(_ body: (any SQLConnection) throws -> SQLCompletion) throws {
        try transaction("BEGIN") { db in
            try db.execute("SELECT pg_advisory_xact_lock(?)", Self.writeLock)
            return ((), try body(db))
        }
    }

    /// Runs `body` between `begin` and COMMIT or ROLLBACK; an error rolls back.
    private func transaction<T>(_ begin: String, _ body: (PostgresConnection) throws -> (T, SQLCompletion)) throws -> T {
        try lock.withLock {
            try PostgresFailure.explained(location, uri, busyTimeout) {
                if try connection.reconnectIfLost() { try Self.configure(connection, busyTimeout) }
                try connection.execute(begin, arguments: [])
                do {
                    let (value, completion) = try body(connection)
                    try connection.execute(completion == .commit ? "COMMIT" : "ROLLBACK", arguments: [])
                    return value
                } catch {
                    try? connection.execute("ROLLBACK", arguments: [])
                    throw error
                }
            }
        }
    }

    /// A lock wait ends after `busyTimeout` seconds (at least a millisecond: 0 would
    /// mean forever).
    private static func configure(_ connection: PostgresConnection, _ busyTimeout: Double) throws {
        let milliseconds = max(1, Int((busyTimeout * 1000).rounded()))
        try connection.execute("SELECT set_config('lock_timeout', ?, false)", "\(milliseconds)ms")
    }
}
