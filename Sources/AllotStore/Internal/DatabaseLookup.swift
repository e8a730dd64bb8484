import AllotImport
import AllotLedger

/// Answers import validation's questions from the store, inside its transaction.
struct DatabaseLookup: LedgerLookup {
    let db: any SQLConnection

    func account(_ id: String) throws -> Account? {
        try db.first("SELECT \(Rows.accountColumns) FROM account WHERE id = ?", id, row: Rows.account)
    }

    func event(_ id: String) throws -> LedgerEvent? {
        try db.first("SELECT \(Rows.eventColumns) FROM event WHERE id = ?", id, row: Rows.event)
    }

    func send(ofMessage message: String) throws -> LedgerEvent? {
        try db.first("SELECT \(Rows.eventColumns) FROM event WHERE type = 'send' AND message = ?", message, row: Rows.event)
    }

    func eventOutside(account: String, opened: Instant, closed: Instant?) throws -> LedgerEvent? {
        try db.first(
            """
            SELECT \(Rows.eventColumns) FROM event WHERE team = (SELECT team FROM account WHERE id = ?1)
            AND type NOT IN ('accept', 'decline') AND (account = ?1 OR recipient = ?1)
            AND (time < ?2 OR time >= ?3) ORDER BY time LIMIT 1
            """, account, opened.millis, closed?.millis ?? Int64.max, row: Rows.event)
    }
}
