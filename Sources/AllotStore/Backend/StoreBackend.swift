/// Where a `LedgerStore` keeps its tables: an SQLite file or a PostgreSQL database.
/// Failures come out as `AllotError`s that name the store (`location`) and say what to do.
package protocol StoreBackend: Sendable {
    /// The store's file path, or its URI without a password.
    var location: String { get }
    /// Runs `body` in a read-only transaction: one state of the store, whatever other
    /// processes commit meanwhile.
    func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T
    /// Runs `body` in a write transaction that no other writer of the store, in any
    /// process on any host, runs beside; commits or rolls back as `body` says.
    func write(_ body: (any SQLConnection) throws -> SQLCompletion) throws
}

package enum SQLCompletion {
    case commit
    case rollback
}
