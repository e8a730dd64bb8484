import AllotImport
import AllotLedger
import GRDB

/// Answers import validation's questions from the store, inside its transaction.
struct DatabaseLookup: LedgerLookup {
    let db: Database

    func account(_ id: String) throws -> Account? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT \(Rows.accountColumns) FROM account WHERE id = ?"), arguments: [id]).map(
            Rows.account)
    }

    func event(_ id: String) throws -> LedgerEvent? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT \(Rows.eventColumns) FROM event WHERE id = ?"), arguments: [id]).map {
            try Rows.event($0)
        }
    }

    func send(ofMessage message: String) throws -> LedgerEvent? {
        try Row.fetchOne(
            db.cachedStatement(sql: "SELECT \(Rows.eventColumns) FROM event WHERE type = 'send' AND message = ?"), arguments: [message]
        )
        .map { try Rows.event($0) }
    }

    func eventOutside(account: String, opened: Instant, closed: Instant?) throws -> LedgerEvent? {
        let sql = """
            SELECT \(Rows.eventColumns) FROM event WHERE team = (SELECT team FROM account WHERE id = ?1)
            AND type NOT IN ('accept', 'decline') AND (account = ?1 OR recipient = ?1)
            AND (time < ?2 OR time >= ?3) ORDER BY time LIMIT 1
            """
        return try Row.fetchOne(db.cachedStatement(sql: sql), arguments: [account, opened.millis, closed?.millis ?? Int64.max])
            .map { try Rows.event($0) }
    }
}
