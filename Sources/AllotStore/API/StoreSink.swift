import AllotImport
import AllotLedger
import GRDB
import GRDBSQLite

/// Puts a batch into the store while it is validated, inside the import's transaction.
/// Ids and messages used twice are found by the store's unique indexes, not by tables
/// held in memory. Each chunk goes in team by team, so that one team's rows sit
/// together in the table and a build reading one team at a time reads few pages.
public struct StoreSink: LedgerSink {
    private let db: Database
    private let lookup: DatabaseLookup
    /// Rows with a rowid from here on were added by this batch.
    let firstNewRow: Int64
    /// Each seat's team, and the team's place in UTF-8 order of team ids (chunks are
    /// sorted by it).
    private var teamOf: [String: (team: String, rank: Int)] = [:]
    /// Sends looked up for the current chunk's responses, by message: validation asks
    /// for the same ones next.
    private var sendCache: [String: LedgerEvent] = [:]
    /// Teams whose seats or events the batch added or changed: by name, and by rank.
    private var named: Set<String> = []
    private var ranked: [String] = []
    private var touched: [Bool] = []
    /// Responses added before their send, stored without a team until `placeResponses`.
    private var unplaced = 0
    private let insert: GRDB.Statement, byID: GRDB.Statement, sendOf: GRDB.Statement, hold: GRDB.Statement
    /// The batch's sources by name, and every source's name by number.
    private let sourceNumbers: [String: Int64]
    private let sourceNames: [Int64: String]

    /// Sources imported again: `SourceRelease` says which of their teams changed.
    private let replaced: Set<Int64>

