import AllotLedger
import GRDB

/// Converting ledger records to and from table rows. Rows are read by position, so
/// every query selects `accountColumns` or `eventColumns`.
enum Rows {
    static let accountColumns = "id, name, team, email, opened, closed"
    static let eventColumns = "id, time, type, account, message, recipient, amount, note"

    static func account(_ row: Row) -> Account {
        Account(id: row[0], name: row[1], team: row[2], email: row[3],
                opened: Instant(millis: row[4]), closed: (row[5] as Int64?).map(Instant.init(millis:)))
    }

    static func event(_ row: Row) -> LedgerEvent? {
        guard let kind = LedgerEvent.Kind(rawValue: row[2]) else { return nil }
        return LedgerEvent(id: row[0], time: Instant(millis: row[1]), kind: kind, account: row[3],
                           message: row[4], to: row[5], amount: row[6], note: row[7])
    }

    static func insert(_ a: Account, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO account (id, name, team, email, opened, closed) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET name = excluded.name, email = excluded.email, closed = excluded.closed
            """, arguments: [a.id, a.name, a.team, a.email, a.opened.millis, a.closed?.millis])
    }

    /// Inserts events with the team each belongs to (a response: its sender's team);
    /// seats must be stored first. Returns the teams touched.
    static func insert(_ events: [LedgerEvent], _ db: Database) throws -> Set<String> {
        var teamOf: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, team FROM account") { teamOf[row[0]] = row[1] }
        var senderTeam: [String: String] = [:]
        for e in events where e.kind == .send {
            if let m = e.message, let a = e.account { senderTeam[m] = teamOf[a] }
        }
        let storedSend = try db.makeStatement(sql: "SELECT team FROM event WHERE type = 'send' AND message = ?")
        let statement = try db.makeStatement(sql: """
            INSERT INTO event (id, time, type, account, message, recipient, amount, note, team) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        var teams: [String?] = []
        teams.reserveCapacity(events.count)
        for e in events {
            if e.kind.isResponse, let m = e.message {
                teams.append(try senderTeam[m] ?? String.fetchOne(storedSend, arguments: [m]))
            } else {
                teams.append(e.account.flatMap { teamOf[$0] })
            }
        }
        // Rows go in team by team, so that one team's rows sit together in the table and a
        // build reading one team at a time reads few pages.
        let order = events.indices.sorted { a, b in
            let ta = teams[a] ?? "", tb = teams[b] ?? ""
            return ta != tb ? UTF8Order.precedes(ta, tb) : a < b
        }
        for i in order {
            let e = events[i]
            try statement.execute(arguments: [e.id, e.time.millis, e.kind.rawValue, e.account, e.message, e.to, e.amount, e.note, teams[i]])
        }
        return Set(teams.compactMap { $0 })
    }

    static func events(_ db: Database, sql: String, arguments: StatementArguments = []) throws -> [LedgerEvent] {
        try Row.fetchAll(db, sql: sql, arguments: arguments).compactMap(event)
    }
}
