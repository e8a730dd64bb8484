import AllotImport
import AllotLedger
import GRDB

/// Answers import validation's questions from the store, inside its transaction.
struct DatabaseLookup: LedgerLookup {
    let db: Database

    func account(_ id: String) throws -> Account? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT \(Rows.accountColumns) FROM account WHERE id = ?"), arguments: [id]).map(Rows.account)
    }

    func event(_ id: String) throws -> LedgerEvent? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT \(Rows.eventColumns) FROM event WHERE id = ?"), arguments: [id]).flatMap(Rows.event)
    }

    func send(ofMessage message: String) throws -> LedgerEvent? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT \(Rows.eventColumns) FROM event WHERE type = 'send' AND message = ?"), arguments: [message])
            .flatMap(Rows.event)
    }

    func eventOutside(account: String, opened: Instant, closed: Instant?) throws -> LedgerEvent? {
        let sql = """
            SELECT \(Rows.eventColumns) FROM event WHERE team = (SELECT team FROM account WHERE id = ?1)
            AND type NOT IN ('accept', 'decline') AND (account = ?1 OR recipient = ?1)
            AND (time < ?2 OR time >= ?3) ORDER BY time LIMIT 1
            """
        return try Row.fetchOne(db.cachedStatement(sql: sql), arguments: [account, opened.millis, closed?.millis ?? Int64.max])
            .flatMap(Rows.event)
    }

    func hasEvents() throws -> Bool { try LedgerStore.hasEvents(db) }

    func events(ids: [String]) throws -> [String: LedgerEvent] {
        try bulk(ids, "SELECT \(Rows.eventColumns) FROM event WHERE id IN") { ($0.id, $0) }
    }

    func sends(ofMessages messages: [String]) throws -> [String: LedgerEvent] {
        try bulk(messages, "SELECT \(Rows.eventColumns) FROM event WHERE type = 'send' AND message IN") { ($0.message ?? "", $0) }
    }

    func accounts(ids: [String]) throws -> [String: Account] {
        var out: [String: Account] = [:]
        var start = 0
        while start < ids.count {
            let chunk = Array(ids[start..<min(ids.count, start + 500)])
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            let sql = "SELECT \(Rows.accountColumns) FROM account WHERE id IN (" + marks + ")"
            for row in try Row.fetchAll(db.cachedStatement(sql: sql), arguments: StatementArguments(chunk)) {
                let a = Rows.account(row)
                out[a.id] = a
            }
            start += 500
        }
        return out
    }

    /// Runs `sql (?, ?, …)` over the keys 500 at a time.
    private func bulk(_ keys: [String], _ sql: String, _ key: (LedgerEvent) -> (String, LedgerEvent)) throws -> [String: LedgerEvent] {
        var out: [String: LedgerEvent] = [:]
        var start = 0
        while start < keys.count {
            let chunk = Array(keys[start..<min(keys.count, start + 500)])
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            let statement = try db.cachedStatement(sql: sql + " (" + marks + ")")
            for row in try Row.fetchAll(statement, arguments: StatementArguments(chunk)) {
                if let e = Rows.event(row) { let (k, v) = key(e); out[k] = v }
            }
            start += 500
        }
        return out
    }
}
