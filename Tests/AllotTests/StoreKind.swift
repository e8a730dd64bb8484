import Testing

/// The two kinds of store the import suites run against.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// Where a new empty store is: nil for SQLite (`.allot/ledger.sqlite` beside the
    /// config), a new database of the tests' server for PostgreSQL.
    func location() async throws -> String? {
        switch self {
        case .sqlite: nil
        case .postgres: try await PostgresServer.shared.value.database()
        }
    }
}
