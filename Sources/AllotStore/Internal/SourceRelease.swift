import AllotImport
import AllotLedger

/// Sources imported again with other content (spec §8): before the batch is validated,
/// their rows are let go (an event another source also holds stays, held by that one),
/// so the batch puts back exactly what each source now says. Afterwards `finish` checks
/// the rows other sources hold against what changed, and says per source what it added,
/// changed and removed. Everything happens inside the import's transaction.
struct SourceRelease {
    private let db: any SQLConnection
    private let sources: [Int64: String]
    private let list: String

    /// Lets go of the rows of `sources` (by number, with their names).
    init(_ db: any SQLConnection, sources: [Int64: String]) throws {
        self.db = db
        self.sources = sources
        list = sources.keys.sorted().map(String.init).joined(separator: ", ")
        try db.execute(
            """
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
        let others = try db.bool("SELECT EXISTS (SELECT 1 FROM event WHERE source NOT IN (\(list)))")
        try db.execute(others ? "DELETE FROM event WHERE source IN (\(list))" : "DELETE FROM event")
        for id in try db.texts("SELECT DISTINCT id FROM released_seat") { try Rows.mergeSeat(id, db) }
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
        for seat in try db.all("SELECT \(Rows.accountColumns) FROM released_account", row: Rows.account) {
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
        try db.execute("DROP TABLE released_event; DROP TABLE released_seat; DROP TABLE released_account")
        return outcome
    }

    /// A seat whose team changed takes its events, and the responses to its sends, along.
    private func moveTeams(_ outcome: inout Outcome) throws {
        let moved = try db.all(
            "SELECT r.id, r.team, a.team FROM released_account r JOIN account a ON a.id = r.id WHERE a.team != r.team"
        ) { (id: $0.text(0) ?? "", old: $0.text(1) ?? "", new: $0.text(2) ?? "") }
        for (id, old, new) in moved {
            try db.execute(
                """
                UPDATE event SET team = ?3 WHERE team = ?2 AND type IN ('accept', 'decline')
                AND message IN (SELECT message FROM event WHERE team = ?2 AND type = 'send' AND account = ?1)
                """, id, old, new)
            try db.execute(
                "UPDATE event SET team = ?3 WHERE team = ?2 AND type NOT IN ('accept', 'decline') AND account = ?1", id, old, new)
            outcome.teams.formUnion([old, new])
        }
    }

    /// Stored responses whose send is gone or changed so that it no longer fits.
    private func responsesLeft(_ firstNewRow: Int64) throws -> [ImportIssue] {
        let rows = try db.all(
            """
            SELECT r.id, r.time, r.type, r.account, r.message, r.recipient, r.amount, r.note, r.source, r.line, s.id
            FROM event r LEFT JOIN event s ON s.type = 'send' AND s.message = r.message
            WHERE r.rowid < ?1 AND r.type IN ('accept', 'decline')
            AND r.team IN (SELECT DISTINCT team FROM released_event WHERE type = 'send')
            AND r.message IN (SELECT message FROM released_event WHERE type = 'send')
            """, firstNewRow
        ) { (response: try Rows.event($0), source: $0.integer(8) ?? 0, line: $0.integer(9) ?? 0, send: $0.text(10)) }
        var issues: [ImportIssue] = []
        for row in rows {
            let sent = try row.send.flatMap { try DatabaseLookup(db: db).event($0) }
            for problem in EventRules.problems(response: row.response, sentBy: sent) {
                issues.append(try issue(row.source, row.line, problem))
            }
        }
        return issues
    }

    /// Stored events of seats a changed source now describes otherwise, or no longer holds.
    private func eventsOfChangedSeats(_ firstNewRow: Int64) throws -> [ImportIssue] {
        let lookup = DatabaseLookup(db: db)
        let changed = try db.all(
            """
            SELECT r.id, r.team, a.team FROM released_account r LEFT JOIN account a ON a.id = r.id
            WHERE a.id IS NULL OR a.team IS DISTINCT FROM r.team OR a.opened IS DISTINCT FROM r.opened
            OR a.closed IS DISTINCT FROM r.closed
            """
        ) { (id: $0.text(0) ?? "", old: $0.text(1) ?? "", new: $0.text(2)) }
        var issues: [ImportIssue] = []
        for (id, old, new) in changed {
            let rows = try db.all(
                """
                SELECT \(Rows.eventColumns), source, line FROM event
                WHERE rowid < ?1 AND team IN (?2, ?3) AND type NOT IN ('accept', 'decline') AND (account = ?4 OR recipient = ?4)
                """, firstNewRow, old, new ?? old, id
            ) { (event: try Rows.event($0), source: $0.integer(8) ?? 0, line: $0.integer(9) ?? 0) }
            for row in rows {
                let e = row.event
                let giver = try e.account.flatMap { try lookup.account($0) }
                let receiver = try e.to.flatMap { try lookup.account($0) }
                for problem in EventRules.problems(e, giver: giver, receiver: receiver) {
                    issues.append(try issue(row.source, row.line, problem))
                }
            }
        }
        return issues
    }

    private func issue(_ source: Int64, _ line: Int64, _ problem: EventRules.Problem) throws -> ImportIssue {
        let name = try db.text("SELECT path FROM source WHERE number = ?", source)
        return ImportIssue(file: name ?? "an earlier import", line: Int(line), field: problem.field, problem.message)
    }

    /// What the batch did to one source's rows, the teams whose rows it changed, and
    /// how many rows it put back as they were. One pass over the rows the source held,
    /// each looked up by id.
    private func change(_ number: Int64, _ name: String, _ firstNewRow: Int64) throws -> (SourceChange, Set<String>, Int) {
        // Rows gone and rows changed, one line each: what, id, team before, team now.
        let differences = try db.all(
            """
            SELECT what, id, before, now FROM (
                SELECT w.id, w.team AS before, e.team AS now,
                    CASE WHEN e.id IS NULL OR NOT (e.source = ?1
                            OR EXISTS (SELECT 1 FROM event_holder h WHERE h.event = e.id AND h.source = ?1)) THEN 'removed'
                        WHEN w.time IS DISTINCT FROM e.time OR w.type IS DISTINCT FROM e.type
                            OR w.account IS DISTINCT FROM e.account OR w.message IS DISTINCT FROM e.message
                            OR w.recipient IS DISTINCT FROM e.recipient OR w.amount IS DISTINCT FROM e.amount
                            OR w.note IS DISTINCT FROM e.note THEN 'changed'
                    END AS what
                FROM released_event w LEFT JOIN event e ON e.id = w.id WHERE w.source = ?1
                UNION ALL
                SELECT r.id, r.team, s.team,
                    CASE WHEN s.id IS NULL THEN 'removed'
                        WHEN r.name IS DISTINCT FROM s.name OR r.team IS DISTINCT FROM s.team OR r.email IS DISTINCT FROM s.email
                            OR r.opened IS DISTINCT FROM s.opened OR r.closed IS DISTINCT FROM s.closed THEN 'changed'
                    END
                FROM released_seat r LEFT JOIN seat_row s ON s.source = r.source AND s.id = r.id WHERE r.source = ?1
            ) AS difference WHERE what IS NOT NULL
            """, number
        ) { (removed: $0.text(0) == "removed", id: $0.text(1) ?? "", before: $0.text(2), now: $0.text(3)) }
        let removed = differences.filter(\.removed).count
        var teams: Set<String> = []
        for row in differences {
            if let before = row.before { teams.insert(before) }
            if let now = row.now, !row.removed { teams.insert(now) }
        }
        let count = { (sql: String) in Int(try self.db.integer(sql, number) ?? 0) }
        let heldBefore =
            try count("SELECT count(*) FROM released_event WHERE source = ?1")
            + count("SELECT count(*) FROM released_seat WHERE source = ?1")
        let heldNow =
            try count("SELECT count(*) FROM event WHERE source = ?1") + count("SELECT count(*) FROM event_holder WHERE source = ?1")
            + count("SELECT count(*) FROM seat_row WHERE source = ?1")
        let added = heldNow - (heldBefore - removed)
        if added > 0 {
            try db.execute("CREATE INDEX IF NOT EXISTS released_event_id ON released_event(id)")
            teams.formUnion(
                try db.texts(
                    """
                    SELECT DISTINCT e.team FROM event e WHERE e.source = ?1 AND e.rowid >= ?2 AND e.team IS NOT NULL
                    AND NOT EXISTS (SELECT 1 FROM released_event w WHERE w.id = e.id AND w.source = ?1)
                    UNION SELECT DISTINCT s.team FROM seat_row s WHERE s.source = ?1
                    AND NOT EXISTS (SELECT 1 FROM released_seat r WHERE r.id = s.id AND r.source = ?1)
                    """, number, firstNewRow))
        }
        let insertedAgain = Int(try db.integer("SELECT count(*) FROM event WHERE source = ?1 AND rowid >= ?2", number, firstNewRow) ?? 0)
        let sample = Array(differences.map(\.id).sorted(by: UTF8Order.precedes).prefix(5))
        let change = SourceChange(source: name, added: added, changed: differences.count - removed, removed: removed, ids: sample)
        return (change, teams, max(0, insertedAgain - added))
    }
}
