import AllotLedger
import Testing

/// Spec §2's ranges hold inside the replay too: a policy from a plugin that hands out
/// more than the contract allows is held to the range rather than overflowing.
@Suite struct LimitsTests {
    /// Grants every credit it can and never lets a message's window close.
    struct Boundless: Policy {
        var name: String { "boundless" }
        var allotment: Int { .max }
        var allotmentDay: AllotmentDay { .firstOfMonth }
        var cap: Int? { nil }
        var refundOn: RefundOn { .response }
        var windowDays: Int { .max }
        func expiry(ofLotCreatedAt created: Instant, calendar: LedgerCalendar) -> Instant? { nil }
        func carryOverExpiry(startingAt start: Instant, calendar: LedgerCalendar) -> Instant? { nil }
    }

    /// Twelve allotments of Int.max each (the opening one and one a month) would overflow
    /// at the second; held to 1,000,000,000 each they add up to 12,000,000,000 less the
    /// one sent, and the send's window (Int.max days) is held to 36,600 days, so the
    /// answer a year later refunds it.
    @Test func aPolicyBeyondTheRangesIsHeldToThemAndNeverTraps() throws {
        var s = Scenario()
        s.seat("a", opened: "2015-01-01")
        s.event("e1", "2015-01-05T10:00:00Z", .send, "a", message: "m1")
        s.event("e2", "2016-01-05T10:00:00Z", .accept, message: "m1")
        let start = try InstantParser(calendar: .utc).parse("2015-01-01").get()
        let settings = LedgerSettings(timeline: PolicyTimeline([PolicyTimeline.Entry(from: start, policy: Boundless())])!)
        let end = try InstantParser(calendar: .utc).parseEnd("2015-12-31").get()
        let ledger = Ledger.replay(accounts: s.seats, events: s.events, settings: settings, asOf: end)
        let postings = ledger.postings("a")
        #expect(postings.filter { $0.kind == .allotment }.map(\.amount) == Array(repeating: 1_000_000_000, count: 12))
        #expect(postings.last?.balance == 12_000_000_000 - 1)
        let later = Ledger.replay(
            accounts: s.seats, events: s.events, settings: settings, asOf: try InstantParser(calendar: .utc).parseEnd("2016-01-31").get())
        #expect(later.postings("a").contains { $0.kind == .refund && $0.amount == 1 })
    }
}
