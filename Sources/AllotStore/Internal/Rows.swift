import AllotLedger

/// Converting ledger records to and from table rows. Rows are read by position, so
/// every query selects `accountColumns` or `eventColumns` first.
enum Rows {
    static let accountColumns = "id, name, team, email, opened, closed"
    static let eventColumns = "id, time, type, account, message, recipient, amount, note"

    static func account(_ row: any SQLRow) throws -> Account {
        guard let id = row.text(0), let name = row.text(1), let team = row.text(2), let opened = row.integer(4) else {
            throw StoreDamage("the store holds seat \(row.text(0) ?? "with no id") without a name, team or opening")
        }
        return Account(
            id: id, name: name, team: team, email: row.text(3), opened: Instant(millis: opened),
            closed: row.integer(5).map(Instant.init(millis:)))
    }

    /// A row no version of Allot writes (no id, a type this one does not know) is an
    /// error naming it, never a row left out of the ledger.
    static func event(_ row: any SQLRow) throws -> LedgerEvent {
        guard let id = row.text(0), let time = row.integer(1), let type = row.text(2), let kind = LedgerEvent.Kind(rawValue: type) else {
            throw StoreDamage(
                "the store holds event \(row.text(0) ?? "with no id") of type \(row.text(2) ?? "none"), which this version of Allot does not know; import the sources into a new store"
            )
        }
        return LedgerEvent(
            id: id, time: Instant(millis: time), kind: kind, account: row.text(3), message: row.text(4), to: row.text(5),
            amount: row.integer(6).map { Int($0) }, note: row.text(7))
    }

    /// Events selected with `eventColumns`.
    static func events(_ db: any SQLConnection, _ sql: String, _ arguments: any SQLArgument...) throws -> [LedgerEvent] {
        var out: [LedgerEvent] = []
        try db.query(sql, arguments: arguments.map(\.sqlValue)) { out.append(try event($0)) }
        return out
    }

    /// Stores a source's row for a seat, then the seat as its sources say: the row of
    /// the source added last (the highest number) wins.
    static func insert(seat a: Account, source: Int64, line: Int, _ db: any SQLConnection) throws {
        try db.execute(
            """
            INSERT INTO seat_row (source, id, line, name, team, email, opened, closed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(source, id) DO UPDATE SET line = excluded.line, name = excluded.name, team = excluded.team,
            email = excluded.email, opened = excluded.opened, closed = excluded.closed
            """, source, a.id, line, a.name, a.team, a.email, a.opened.millis, a.closed?.millis)
        try mergeSeat(a.id, db)
    }

    /// Sets a seat to the row of the source added last that holds it, or removes it
    /// when no source does.
    static func mergeSeat(_ id: String, _ db: any SQLConnection) throws {
        try db.execute(
            """
            INSERT INTO account (id, name, team, email, opened, closed)
            SELECT id, name, team, email, opened, closed FROM seat_row WHERE id = ?1 ORDER BY source DESC LIMIT 1
            ON CONFLICT(id) DO UPDATE SET name = excluded.name, team = excluded.team, email = excluded.email,
            opened = excluded.opened, closed = excluded.closed
            """, id)
        try db.execute("DELETE FROM account WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM seat_row WHERE id = ?1)", id)
    }
}