    init(db: Database, sources: SourceNumbers, replaced: Set<Int64>) throws {
        self.db = db
        self.replaced = replaced
        sourceNumbers = sources.byName
        sourceNames = sources.names
        lookup = DatabaseLookup(db: db)
        firstNewRow = (try Int64.fetchOne(db, sql: "SELECT max(rowid) FROM event") ?? 0) + 1
        for row in try Row.fetchAll(db, sql: "SELECT id, team FROM account") { teamOf[row[0]] = (row[1], 0) }
        insert = try db.makeStatement(
            sql: """
                INSERT INTO event (id, time, type, account, message, recipient, amount, note, team, source, line)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        byID = try db.makeStatement(sql: "SELECT \(Rows.eventColumns), rowid, source, line FROM event WHERE id = ?")
        hold = try db.makeStatement(sql: "INSERT OR IGNORE INTO event_holder (event, source, line) VALUES (?, ?, ?)")
        sendOf = try db.makeStatement(sql: "SELECT \(Rows.eventColumns) FROM event WHERE type = 'send' AND message = ?")
        rankTeams()
    }

    public func account(_ id: String) throws -> Account? { try lookup.account(id) }
    public func event(_ id: String) throws -> LedgerEvent? { try lookup.event(id) }
    public func eventOutside(account: String, opened: Instant, closed: Instant?) throws -> LedgerEvent? {
        try lookup.eventOutside(account: account, opened: opened, closed: closed)
    }

    public func send(ofMessage message: String) throws -> LedgerEvent? {
        if let cached = sendCache[message] { return cached }
        return try storedSend(message)
    }

    private func storedSend(_ message: String) throws -> LedgerEvent? {
        try first(sendOf, message) { try Rows.event($0) }
    }

    public mutating func add(_ seats: [Located<Account>]) throws {
        for seat in seats {
            let a = seat.value
            let before = teamOf[a.id]?.team, source = number(seat.source)
            try Rows.insert(seat: a, source: source, line: seat.line, db)
            guard let merged = try lookup.account(a.id) else { continue }
            teamOf[a.id] = (merged.team, 0)
            guard !replaced.contains(source) else { continue }
            named.insert(merged.team)
            if let before { named.insert(before) }
        }
        rankTeams()
    }

    private func number(_ source: String) -> Int64 { sourceNumbers[source] ?? 0 }

    var teams: Set<String> { named.union(ranked.indices.lazy.filter { touched[$0] }.map { ranked[$0] }) }

    private mutating func rankTeams() {
        named.formUnion(teams)
        ranked = Set(teamOf.values.map(\.team)).sorted(by: UTF8Order.precedes)
        touched = Array(repeating: false, count: ranked.count)
        let rank = Dictionary(uniqueKeysWithValues: ranked.enumerated().map { ($1, $0) })
        for (seat, place) in teamOf { teamOf[seat] = (place.team, rank[place.team]!) }
    }

    public mutating func add(_ rows: [Located<LedgerEvent>]) throws -> [(index: Int, refusal: Refusal)] {
        let events = rows.map(\.value)
        var refused: [(index: Int, refusal: Refusal)] = []
        sendCache.removeAll(keepingCapacity: true)
        // Rows that repeat an id or a sent message of an earlier row of the chunk go in
        // after the others, in file order, so that they meet the row they repeat.
        var ids: Set<String> = [], firstSend: [String: Int] = [:]
        ids.reserveCapacity(events.count)
        var grouped: [(rank: Int, team: String?, index: Int)] = [], repeating: [Int] = []
        grouped.reserveCapacity(events.count)
        for (i, e) in events.enumerated() {
            guard ids.insert(e.id).inserted else { repeating.append(i); continue }
            if e.kind == .send, let m = e.message {
                guard firstSend[m] == nil else { repeating.append(i); continue }
                firstSend[m] = i
            }
            let place = try team(e, events, firstSend)
            grouped.append((place?.rank ?? -1, place?.team, i))
        }
        grouped.sort { a, b in a.rank != b.rank ? a.rank < b.rank : a.index < b.index }
        for (rank, team, i) in grouped {
            if let refusal = try put(rows[i], team: team, rank: rank) { refused.append((i, refusal)) }
        }
        for i in repeating {
            let place = try team(events[i], events, firstSend)
            if let refusal = try put(rows[i], team: place?.team, rank: place?.rank ?? -1) { refused.append((i, refusal)) }
        }
        refused.sort { $0.index < $1.index }
        return refused
    }

    /// Gives responses added before their send the team of that send's seat.
    mutating func placeResponses() throws {
        guard unplaced > 0 else { return }
        named.formUnion(
            try String.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT s.team FROM event r JOIN event s ON s.type = 'send' AND s.message = r.message
                    WHERE r.rowid >= ? AND r.team IS NULL AND r.type IN ('accept', 'decline') AND s.team IS NOT NULL
                    """, arguments: [firstNewRow]))
        try db.execute(
            sql: """
                UPDATE event SET team = (SELECT s.team FROM event s WHERE s.type = 'send' AND s.message = event.message)
                WHERE rowid >= ? AND team IS NULL AND type IN ('accept', 'decline')
                """, arguments: [firstNewRow])
        unplaced = 0
    }

    /// The team an event belongs to: its seat's, or for a response its sender's.
    private mutating func team(_ e: LedgerEvent, _ chunk: [LedgerEvent], _ firstSend: [String: Int]) throws -> (team: String, rank: Int)? {
        guard e.kind.isResponse else { return e.account.flatMap { teamOf[$0] } }
        guard let m = e.message else { return nil }
        if let j = firstSend[m] { return chunk[j].account.flatMap { teamOf[$0] } }
        guard let stored = try storedSend(m) else { return nil }
        sendCache[m] = stored
        return stored.account.flatMap { teamOf[$0] }
    }

    private mutating func put(_ row: Located<LedgerEvent>, team: String?, rank: Int) throws -> Refusal? {
        let e = row.value, source = number(row.source)
        let s = insert.sqliteStatement
        sqlite3_reset(s)
        Rows.bind(s, 1, e.id)
        sqlite3_bind_int64(s, 2, e.time.millis)
        Rows.bind(s, 3, e.kind.rawValue)
        Rows.bind(s, 4, e.account)
        Rows.bind(s, 5, e.message)
        Rows.bind(s, 6, e.to)
        if let amount = e.amount { sqlite3_bind_int64(s, 7, Int64(amount)) } else { sqlite3_bind_null(s, 7) }
        Rows.bind(s, 8, e.note)
        Rows.bind(s, 9, team)
        sqlite3_bind_int64(s, 10, source)
        sqlite3_bind_int64(s, 11, Int64(row.line))
        let code = sqlite3_step(s)
        sqlite3_reset(s)
        if code == SQLITE_DONE {
            if rank >= 0 { touched[rank] = touched[rank] || !replaced.contains(source) } else if e.kind.isResponse { unplaced += 1 }
            return nil
        }
        guard code & 0xFF == SQLITE_CONSTRAINT else { throw error(code, insert.sql) }
        if let held = try first(
            byID, e.id,
            {
                (
                    event: try Rows.event($0), row: sqlite3_column_int64($0, 8), source: sqlite3_column_int64($0, 9),
                    line: sqlite3_column_int64($0, 10)
                )
            })
        {
            if held.event == e, held.source != source { try holdAlso(e.id, source: source, line: row.line) }
            let inBatch = held.row >= firstNewRow
            return .idTaken(by: held.event, at: inBatch ? nil : "\(sourceNames[held.source] ?? "an earlier import"):\(held.line)")
        }
        if e.kind == .send, let m = e.message, let other = try send(ofMessage: m) { return .messageTaken(by: other) }
        throw error(code, insert.sql)
    }

    /// Records that another source holds an event too (spec §8: overlapping exports).
    private func holdAlso(_ id: String, source: Int64, line: Int) throws {
        let s = hold.sqliteStatement
        sqlite3_reset(s)
        Rows.bind(s, 1, id)
        sqlite3_bind_int64(s, 2, source)
        sqlite3_bind_int64(s, 3, Int64(line))
        let code = sqlite3_step(s)
        sqlite3_reset(s)
        guard code == SQLITE_DONE else { throw error(code, hold.sql) }
    }

    /// The first row of a statement with one text argument, read by `read`.
    private func first<T>(_ statement: GRDB.Statement, _ argument: String, _ read: (SQLiteStatement) throws -> T) throws -> T? {
        let s = statement.sqliteStatement
        sqlite3_reset(s)
        Rows.bind(s, 1, argument)
        defer { sqlite3_reset(s) }
        let code = sqlite3_step(s)
        if code == SQLITE_DONE { return nil }
        guard code == SQLITE_ROW else { throw error(code, statement.sql) }
        return try read(s)
    }

    private func error(_ code: Int32, _ sql: String) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
    }
}
