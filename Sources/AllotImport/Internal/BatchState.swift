import AllotLedger

/// A batch being validated: its seats merged over the stored ones, and counts of its
/// events. Events themselves live in the sink once added; only responses that came
/// before their send (rare: files given out of order) wait here for the end.
struct BatchState<Sink: LedgerSink> {
    var sink: Sink
    var seats: [String: Located<Account>] = [:]
    var seatOrder: [String] = []
    /// Every valid seat row, in file order, for the sink.
    private var seatRows: [Located<Account>] = []
    var unchangedSeats = 0
    var addedEvents = 0
    var repeatedEvents = 0
    /// Accounts looked up in the sink, by id (nil: unknown).
    private var known: [String: Account?] = [:]
    /// Responses whose send was not added yet when they were.
    private var lateResponses: [Located<LedgerEvent>] = []
    /// Rows whose id an earlier row of the batch holds with other content.
    private(set) var reused: [Located<LedgerEvent>] = []

    init(sink: Sink) { self.sink = sink }

    mutating func account(_ id: String) throws -> Account? {
        if let seat = seats[id] { return seat.value }
        if let cached = known[id] { return cached }
        let found = try sink.account(id)
        known[id] = found
        return found
    }

    /// The seats this batch adds or changes, compared with the sink before they are added.
    func changedSeats() throws -> [Account] {
        try seatOrder.compactMap { id -> Account? in
            let seat = seats[id]!.value
            return try sink.account(id) == seat ? nil : seat
        }
    }

    mutating func mergeSeats(_ rows: [Located<Account>]) throws -> [ImportIssue] {
        var issues: [ImportIssue] = []
        for row in rows {
            let seat = row.value
            if let known = try account(seat.id) {
                if known.opened != seat.opened {
                    issues.append(
                        row.issue(
                            "opened",
                            "is \(seat.opened.iso8601) but account \(seat.id) was opened at \(known.opened.iso8601); a seat's opening cannot change"
                        ))
                    continue
                }
                if known.team != seat.team {
                    issues.append(
                        row.issue("team", "is \(seat.team) but account \(seat.id) is in team \(known.team); a seat cannot change team"))
                    continue
                }
                if known == seat { unchangedSeats += 1 }
            }
            if seats[seat.id] == nil { seatOrder.append(seat.id) }
            seats[seat.id] = row
            seatRows.append(row)
        }
        return issues
    }

    /// Hands every seat row to the sink, then checks that no seat's new closing strands
    /// events already stored. Afterwards seats are looked up as the sink merged them.
    mutating func addSeats() throws -> [ImportIssue] {
        var stored: [String: Account] = [:]
        for id in seatOrder { stored[id] = try sink.account(id) }
        try sink.add(seatRows)
        seatRows = []
        known = [:]
        var issues: [ImportIssue] = []
        for id in seatOrder {
            let row = seats[id]!
            guard let now = try sink.account(id) else { continue }
            seats[id] = Located(now, file: row.file, line: row.line, source: row.source)
            guard let before = stored[id], before.closed != now.closed,
                let event = try sink.eventOutside(account: id, opened: now.opened, closed: now.closed)
            else { continue }
            issues.append(row.issue("closed", "would close seat \(id) before its event \(event.id) at \(event.time.iso8601)"))
        }
        return issues
    }

    /// Hands a chunk of parsed events to the sink and checks each one it took. Repeats
    /// (same id, same content) are counted and dropped; ids reused with other content,
    /// and messages sent twice, are issues.
    mutating func add(_ rows: [Located<LedgerEvent>], _ issues: inout IssueLog) throws {
        guard !rows.isEmpty else { return }
        let refused = try sink.add(rows)
        var next = refused.startIndex
        var found: [ImportIssue] = []
        for (i, row) in rows.enumerated() {
            let e = row.value
            if next < refused.endIndex, refused[next].index == i {
                let refusal = refused[next].refusal
                next += 1
                switch refusal {
                case .idTaken(let held, let holder):
                    if held == e {
                        repeatedEvents += 1
                    } else if let holder {
                        found.append(row.issue("id", "\(e.id) is held by \(holder) with different content; one id is one event"))
                    } else {
                        reused.append(row)
                    }
                    continue
                case .messageTaken(let other):
                    found.append(
                        row.issue("message", "\(e.message ?? "") was already sent by event \(other.id); message ids must be unique"))
                }
            } else {
                addedEvents += 1
            }
            if e.kind.isResponse {
                if let m = e.message, let sent = try sink.send(ofMessage: m) {
                    found += check(row, sentBy: sent)
                } else {
                    lateResponses.append(row)
                }
                continue
            }
            found += try check(row)
        }
        issues.add(found, .event)
    }

    /// Responses added before their send, checked now that every send is in.
    mutating func checkLateResponses(_ issues: inout IssueLog) throws {
        var found: [ImportIssue] = []
        for row in lateResponses { found += try check(row) }
        lateResponses = []
        issues.add(found, .event)
    }

    func reuseIssues(first: [String: Located<Void>]) -> [ImportIssue] {
        reused.map { row in
            let at = first[row.value.id].map { "\($0.file):\($0.line)" } ?? "?"
            return row.issue("id", "\(row.value.id) is used again with different content (first at \(at))")
        }
    }

    private mutating func check(_ row: Located<LedgerEvent>) throws -> [ImportIssue] {
        let e = row.value
        if e.kind.isResponse { return check(row, sentBy: try e.message.flatMap { try sink.send(ofMessage: $0) }) }
        let giver = try e.account.flatMap { try account($0) }
        let receiver = try e.to.flatMap { try account($0) }
        return EventRules.problems(e, giver: giver, receiver: receiver).map { row.issue($0.field, $0.message) }
    }

    private func check(_ row: Located<LedgerEvent>, sentBy sent: LedgerEvent?) -> [ImportIssue] {
        EventRules.problems(response: row.value, sentBy: sent).map { row.issue($0.field, $0.message) }
    }
}
