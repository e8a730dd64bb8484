import AllotSupport

/// The replayed ledger: every account's postings, messages and lots as of `asOf`.
public struct Ledger: Sendable {
    public let settings: LedgerSettings
    /// Exclusive end: nothing at or after it is part of the ledger.
    public let asOf: Instant
    /// Sorted by account id (UTF-8 bytes).
    public let accounts: [AccountLedger]
    /// Rejections and notices, in time order.
    public let problems: [LedgerProblem]
    /// Every share that moved credits, in time order.
    public let shares: [ShareRecord]
    private let indexById: [String: Int]

    /// Replays seats and events under the settings' policies up to `asOf` (spec §3–§5).
    /// Events must have passed import validation; events at or after `asOf` are ignored.
    /// With `refundsBefore`, no refund is posted at or after it (a forecast's rule).
    public static func replay(
        accounts: [Account], events: [LedgerEvent], settings: LedgerSettings, asOf: Instant, refundsBefore: Instant? = nil
    ) -> Ledger {
        let (seatsOf, eventsOf) = byTeam(accounts: accounts, events: events, before: asOf)
        // Teams are independent (shares never leave one), so they replay on every core.
        let outcomes = ParallelMap.map(Array(seatsOf.indices)) { team in
            TeamReplay(accounts: seatsOf[team], events: eventsOf[team], settings: settings, asOf: asOf, refundsBefore: refundsBefore)
                .run()
        }
        return merged(outcomes, settings: settings, asOf: asOf)
    }

    /// The seats and the events before `before` of each team, teams in UTF-8 order of their
    /// ids; a response goes with the message's sender, and an event of no seat is left out.
    static func byTeam(accounts: [Account], events: [LedgerEvent], before: Instant) -> (seats: [[Account]], events: [[LedgerEvent]]) {
        var byTeam: [String: [Account]] = [:]
        for a in accounts { byTeam[a.team, default: []].append(a) }
        let teams = byTeam.keys.sorted(by: UTF8Order.precedes)
        let position = Dictionary(uniqueKeysWithValues: teams.enumerated().map { ($1, $0) })
        let teamOf = Dictionary(accounts.map { ($0.id, position[$0.team]!) }, uniquingKeysWith: { a, _ in a })
        var senderOf: [String: String] = [:]
        senderOf.reserveCapacity(events.count(where: { $0.kind == .send }))
        for e in events where e.kind == .send {
            if let m = e.message, let a = e.account { senderOf[m] = a }
        }
        var eventsByTeam = [[LedgerEvent]](repeating: [], count: teams.count)
        for e in events where e.time < before {
            let owner = e.kind.isResponse ? e.message.flatMap { senderOf[$0] } : e.account
            guard let team = owner.flatMap({ teamOf[$0] }) else { continue }
            eventsByTeam[team].append(e)
        }
        return (teams.map { byTeam[$0]! }, eventsByTeam)
    }

    /// The ledger of the teams' replays, in one order whatever theirs.
    static func merged(
        _ outcomes: [(accounts: [AccountLedger], problems: [LedgerProblem], shares: [ShareRecord])], settings: LedgerSettings,
        asOf: Instant
    ) -> Ledger {
        var results: [AccountLedger] = [], problems: [LedgerProblem] = [], shares: [ShareRecord] = []
        for outcome in outcomes {
            results += outcome.accounts
            problems += outcome.problems
            shares += outcome.shares
        }
        results.sort { UTF8Order.precedes($0.account.id, $1.account.id) }
        problems.sort { $0.time != $1.time ? $0.time < $1.time : UTF8Order.precedes($0.eventId, $1.eventId) }
        shares.sort { $0.time != $1.time ? $0.time < $1.time : UTF8Order.precedes($0.eventId, $1.eventId) }
        return Ledger(settings: settings, asOf: asOf, accounts: results, problems: problems, shares: shares)
    }

    init(settings: LedgerSettings, asOf: Instant, accounts: [AccountLedger], problems: [LedgerProblem], shares: [ShareRecord]) {
        self.settings = settings
        self.asOf = asOf
        self.accounts = accounts
        self.problems = problems
        self.shares = shares
        var index: [String: Int] = [:]
        for (i, a) in accounts.enumerated() { index[a.account.id] = i }
        self.indexById = index
    }

    public subscript(accountId: String) -> AccountLedger? { indexById[accountId].map { accounts[$0] } }
}
