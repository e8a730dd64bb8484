import AllotImport
import AllotLedger

/// Puts a batch into the store while it is validated, inside the import's transaction.
/// Ids and messages used twice are found by the store's unique indexes, not by tables
/// held in memory. Each chunk goes in team by team, so that one team's rows sit
/// together in the table and a build reading one team at a time reads few pages.
public struct StoreSink: LedgerSink {
    private static let columns = ["id", "time", "type", "account", "message", "recipient", "amount", "note", "team", "source", "line"]
    /// Messages looked up by one query (padded with NULL, so that it is one statement).
    private static let sendsPerQuery = 500

    private let db: any SQLConnection
    private let lookup: DatabaseLookup
    /// Rows with a rowid from here on were added by this batch.
    let firstNewRow: Int64
    /// Each seat's team, and the team's place in UTF-8 order of team ids (chunks are
    /// sorted by it).
    private var teamOf: [String: (team: String, rank: Int)] = [:]
    /// Sends of the current chunk, by message: the stored ones its responses belong to,
    /// and the ones it added. Validation asks for them next.
    private var sendCache: [String: LedgerEvent] = [:]
    /// Messages of the chunk's responses looked up before it went in, sent or not.
    private var lookedUp: Set<String> = []
    /// Teams whose seats or events the batch added or changed: by name, and by rank.
    private var named: Set<String> = []
    private var ranked: [String] = []
    private var touched: [Bool] = []
    /// Responses added before their send, stored without a team until `placeResponses`.
    private var unplaced = 0
    /// The batch's sources by name, and every source's name by number.
    private let sourceNumbers: [String: Int64]
    private let sourceNames: [Int64: String]

    /// Sources imported again: `SourceRelease` says which of their teams changed.
    private let replaced: Set<Int64>

    init(db: any SQLConnection, sources: SourceNumbers, replaced: Set<Int64>) throws {
        self.db = db
        self.replaced = replaced
        sourceNumbers = sources.byName
        sourceNames = sources.names
        lookup = DatabaseLookup(db: db)
        firstNewRow = (try db.integer("SELECT max(rowid) FROM event") ?? 0) + 1
        for (id, team) in try db.all("SELECT id, team FROM account", row: { ($0.text(0) ?? "", $0.text(1) ?? "") }) {
            teamOf[id] = (team, 0)
        }
        rankTeams()
    }

    public func account(_ id: String) throws -> Account? { try lookup.account(id) }
    public func event(_ id: String) throws -> LedgerEvent? { try lookup.event(id) }
    public func eventOutside(account: String, opened: Instant, closed: Instant?) throws -> LedgerEvent? {
        try lookup.eventOutside(account: account, opened: opened, closed: closed)
    }

    public func send(ofMessage message: String) throws -> LedgerEvent? {
        if let cached = sendCache[message] { return cached }
        return try lookup.send(ofMessage: message)
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
        sendCache.removeAll(keepingCapacity: true)
        try fetchStoredSends(answeredIn: events)
        // Rows that repeat an id or a sent message of an earlier row of the chunk go in
        // after the others, in file order, so that they meet the row they repeat.
        var ids: Set<String> = [], firstSend: [String: Int] = [:]
        ids.reserveCapacity(events.count)
        var grouped: [Placed] = [], repeating: [Int] = []
        grouped.reserveCapacity(events.count)
        for (i, e) in events.enumerated() {
            guard ids.insert(e.id).inserted else { repeating.append(i); continue }
            if e.kind == .send, let m = e.message {
                guard firstSend[m] == nil else { repeating.append(i); continue }
                firstSend[m] = i
            }
            let place = try team(e, events, firstSend)
            grouped.append(Placed(index: i, team: place?.team, rank: place?.rank ?? -1))
        }
        grouped.sort { a, b in a.rank != b.rank ? a.rank < b.rank : a.index < b.index }
        var refused = try put(grouped, rows)
        for i in repeating {
            let place = try team(events[i], events, firstSend)
            refused += try put([Placed(index: i, team: place?.team, rank: place?.rank ?? -1)], rows)
        }
        refused.sort { $0.index < $1.index }
        var took = [Bool](repeating: true, count: events.count)
        for (i, _) in refused { took[i] = false }
        for (m, i) in firstSend where took[i] { sendCache[m] = events[i] }
        return refused
    }

    /// A row of a chunk with the team it goes in, and that team's rank (-1: none yet).
    private struct Placed {
        var index: Int
        var team: String?
        var rank: Int
    }

