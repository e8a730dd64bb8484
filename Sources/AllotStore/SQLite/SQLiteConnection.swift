import GRDB
import GRDBSQLite

/// `SQLConnection` over GRDB's `Database`. Statements with arguments are prepared once
/// (GRDB's statement cache), then bound and stepped through SQLite's C API: a team holds
/// hundreds of thousands of rows, and GRDB's `Row` would cost more than the replay.
final class SQLiteConnection: SQLConnection {
    let db: Database

    init(_ db: Database) { self.db = db }

    func execute(_ sql: String, arguments: [SQLValue]) throws {
        guard !arguments.isEmpty else { return try db.execute(sql: sql) }
        try run(sql, arguments) { _ in }
    }

    func query(_ sql: String, arguments: [SQLValue], _ row: (any SQLRow) throws -> Void) throws {
        try run(sql, arguments) { try row(SQLiteRow(statement: $0)) }
    }

    func insert(into table: String, columns: [String], count: Int, values: (Int, inout [SQLValue]) -> Void) throws -> [Bool] {
        let sql = """
            INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))
            ON CONFLICT DO NOTHING
            """
        let statement = try db.cachedStatement(sql: sql)
        let s = statement.sqliteStatement
        var buffer: [SQLValue] = []
        buffer.reserveCapacity(columns.count)
        var inserted: [Bool] = []
        inserted.reserveCapacity(count)
        for i in 0..<count {
            buffer.removeAll(keepingCapacity: true)
            values(i, &buffer)
            SQLiteBinding.bind(s, buffer)
            let code = sqlite3_step(s)
            sqlite3_reset(s)
            guard code == SQLITE_DONE else { throw error(code, sql) }
            inserted.append(sqlite3_changes(db.sqliteConnection) > 0)
        }
        return inserted
    }

    func bulkInsert(eventsStored: Bool) throws -> any SQLBulkInsert {
        try SQLiteBulkInsert(db, eventsStored: eventsStored)
    }

    /// Runs a statement to its end, handing each row to `row`.
    private func run(_ sql: String, _ arguments: [SQLValue], _ row: (SQLiteStatement) throws -> Void) throws {
        let statement = arguments.isEmpty ? try db.makeStatement(sql: sql) : try db.cachedStatement(sql: sql)
        try withExtendedLifetime(statement) {
            let s = statement.sqliteStatement
            SQLiteBinding.bind(s, arguments)
            defer { sqlite3_reset(s) }
            while true {
                let code = sqlite3_step(s)
                if code == SQLITE_DONE { return }
                guard code == SQLITE_ROW else { throw error(code, sql) }
                try row(s)
            }
        }
    }

    private func error(_ code: Int32, _ sql: String) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
    }
}
