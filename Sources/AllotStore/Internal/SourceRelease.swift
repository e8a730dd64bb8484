import AllotImport
import AllotLedger
import GRDB

/// Sources imported again with other content (spec §8): before the batch is validated,
/// their rows are let go (an event another source also holds stays, held by that one),
/// so the batch puts back exactly what each source now says. Afterwards `finish` checks
/// the rows other sources hold against what changed, and says per source what it added,
/// changed and removed. Everything happens inside the import's transaction.
struct SourceRelease {
    private let db: Database
    private let sources: [Int64: String]
    private let list: String

    /// Lets go of the rows of `sources` (by number, with their names).
    init(_ db: Database, sources: [Int64: String]) throws {
        self.db = db
        self.sources = sources
        list = sources.keys.sorted().map(String.init).joined(separator: ", ")
        try db.execute(
            sql: """
                CREATE TEMP TABLE released_event AS
                    SELECT id, time, type, account, message, recipient, amount, note, team, source FROM event WHERE source IN (\(list))
                    UNION ALL
                    SELECT e.id, e.time, e.type, e.account, e.message, e.recipient, e.amount, e.note, e.team, h.source
                    FROM event_holder h JOIN event e ON e.id = h.event WHERE h.source IN (\(list));
                CREATE TEMP TABLE released_seat AS SELECT * FROM seat_row WHERE source IN (\(list));
                CREATE TEMP TABLE released_account AS SELECT * FROM account WHERE id IN (SELECT id FROM released_seat);
                UPDATE event SET (source, line) = (
                    SELECT h.source, h.line FROM event_holder h WHERE h.event = event.id AND h.source NOT IN (\(list))
                    ORDER BY h.source LIMIT 1)
                WHERE source IN (\(list))
                AND EXISTS (SELECT 1 FROM event_holder h WHERE h.event = event.id AND h.source NOT IN (\(list)));
                DELETE FROM event_holder WHERE source IN (\(list));
                DELETE FROM event_holder WHERE EXISTS (
                    SELECT 1 FROM event e WHERE e.id = event_holder.event AND e.source = event_holder.source);
                DELETE FROM seat_row WHERE source IN (\(list));
                """)
        // Without a WHERE clause SQLite empties the table at once instead of row by row,
        // the common case of one export file holding every event.
        let others = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM event WHERE source NOT IN (\(list)))") ?? true
        try db.execute(sql: others ? "DELETE FROM event WHERE source IN (\(list))" : "DELETE FROM event")
        for id in try String.fetchAll(db, sql: "SELECT DISTINCT id FROM released_seat") { try Rows.mergeSeat(id, db) }
    }

    struct Outcome {
        var issues: [ImportIssue] = []
        var changes: [SourceChange] = []
        /// Teams whose seats or events the released sources changed.
        var teams: Set<String> = []
        /// Rows put back as they were, counted as added by validation.
        var reinserted = 0
        /// The seats the sources held before, by id.
        var seatsBefore: [String: Account] = [:]
    }

    /// After validation: moves the events of seats that changed team, checks the rows
    /// stored before the batch (rowid below `firstNewRow`) against the seats and sends
    /// that changed, and counts the changes per source.
    func finish(firstNewRow: Int64) throws -> Outcome {
        var outcome = Outcome()
        for row in try Row.fetchAll(db, sql: "SELECT \(Rows.accountColumns) FROM released_account") {
            let seat = Rows.account(row)
            outcome.seatsBefore[seat.id] = seat
        }
        try moveTeams(&outcome)
        outcome.issues += try responsesLeft(firstNewRow)
        outcome.issues += try eventsOfChangedSeats(firstNewRow)
        for (number, name) in sources.sorted(by: { $0.key < $1.key }) {
            let (change, teams, reinserted) = try change(number, name, firstNewRow)
            outcome.changes.append(change)
            outcome.teams.formUnion(teams)
            outcome.reinserted += reinserted
        }
        try db.execute(sql: "DROP TABLE temp.released_event; DROP TABLE temp.released_seat; DROP TABLE temp.released_account")
        return outcome
    }

    /// A seat whose team changed takes its events, and the responses to its sends, along.
    private func moveTeams(_ outcome: inout Outcome) throws {
        let moved = try Row.fetchAll(
            db, sql: "SELECT r.id, r.team, a.team FROM released_account r JOIN account a ON a.id = r.id WHERE a.team != r.team")
        for row in moved {
            let (id, old, new): (String, String, String) = (row[0], row[1], row[2])
            try db.execute(
                sql: """
                    UPDATE event SET team = ?3 WHERE team = ?2 AND type IN ('accept', 'decline')
                    AND message IN (SELECT message FROM event WHERE team = ?2 AND type = 'send' AND account = ?1)
                    """, arguments: [id, old, new])
            try db.execute(
                sql: "UPDATE event SET team = ?3 WHERE team = ?2 AND type NOT IN ('accept', 'decline') AND account = ?1",
                arguments: [id, old, new])
            outcome.teams.formUnion([old, new])
        }
    }

    /// Stored responses whose send is gone or changed so that it no longer fits.
    private func responsesLeft(_ firstNewRow: Int64) throws -> [ImportIssue] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT r.id, r.time, r.type, r.account, r.message, r.recipient, r.amount, r.note, r.source, r.line, s.id
                FROM event r LEFT JOIN event s ON s.type = 'send' AND s.message = r.message
                WHERE r.rowid < ?1 AND r.type IN ('accept', 'decline')
                AND r.team IN (SELECT DISTINCT team FROM released_event WHERE type = 'send')
                AND r.message IN (SELECT message FROM released_event WHERE type = 'send')
                """, arguments: [firstNewRow])
        var issues: [ImportIssue] = []
        for row in rows {
            let response = try Rows.event(row)
            let sent = try (row[10] as String?).flatMap { try DatabaseLookup(db: db).event($0) }
            issues += EventRules.problems(response: response, sentBy: sent).map { issue(row[8], row[9], $0) }
        }
        return issues
    }

    /// Stored events of seats a changed source now describes otherwise, or no longer holds.
    private func eventsOfChangedSeats(_ firstNewRow: Int64) throws -> [ImportIssue] {
        let lookup = DatabaseLookup(db: db)
        let changed = try Row.fetchAll(
            db,
            sql: """
                SELECT r.id, r.team, a.team FROM released_account r LEFT JOIN account a ON a.id = r.id
                WHERE a.id IS NULL OR a.team IS NOT r.team OR a.opened IS NOT r.opened OR a.closed IS NOT r.closed
                """)
        var issues: [ImportIssue] = []
        for seat in changed {
            let (id, old, new): (String, String, String?) = (seat[0], seat[1], seat[2])
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Rows.eventColumns), source, line FROM event
                    WHERE rowid < ?1 AND team IN (?2, ?3) AND type NOT IN ('accept', 'decline') AND (account = ?4 OR recipient = ?4)
                    """, arguments: [firstNewRow, old, new ?? old, id])
            for row in rows {
                let e = try Rows.event(row)
                let giver = try e.account.flatMap { try lookup.account($0) }
                let receiver = try e.to.flatMap { try lookup.account($0) }
                issues += EventRules.problems(e, giver: giver, receiver: receiver).map { issue(row[8], row[9], $0) }
            }
        }
        return issues
    }

    private func issue(_ source: Int64, _ line: Int, _ problem: EventRules.Problem) -> ImportIssue {
        let name = (try? String.fetchOne(db, sql: "SELECT path FROM source WHERE number = ?", arguments: [source])) ?? nil
        return ImportIssue(file: name ?? "an earlier import", line: line, field: problem.field, problem.message)
    }

    /// What the batch did to one source's rows, the teams whose rows it changed, and
    /// how many rows it put back as they were. One pass over the rows the source held,
    /// each looked up by id.
    private func change(_ number: Int64, _ name: String, _ firstNewRow: Int64) throws -> (SourceChange, Set<String>, Int) {
        // Rows gone and rows changed, one line each: what, id, team before, team now.
        let differences = try Row.fetchAll(
            db,
            sql: """
                SELECT what, id, before, now FROM (
                    SELECT w.id, w.team AS before, e.team AS now,
                        CASE WHEN e.id IS NULL OR NOT (e.source = ?1
                                OR EXISTS (SELECT 1 FROM event_holder h WHERE h.event = e.id AND h.source = ?1)) THEN 'removed'
                            WHEN w.time IS NOT e.time OR w.type IS NOT e.type OR w.account IS NOT e.account
                                OR w.message IS NOT e.message OR w.recipient IS NOT e.recipient OR w.amount IS NOT e.amount
                                OR w.note IS NOT e.note THEN 'changed'
                        END AS what
                    FROM released_event w LEFT JOIN event e ON e.id = w.id WHERE w.source = ?1
                    UNION ALL
                    SELECT r.id, r.team, s.team,
                        CASE WHEN s.id IS NULL THEN 'removed'
                            WHEN r.name IS NOT s.name OR r.team IS NOT s.team OR r.email IS NOT s.email
                                OR r.opened IS NOT s.opened OR r.closed IS NOT s.closed THEN 'changed'
                        END
                    FROM released_seat r LEFT JOIN seat_row s ON s.source = r.source AND s.id = r.id WHERE r.source = ?1
                ) WHERE what IS NOT NULL
                """, arguments: [number])
        let removed = differences.filter { ($0[0] as String) == "removed" }.count
        var teams: Set<String> = []
        for row in differences {
            if let before: String = row[2] { teams.insert(before) }
            if let now: String = row[3], (row[0] as String) == "changed" { teams.insert(now) }
        }
        let count = { (sql: String) in try Int.fetchOne(self.db, sql: sql, arguments: [number]) ?? 0 }
        let heldBefore =
            try count("SELECT count(*) FROM released_event WHERE source = ?1")
            + count("SELECT count(*) FROM released_seat WHERE source = ?1")
        let heldNow =
            try count("SELECT count(*) FROM event WHERE source = ?1") + count("SELECT count(*) FROM event_holder WHERE source = ?1")
            + count("SELECT count(*) FROM seat_row WHERE source = ?1")
        let added = heldNow - (heldBefore - removed)
        if added > 0 {
            try db.execute(sql: "CREATE INDEX IF NOT EXISTS temp.released_event_id ON released_event(id)")
            teams.formUnion(
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT DISTINCT e.team FROM event e WHERE e.source = ?1 AND e.rowid >= ?2 AND e.team IS NOT NULL
                        AND NOT EXISTS (SELECT 1 FROM released_event w WHERE w.id = e.id AND w.source = ?1)
                        UNION SELECT DISTINCT s.team FROM seat_row s WHERE s.source = ?1
                        AND NOT EXISTS (SELECT 1 FROM released_seat r WHERE r.id = s.id AND r.source = ?1)
                        """, arguments: [number, firstNewRow]))
        }
        let insertedAgain =
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM event WHERE source = ?1 AND rowid >= ?2", arguments: [number, firstNewRow]) ?? 0
        let sample = Array(differences.map { $0[1] as String }.sorted(by: UTF8Order.precedes).prefix(5))
        let change = SourceChange(source: name, added: added, changed: differences.count - removed, removed: removed, ids: sample)
        return (change, teams, max(0, insertedAgain - added))
    }
}
