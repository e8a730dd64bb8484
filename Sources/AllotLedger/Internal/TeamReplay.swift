/// Replays one team: shares only move credits within a team, so teams are independent.
final class TeamReplay {
    let settings: LedgerSettings
    let asOf: Instant
    /// No refund is posted at or after it: `asOf`, except in a forecast, where nothing comes back.
    let refundsBefore: Instant
    var states: [AccountState]
    let indexById: [String: Int]
    /// Events other than responses, in spec §5 order.
    private(set) var events: [LedgerEvent]
    /// Where the replay stands: the next of `events`, and the month starts not yet passed.
    private var next = 0
    private var boundaries: ArraySlice<(month: Month, start: Instant)> = []
    private var started = false
    /// The counted (first) response to each message.
    let firstResponse: [String: SentMessage.Response]
    var problems: [LedgerProblem] = []
    var shares: [ShareRecord] = []
    var schedule = MinHeap<ScheduledItem>()
    var calendar: LedgerCalendar { settings.calendar }

    init(accounts: [Account], events: [LedgerEvent], settings: LedgerSettings, asOf: Instant, refundsBefore: Instant? = nil) {
        self.settings = settings
        self.asOf = asOf
        self.refundsBefore = min(refundsBefore ?? asOf, asOf)
        let sorted = accounts.sorted { UTF8Order.precedes($0.id, $1.id) }
        states = sorted.map(AccountState.init)
        indexById = Dictionary(sorted.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var others: [LedgerEvent] = [], responses: [LedgerEvent] = []
        for e in events {
            if e.kind.isResponse, e.message != nil { responses.append(e) } else { others.append(e) }
        }
        self.events = Self.inReplayOrder(others)
        // The earliest response to each message counts (ties by id); most messages have
        // one, so find it in one pass and look for the others only if there are any.
        var first: [String: SentMessage.Response] = [:]
        first.reserveCapacity(responses.count)
        for e in responses {
            let response = SentMessage.Response(time: e.time, kind: e.kind, eventId: e.id)
            first[e.message!, default: response].takeIfEarlier(response)
        }
        firstResponse = first
        if first.count < responses.count { reportDuplicates(responses, sends: events) }
    }

    /// Every response to a message but the one that counts.
    private func reportDuplicates(_ responses: [LedgerEvent], sends: [LedgerEvent]) {
        var senderOf: [String: String] = [:]
        for e in sends where e.kind == .send {
            if let m = e.message, let a = e.account { senderOf[m] = a }
        }
        var countedSeen: Set<String> = []
        for d in responses {
            let counted = firstResponse[d.message!]!
            if counted == SentMessage.Response(time: d.time, kind: d.kind, eventId: d.id), countedSeen.insert(d.message!).inserted {
                continue
            }
            problems.append(
                LedgerProblem(
                    kind: .duplicateResponse, eventId: d.id, time: d.time, account: senderOf[d.message!] ?? d.account ?? "",
                    detail: "message \(d.message!) already had its \(counted.kind.rawValue) \(counted.eventId); this one is ignored"))
        }
    }

    /// A copy of `other` as it stands, going on with `extra` (no responses, none before the
    /// instant `other` has reached) as its events from there: the forecast's projections
    /// share one replay of the team's history.
    private init(continuing other: TeamReplay, with extra: [LedgerEvent]) {
        settings = other.settings
        asOf = other.asOf
        refundsBefore = other.refundsBefore
        states = other.states
        indexById = other.indexById
        firstResponse = other.firstResponse
        problems = other.problems
        shares = other.shares
        schedule = other.schedule
        boundaries = other.boundaries
        started = other.started
        events = Array(other.events[other.next...]) + Self.inReplayOrder(extra)
    }

    func continuing(with extra: [LedgerEvent]) -> TeamReplay { TeamReplay(continuing: self, with: extra) }

    /// Spec §5 order: by time, then posting class, then event id.
    private static func inReplayOrder(_ events: [LedgerEvent]) -> [LedgerEvent] {
        events.sorted { a, b in
            if a.time != b.time { return a.time < b.time }
            let ca = PostingClass(a.kind), cb = PostingClass(b.kind)
            return ca != cb ? ca < cb : UTF8Order.precedes(a.id, b.id)
        }
    }

    func run() -> (accounts: [AccountLedger], problems: [LedgerProblem], shares: [ShareRecord]) {
        advance(before: asOf)
        return finish()
    }

    /// Applies every event and scheduled item before `limit` (as-of at most), in order.
    func advance(before limit: Instant) {
        if !started {
            scheduleCalendarItems()
            boundaries = monthBoundaries()[...]
            started = true
        }
        let end = min(limit, asOf)
        while true {
            // Reads the next event's time and class in place: copying the whole event on
            // every turn, scheduled items' turns included, showed in profiles.
            let hasEvent = next < events.count
            let item = schedule.peek
            let takeEvent: Bool
            if let i = item, hasEvent {
                let t = events[next].time
                takeEvent = t != i.time ? t < i.time : PostingClass(events[next].kind) < i.cls
            } else if hasEvent {
                takeEvent = true
            } else if item != nil {
                takeEvent = false
            } else {
                break
            }
            let time = takeEvent ? events[next].time : item!.time
            if time >= end { break }
            while let b = boundaries.first, b.start <= time {
                snapshot(at: b.start, month: b.month)
                boundaries.removeFirst()
            }
            if takeEvent {
                apply(events[next])
                next += 1
            } else {
                perform(schedule.pop()!)
            }
        }
    }

    /// The accounts as a replay advanced to `limit` (and no further) leaves them, with the
    /// lots of every month start before it; this replay stays as it is, to go on from.
    func outcome(before limit: Instant) -> (accounts: [AccountLedger], problems: [LedgerProblem], shares: [ShareRecord]) {
        let copy = continuing(with: [])
        copy.advance(before: limit)
        return copy.finish(before: limit)
    }

    /// The accounts as the replay leaves them, once it has advanced to `limit`.
    private func finish(before limit: Instant? = nil) -> (accounts: [AccountLedger], problems: [LedgerProblem], shares: [ShareRecord]) {
        let limit = limit ?? asOf
        for b in boundaries where b.start < limit { snapshot(at: b.start, month: b.month) }
        let ledgers = states.map {
            AccountLedger(
                account: $0.account, postings: $0.postings, messages: $0.messages, lots: $0.lots,
                lotsAtMonthStart: $0.lotsAtMonthStart, origins: $0.origins)
        }
        return (ledgers, problems, shares)
    }

    /// Month starts between the earliest opening and as_of: where month-end lots are kept.
    private func monthBoundaries() -> [(month: Month, start: Instant)] {
        guard let first = states.map(\.account.opened).min() else { return [] }
        var out: [(month: Month, start: Instant)] = []
        var month = calendar.month(of: first).next
        while true {
            let start = calendar.startOfMonth(month)
            guard start < asOf else { break }
            out.append((month, start))
            month = month.next
        }
        return out
    }

    private func snapshot(at start: Instant, month: Month) {
        for i in states.indices where states[i].account.opened < start {
            if let c = states[i].account.closed, c < calendar.startOfMonth(month.previous) { continue }
            states[i].lotsAtMonthStart[month] = states[i].lots
        }
    }

    /// Closings, policy switches, allotments and bonuses: known before the replay starts.
    private func scheduleCalendarItems() {
        for (i, entry) in settings.timeline.entries.enumerated() where entry.from < asOf {
            if entry.policy.carryOverExpiry(startingAt: entry.from, calendar: calendar) != nil {
                schedule.push(ScheduledItem(time: entry.from, cls: .policySwitch, rank: i, id: "", action: .policySwitch(entry: i)))
            }
        }
        let bonusStarts = settings.bonuses.map { calendar.startOfMonth($0.month) }
        for (a, state) in states.enumerated() {
            let account = state.account
            if let c = account.closed, c < asOf {
                schedule.push(ScheduledItem(time: c, cls: .closing, rank: a, id: "", action: .close(account: a)))
            }
            for t in allotmentInstants(account) {
                schedule.push(ScheduledItem(time: t, cls: .allotment, rank: a, id: "", action: .allot(account: a)))
            }
            for (b, t) in bonusStarts.enumerated() where t < asOf && account.isOpen(at: t) {
                schedule.push(
                    ScheduledItem(
                        time: t, cls: .bonus, rank: a * bonusStarts.count + b, id: "",
                        action: .bonus(account: a, bonus: b)))
            }
        }
    }

    /// Spec §3: the opening instant, then each later first-of-month or anniversary
    /// instant that the policy in force there asks for, while open and before as_of.
    func allotmentInstants(_ account: Account) -> [Instant] {
        let end = min(account.closed ?? .distantFuture, asOf)
        let timeline = settings.timeline
        var out: [Instant] = []
        guard account.opened < end else { return out }
        if timeline.policy(at: account.opened) != nil { out.append(account.opened) }
        var month = calendar.month(of: account.opened).next
        var k = 1
        var monthStart = calendar.startOfMonth(month)
        var anniversary = calendar.adding(months: k, to: account.opened)
        while monthStart < end || anniversary < end {
            let t = min(monthStart, anniversary)
            if t < end, let p = timeline.policy(at: t),
                (monthStart == t && p.allotmentDay == .firstOfMonth) || (anniversary == t && p.allotmentDay == .anniversary)
            {
                out.append(t)
            }
            if monthStart == t { month = month.next; monthStart = calendar.startOfMonth(month) }
            if anniversary == t { k += 1; anniversary = calendar.adding(months: k, to: account.opened) }
        }
        return out
    }
}

private extension SentMessage.Response {
    /// Becomes `other` if it came first (by time, then event id).
    mutating func takeIfEarlier(_ other: Self) {
        if other.time < time || (other.time == time && UTF8Order.precedes(other.eventId, eventId)) { self = other }
    }
}
