import AllotStore

extension LedgerStore {
    /// Opens the store in the PostgreSQL database a libpq connection URI names, creating
    /// its tables or migrating them to this version's schema. A write another process
    /// holds is waited for `busyTimeout` seconds.
    public convenience init(postgres uri: String, busyTimeout: Double? = nil) throws {
        self.init(backend: try PostgresBackend(uri: uri, busyTimeout: try busyTimeout ?? LedgerStore.busyTimeout))
    }
}
