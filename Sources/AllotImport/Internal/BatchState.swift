import AllotLedger

/// A batch being validated: its seats merged over the stored ones, and counts of its
/// events. Events themselves live in the sink once added; only responses that came
/// before their send (rare: files given out of order) wait here for the end.
struct BatchState<Sink: LedgerSink> {
    var sink: Sink
    var seats: [String: Located<Account>] = [:]
    var seatOrder: [String] = []
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
        }
        return issues
    }

    /// A new closing must not strand events already stored.
    mutating func checkSeatChanges() throws -> [ImportIssue] {
        try seatOrder.compactMap { id in
            let row = seats[id]!
            guard let stored = try sink.account(id), stored.closed != row.value.closed,
                let event = try sink.eventOutside(account: id, opened: row.value.opened, closed: row.value.closed)
            else { return nil }
            return row.issue("closed", "would close seat \(id) before its event \(event.id) at \(event.time.iso8601)")
        }
    }

    /// Hands a chunk of parsed events to the sink and checks each one it took. Repeats
    /// (same id, same content) are counted and dropped; ids reused with other content,
    /// and messages sent twice, are issues.
    mutating func add(_ rows: [Located<LedgerEvent>], _ issues: inout IssueLog) throws {
        guard !rows.isEmpty else { return }
        let refused = try sink.add(rows.map(\.value))
        var next = refused.startIndex
        var found: [ImportIssue] = []
        for (i, row) in rows.enumerated() {
            let e = row.value
            if next < refused.endIndex, refused[next].index == i {
                let refusal = refused[next].refusal
                next += 1
                switch refusal {
                case .idTaken(let held, let inBatch):
                    if held == e {
                        repeatedEvents += 1
                    } else if inBatch {
                        reused.append(row)
                    } else {
                        found.append(row.issue("id", "\(e.id) was imported before with different content"))
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
        var issues: [ImportIssue] = []
        if e.kind.isResponse {
            guard let m = e.message, let sent = try sink.send(ofMessage: m) else {
                return [row.issue("message", "\(e.message ?? "") has no send; import the file with its send in the same batch or first")]
            }
            return check(row, sentBy: sent)
        }
        guard let id = e.account, let giver = try account(id) else {
            return [row.issue("account", "\(e.account ?? "") is not a known seat; add it to a seats file")]
        }
        if !giver.isOpen(at: e.time) { issues.append(row.issue("time", notOpen(giver, e))) }
        if e.kind == .share, let to = e.to {
            if to == id {
                issues.append(row.issue("to", "is the giver itself; a share goes to another seat"))
            } else if let receiver = try account(to) {
                if receiver.team != giver.team {
                    issues.append(row.issue("to", "\(to) is in team \(receiver.team), not \(giver.team); shares stay within a team"))
                } else if !receiver.isOpen(at: e.time) {
                    issues.append(row.issue("time", notOpen(receiver, e)))
                }
            } else {
                issues.append(row.issue("to", "\(to) is not a known seat; add it to a seats file"))
            }
        }
        return issues
    }

    private func check(_ row: Located<LedgerEvent>, sentBy sent: LedgerEvent) -> [ImportIssue] {
        let e = row.value, m = e.message ?? ""
        var issues: [ImportIssue] = []
        if e.time < sent.time {
            issues.append(row.issue("time", "\(e.time.iso8601) is before the send of \(m) at \(sent.time.iso8601)"))
        }
        if let a = e.account, a != sent.account {
            issues.append(row.issue("account", "is \(a) but message \(m) was sent by \(sent.account ?? "")"))
        }
        return issues
    }

    private func notOpen(_ a: Account, _ e: LedgerEvent) -> String {
        let period = a.closed.map { "from \(a.opened.iso8601) to \($0.iso8601)" } ?? "from \(a.opened.iso8601)"
        return "\(e.time.iso8601) is outside the open period of seat \(a.id) (\(period))"
    }
}
