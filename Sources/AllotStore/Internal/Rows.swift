import AllotLedger
import GRDB

/// Converting ledger records to and from table rows.
enum Rows {
    static func account(_ row: Row) -> Account {
        Account(id: row["id"], name: row["name"], team: row["team"], email: row["email"],
                opened: Instant(millis: row["opened"]), closed: (row["closed"] as Int64?).map(Instant.init(millis:)))
    }

    static func event(_ row: Row) -> LedgerEvent? {
        guard let kind = LedgerEvent.Kind(rawValue: row["type"]) else { return nil }
        return LedgerEvent(id: row["id"], time: Instant(millis: row["time"]), kind: kind, account: row["account"],
                           message: row["message"], to: row["recipient"], amount: row["amount"], note: row["note"])
    }

    static func insert(_ a: Account, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO account (id, name, team, email, opened, closed) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET name = excluded.name, email = excluded.email, closed = excluded.closed
            """, arguments: [a.id, a.name, a.team, a.email, a.opened.millis, a.closed?.millis])
    }

    static func insert(_ events: [LedgerEvent], _ db: Database) throws {
        let statement = try db.makeStatement(sql: """
            INSERT INTO event (id, time, type, account, message, recipient, amount, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for e in events {
            try statement.execute(arguments: [e.id, e.time.millis, e.kind.rawValue, e.account, e.message, e.to, e.amount, e.note])
        }
    }
}
