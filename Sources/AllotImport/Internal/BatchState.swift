import AllotLedger

/// The seats and events of one batch, merged over the stored ledger while validating.
struct BatchState<Store: LedgerLookup> {
    let store: Store
    var seats: [String: Located<Account>] = [:]
    var seatOrder: [String] = []
    var unchangedSeats = 0
    var events: [Located<LedgerEvent>] = []
    /// Batch events by id and sends by message, as indexes into `events`.
    var eventIndex: [String: Int] = [:]
    var sends: [String: Int] = [:]
    var repeatedEvents = 0
    /// Stored events and sends the batch refers to, fetched in bulk before checking.
    var storedEvents: [String: LedgerEvent] = [:]
    var storedSends: [String: LedgerEvent] = [:]
    var storedAccounts: [String: Account] = [:]

    init(store: Store) { self.store = store }

    func account(_ id: String) throws -> Account? { try seats[id]?.value ?? storedAccounts[id] ?? store.account(id) }

    func send(ofMessage m: String) throws -> LedgerEvent? { sends[m].map { events[$0].value } ?? storedSends[m] }

    func plan() throws -> ImportPlan {
        let changed = try seatOrder.compactMap { id -> Account? in
            let seat = seats[id]!.value
            return try store.account(id) == seat ? nil : seat
        }
        return ImportPlan(accounts: changed, events: events.map(\.value),
                          unchangedSeats: unchangedSeats, repeatedEvents: repeatedEvents)
    }

    mutating func mergeSeats(_ rows: [Located<Account>]) throws -> [ImportIssue] {
        var issues: [ImportIssue] = []
        for row in rows {
            let seat = row.value
            if let known = try account(seat.id) {
                if known.opened != seat.opened {
                    issues.append(row.issue("opened", "is \(seat.opened.iso8601) but account \(seat.id) was opened at \(known.opened.iso8601); a seat's opening cannot change"))
                    continue
                }
                if known.team != seat.team {
                    issues.append(row.issue("team", "is \(seat.team) but account \(seat.id) is in team \(known.team); a seat cannot change team"))
                    continue
                }
                if known == seat { unchangedSeats += 1 }
            }
            if seats[seat.id] == nil { seatOrder.append(seat.id) }
            seats[seat.id] = row
        }
        return issues
    }

    /// Drops repeats (same id, same content); flags ids reused with other content.
    mutating func collectEvents(_ rows: [Located<LedgerEvent>]) throws -> [ImportIssue] {
        var issues: [ImportIssue] = []
        if try store.hasEvents() {
            storedEvents = try store.events(ids: rows.map(\.value.id))
            storedSends = try store.sends(ofMessages: Array(Set(rows.compactMap(\.value.message))))
        }
        storedAccounts = try store.accounts(ids: Array(Set(rows.flatMap { [$0.value.account, $0.value.to].compactMap { $0 } })))
        eventIndex.reserveCapacity(rows.count)
        sends.reserveCapacity(rows.count)
        events.reserveCapacity(rows.count)
        for row in rows {
            let e = row.value
            if let index = eventIndex[e.id] {
                let earlier = events[index]
                if earlier.value == e { repeatedEvents += 1 } else {
                    issues.append(row.issue("id", "\(e.id) is used again with different content (first at \(earlier.file):\(earlier.line))"))
                }
                continue
            }
            if let stored = storedEvents[e.id] {
                if stored == e { repeatedEvents += 1 } else {
                    issues.append(row.issue("id", "\(e.id) was imported before with different content"))
                }
                continue
            }
            eventIndex[e.id] = events.count
            events.append(row)
            if e.kind == .send, let m = e.message {
                if let other = sends[m].map({ events[$0].value }) ?? storedSends[m] {
                    issues.append(row.issue("message", "\(m) was already sent by event \(other.id); message ids must be unique"))
                } else {
                    sends[m] = events.count - 1
                }
            }
        }
        return issues
    }

    func checkEvents() throws -> [ImportIssue] {
        try events.flatMap { try check($0) }
    }

    private func check(_ row: Located<LedgerEvent>) throws -> [ImportIssue] {
        let e = row.value
        var issues: [ImportIssue] = []
        if e.kind.isResponse {
            guard let m = e.message, let sent = try send(ofMessage: m) else {
                return [row.issue("message", "\(e.message ?? "") has no send; import the file with its send in the same batch or first")]
            }
            if e.time < sent.time {
                issues.append(row.issue("time", "\(e.time.iso8601) is before the send of \(m) at \(sent.time.iso8601)"))
            }
            if let a = e.account, a != sent.account {
                issues.append(row.issue("account", "is \(a) but message \(m) was sent by \(sent.account ?? "")"))
            }
            return issues
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

    private func notOpen(_ a: Account, _ e: LedgerEvent) -> String {
        let period = a.closed.map { "from \(a.opened.iso8601) to \($0.iso8601)" } ?? "from \(a.opened.iso8601)"
        return "\(e.time.iso8601) is outside the open period of seat \(a.id) (\(period))"
    }

    /// A new closing must not strand events already stored.
    func checkSeatChanges() throws -> [ImportIssue] {
        try seatOrder.compactMap { id in
            let row = seats[id]!
            guard let stored = try store.account(id), stored.closed != row.value.closed,
                  let event = try store.eventOutside(account: id, opened: row.value.opened, closed: row.value.closed)
            else { return nil }
            return row.issue("closed", "would close seat \(id) before its event \(event.id) at \(event.time.iso8601)")
        }
    }
}
