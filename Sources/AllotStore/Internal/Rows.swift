import AllotLedger
import GRDB
import GRDBSQLite

/// Converting ledger records to and from table rows. Rows are read by position, so
/// every query selects `accountColumns` or `eventColumns`.
enum Rows {
    static let accountColumns = "id, name, team, email, opened, closed"
    static let eventColumns = "id, time, type, account, message, recipient, amount, note"

    static func account(_ row: Row) -> Account {
        Account(
            id: row[0], name: row[1], team: row[2], email: row[3],
            opened: Instant(millis: row[4]), closed: (row[5] as Int64?).map(Instant.init(millis:)))
    }

    static func event(_ row: Row) throws -> LedgerEvent {
        guard let kind = LedgerEvent.Kind(rawValue: row[2]) else { throw unknown(id: row[0], type: row[2]) }
        return LedgerEvent(
            id: row[0], time: Instant(millis: row[1]), kind: kind, account: row[3],
            message: row[4], to: row[5], amount: row[6], note: row[7])
    }

    /// Stores a source's row for a seat, then the seat as its sources say: the row of
    /// the source added last (the highest number) wins.
    static func insert(seat a: Account, source: Int64, line: Int, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO seat_row (source, id, line, name, team, email, opened, closed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(source, id) DO UPDATE SET line = excluded.line, name = excluded.name, team = excluded.team,
                email = excluded.email, opened = excluded.opened, closed = excluded.closed
                """, arguments: [source, a.id, line, a.name, a.team, a.email, a.opened.millis, a.closed?.millis])
        try mergeSeat(a.id, db)
    }

    /// Sets a seat to the row of the source added last that holds it, or removes it
    /// when no source does.
    static func mergeSeat(_ id: String, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO account (id, name, team, email, opened, closed)
                SELECT id, name, team, email, opened, closed FROM seat_row WHERE id = ?1 ORDER BY source DESC LIMIT 1
                ON CONFLICT(id) DO UPDATE SET name = excluded.name, team = excluded.team, email = excluded.email,
                opened = excluded.opened, closed = excluded.closed
                """, arguments: [id])
        try db.execute(sql: "DELETE FROM account WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM seat_row WHERE id = ?1)", arguments: [id])
    }

    nonisolated(unsafe) private static let emptyText: UnsafePointer<CChar> = {
        let p = UnsafeMutablePointer<CChar>.allocate(capacity: 1); p.pointee = 0; return UnsafePointer(p)
    }()
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Binds text (copied by SQLite: Swift strings have no stable address), or NULL.
    static func bind(_ s: SQLiteStatement, _ index: Int32, _ text: String?) {
        guard var text else { sqlite3_bind_null(s, index); return }
        text.withUTF8 { b in
            b.withMemoryRebound(to: CChar.self) { c in
                _ = sqlite3_bind_text(s, index, c.baseAddress ?? emptyText, Int32(c.count), transient)
            }
        }
    }

    /// Events selected with `eventColumns`, read column by column from SQLite (a team
    /// holds hundreds of thousands of rows; GRDB's `Row` costs more than the replay).
    /// A row whose type this version does not know stops the read (`event(_:)`).
    static func events(_ db: Database, sql: String, arguments: StatementArguments = []) throws -> [LedgerEvent] {
        let statement = try db.makeStatement(sql: sql)
        try statement.setArguments(arguments)
        let s = statement.sqliteStatement
        defer { sqlite3_reset(s) }
        var out: [LedgerEvent] = []
        while true {
            let code = sqlite3_step(s)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else {
                throw DatabaseError(
                    resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                    sql: sql)
            }
            out.append(try event(s))
        }
        return out
    }

    /// The event in the current row of a statement that selects `eventColumns` first.
    /// A row no version of Allot writes (no id, a type this one does not know) is an
    /// error naming it, never a row left out of the ledger.
    static func event(_ s: SQLiteStatement) throws -> LedgerEvent {
        guard let id = text(s, 0), let typeText = text(s, 2), let kind = LedgerEvent.Kind(rawValue: typeText) else {
            throw unknown(id: text(s, 0), type: text(s, 2))
        }
        return LedgerEvent(
            id: id, time: Instant(millis: sqlite3_column_int64(s, 1)), kind: kind, account: text(s, 3),
            message: text(s, 4), to: text(s, 5),
            amount: sqlite3_column_type(s, 6) == SQLITE_NULL ? nil : Int(sqlite3_column_int64(s, 6)),
            note: text(s, 7))
    }

    private static func unknown(id: String?, type: String?) -> DatabaseError {
        DatabaseError(
            resultCode: .SQLITE_CORRUPT,
            message: "the store holds event \(id ?? "with no id") of type "
                + "\(type ?? "none"), which this version of Allot does not know; import the sources into a new store")
    }

    /// A text column, or nil for NULL.
    static func text(_ s: SQLiteStatement, _ column: Int32) -> String? {
        guard let bytes = sqlite3_column_text(s, column) else { return nil }
        let count = Int(sqlite3_column_bytes(s, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }
}
