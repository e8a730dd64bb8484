import AllotLedger
import AllotPolicies

/// A ledger written out in the spec's own notation, for hand-worked tests.
struct Scenario {
    var timezone = "UTC"
    var policies: [(name: String, from: String, parameters: [String: PolicyParameters.Value])] = [
        ("inmail-2015", "2015-01-01", [:])
    ]
    var bonuses: [Bonus] = []
    var refundDelayHours = 0
    var warnDays = 30
    var seats: [Account] = []
    var events: [LedgerEvent] = []

    var calendar: LedgerCalendar { LedgerCalendar(identifier: timezone)! }

    func instant(_ text: String) -> Instant {
        try! InstantParser(calendar: calendar).parse(text).get()
    }

    mutating func seat(_ id: String, team: String = "t", opened: String, closed: String? = nil) {
        seats.append(Account(id: id, name: id, team: team, opened: instant(opened), closed: closed.map(instant)))
    }

    mutating func event(
        _ id: String, _ time: String, _ kind: LedgerEvent.Kind, _ account: String? = nil,
        message: String? = nil, to: String? = nil, amount: Int? = nil
    ) {
        events.append(
            LedgerEvent(
                id: id, time: instant(time), kind: kind, account: account, message: message,
                to: to, amount: amount))
    }

    var settings: LedgerSettings {
        let registry = PolicyRegistry.builtIn
        let entries = policies.map { p in
            PolicyTimeline.Entry(
                from: instant(p.from),
                policy: try! registry.factory(named: p.name)!.makePolicy(PolicyParameters(p.parameters)))
        }
        return LedgerSettings(
            calendar: calendar, timeline: PolicyTimeline(entries)!, bonuses: bonuses,
            refundDelayHours: refundDelayHours, warnDays: warnDays)
    }

    /// `asOf` is read like the config's: a bare date is the end of that day.
    func replay(asOf: String) -> Ledger {
        let end = try! InstantParser(calendar: calendar).parseEnd(asOf).get()
        return Ledger.replay(accounts: seats, events: events, settings: settings, asOf: end)
    }
}

extension Ledger {
    func postings(_ account: String) -> [Posting] { self[account]!.postings }

    func kinds(_ account: String) -> [String] {
        postings(account).map { "\($0.kind.rawValue) \($0.amount)" }
    }
}