    /// Inserts the rows in this order (differing in id and in sent message); says why
    /// the store refused any.
    private mutating func put(_ order: [Placed], _ rows: [Located<LedgerEvent>]) throws -> [(index: Int, refusal: Refusal)] {
        let numbers = sourceNumbers
        let inserted = try db.insert(into: "event", columns: Self.columns, count: order.count) { k, values in
            let row = rows[order[k].index], e = row.value
            values.append(.text(e.id))
            values.append(.integer(e.time.millis))
            values.append(.text(e.kind.rawValue))
            values.append(e.account.sqlValue)
            values.append(e.message.sqlValue)
            values.append(e.to.sqlValue)
            values.append(e.amount.sqlValue)
            values.append(e.note.sqlValue)
            values.append(order[k].team.sqlValue)
            values.append(.integer(numbers[row.source] ?? 0))
            values.append(.integer(Int64(row.line)))
        }
        var refused: [(index: Int, refusal: Refusal)] = []
        for (placed, wentIn) in zip(order, inserted) {
            let row = rows[placed.index], source = number(row.source)
            guard wentIn else {
                refused.append((placed.index, try refusal(row, source)))
                continue
            }
            if placed.rank >= 0 {
                touched[placed.rank] = touched[placed.rank] || !replaced.contains(source)
            } else if row.value.kind.isResponse {
                unplaced += 1
            }
        }
        return refused
    }

    /// Why the store refused a row: its id is held, or its message was sent already.
    /// An event held with the same content by another source is held by this one too
    /// (spec §8: overlapping exports).
    private func refusal(_ row: Located<LedgerEvent>, _ source: Int64) throws -> Refusal {
        let e = row.value
        if let held = try db.first(
            "SELECT \(Rows.eventColumns), rowid, source, line FROM event WHERE id = ?", e.id,
            row: { (event: try Rows.event($0), row: $0.integer(8) ?? 0, source: $0.integer(9) ?? 0, line: $0.integer(10) ?? 0) })
        {
            if held.event == e, held.source != source {
                try db.execute(
                    "INSERT INTO event_holder (event, source, line) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", e.id, source, row.line)
            }
            let inBatch = held.row >= firstNewRow
            return .idTaken(by: held.event, at: inBatch ? nil : "\(sourceNames[held.source] ?? "an earlier import"):\(held.line)")
        }
        if e.kind == .send, let m = e.message, let other = try send(ofMessage: m) { return .messageTaken(by: other) }
        throw StoreDamage("the store refused event \(e.id), which neither repeats an id nor a sent message")
    }

    /// Gives responses added before their send the team of that send's seat.
    mutating func placeResponses() throws {
        guard unplaced > 0 else { return }
        named.formUnion(
            try db.texts(
                """
                SELECT DISTINCT s.team FROM event r JOIN event s ON s.type = 'send' AND s.message = r.message
                WHERE r.rowid >= ? AND r.team IS NULL AND r.type IN ('accept', 'decline') AND s.team IS NOT NULL
                """, firstNewRow))
        try db.execute(
            """
            UPDATE event SET team = (SELECT s.team FROM event s WHERE s.type = 'send' AND s.message = event.message)
            WHERE rowid >= ? AND team IS NULL AND type IN ('accept', 'decline')
            """, firstNewRow)
        unplaced = 0
    }

    /// The team an event belongs to: its seat's, or for a response its sender's.
    private mutating func team(_ e: LedgerEvent, _ chunk: [LedgerEvent], _ firstSend: [String: Int]) throws -> (team: String, rank: Int)? {
        guard e.kind.isResponse else { return e.account.flatMap { teamOf[$0] } }
        guard let m = e.message else { return nil }
        if let j = firstSend[m] { return chunk[j].account.flatMap { teamOf[$0] } }
        if let stored = sendCache[m] { return stored.account.flatMap { teamOf[$0] } }
        guard !lookedUp.contains(m), let stored = try lookup.send(ofMessage: m) else { return nil }
        sendCache[m] = stored
        return stored.account.flatMap { teamOf[$0] }
    }

    /// Reads the stored sends of the messages the chunk's responses answer without a send
    /// before them in the chunk, many to a query: one query each would cost a round trip
    /// each with a database server.
    private mutating func fetchStoredSends(answeredIn events: [LedgerEvent]) throws {
        lookedUp.removeAll(keepingCapacity: true)
        var sent: Set<String> = []
        for e in events {
            guard let m = e.message else { continue }
            if e.kind == .send { sent.insert(m) } else if e.kind.isResponse, !sent.contains(m) { lookedUp.insert(m) }
        }
        let messages = Array(lookedUp), width = Self.sendsPerQuery
        let sql = """
            SELECT \(Rows.eventColumns) FROM event WHERE type = 'send'
            AND message IN (\(Array(repeating: "?", count: width).joined(separator: ", ")))
            """
        for start in stride(from: 0, to: messages.count, by: width) {
            let group = messages[start..<min(messages.count, start + width)]
            let arguments = group.map(SQLValue.text) + Array(repeating: .null, count: width - group.count)
            try db.query(sql, arguments: arguments) { row in
                let send = try Rows.event(row)
                if let m = send.message { sendCache[m] = send }
            }
        }
    }
}
