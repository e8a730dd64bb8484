import AllotLedger
import Testing

/// One hand-worked example per rule of the contract (spec §2–§5).
@Suite struct RuleTests {
    /// inmail-2015 from 2015-01-01 (UTC), one seat opened then: 100 credits expiring Apr 1.
    func base() -> Scenario {
        var s = Scenario()
        s.seat("a", opened: "2015-01-01")
        return s
    }

    @Test func sendAtTheInstantALotExpiresCannotUseIt() {
        var t = Scenario()
        t.policies = [("inmail-2015", "2015-01-01", ["allotment_day": .text("anniversary")])]
        t.seat("c", opened: "2015-01-15")
        t.event("s", "2015-04-15T00:00:00Z", .send, "c", message: "m")
        // Anniversaries: Feb 15, Mar 15, Apr 15 (all 00:00). The Jan 15 lot expires Apr 15
        // 00:00, before the Apr 15 allotment and the send at that same instant.
        let l2 = t.replay(asOf: "2015-04-15")
        let at = l2.postings("c").filter { $0.time.iso8601 == "2015-04-15T00:00:00Z" }
        #expect(at.map { "\($0.kind.rawValue) \($0.amount)" } == ["expire -100", "allotment 100", "send -1"])
    }

    @Test func lotExpiringAtSendInstantLeavesSendUnfundedWhenNothingElse() {
        var s = Scenario()
        s.policies = [("inmail-2015", "2015-01-01", ["allotment": .integer(0)])]
        s.seat("a", opened: "2015-01-01")
        s.event("g", "2015-01-10T00:00:00Z", .grant, "a", amount: 5)
        s.event("s", "2015-04-10T00:00:00Z", .send, "a", message: "m")
        let ledger = s.replay(asOf: "2015-04-30")
        #expect(ledger.kinds("a") == ["grant 5", "expire -5", "unfunded 0"])
        #expect(ledger.problems.map(\.kind) == [.unfundedSend])
    }

    @Test func refundAtTheSameInstantPaysForASend() {
        var s = Scenario()
        s.policies = [("inmail-2015", "2015-01-01", ["allotment": .integer(0)])]
        s.seat("a", opened: "2015-01-01")
        s.event("g", "2015-01-01T00:00:00Z", .grant, "a", amount: 1)
        s.event("s1", "2015-01-05T00:00:00Z", .send, "a", message: "m1")
        s.event("r1", "2015-01-09T12:00:00Z", .accept, message: "m1")
        s.event("s2", "2015-01-09T12:00:00Z", .send, "a", message: "m2")
        let ledger = s.replay(asOf: "2015-01-31")
        #expect(ledger.kinds("a") == ["grant 1", "send -1", "refund 1", "send -1"])
        #expect(ledger.problems.isEmpty)
    }

    @Test func responseOnDay90RefundsAndOnDay91IsLostButCounted() {
        var s = base()
        s.event("s1", "2015-01-10T09:00:00Z", .send, "a", message: "m1")
        s.event("s2", "2015-01-10T09:00:00Z", .send, "a", message: "m2")
        s.event("r1", "2015-04-10T09:00:00Z", .accept, message: "m1")  // day 90, exactly at w
        s.event("r2", "2015-04-10T09:00:01Z", .decline, message: "m2")  // one second late
        let ledger = s.replay(asOf: "2015-04-30")
        let refunds = ledger.postings("a").filter { $0.kind == .refund }
        #expect(refunds.map(\.ref) == ["s1"])
        #expect(refunds.map(\.time.iso8601) == ["2015-04-10T09:00:00Z"])
        let april = ledger.statement(of: "a", for: Month("2015-04")!)!
        #expect(april.messages.lost == 1)
        #expect(april.messages.accepted == 1)
        #expect(april.messages.declined == 1)
        #expect(ledger.statement(of: "a", for: Month("2015-03")!)!.messages.pending == 2)
    }

    @Test func refundDelayCrossesMonthEnd() {
        var s = base()
        s.refundDelayHours = 24
        s.event("s1", "2015-01-20T10:00:00Z", .send, "a", message: "m1")
        s.event("r1", "2015-01-31T10:00:00Z", .accept, message: "m1")
        let ledger = s.replay(asOf: "2015-02-28")
        let jan = ledger.statement(of: "a", for: Month("2015-01")!)!
        let feb = ledger.statement(of: "a", for: Month("2015-02")!)!
        #expect(jan.totals.refund == 0)
        #expect(jan.messages.accepted == 1)
        #expect(feb.totals.refund == 1)
        #expect(feb.entries.first { $0.kind == .refund }?.time.iso8601 == "2015-02-01T10:00:00Z")
    }

    @Test func sharedCreditsKeepTheirExpiry() {
        var s = base()
        s.seat("b", opened: "2015-02-15")
        s.event("sh", "2015-03-20T12:00:00Z", .share, "a", to: "b", amount: 150)
        let ledger = s.replay(asOf: "2015-04-15")
        // a's Jan lot (exp Apr 1) goes first, then 50 of the Feb lot (exp May 2).
        let march = ledger.statement(of: "b", for: Month("2015-03")!)!
        #expect(march.lots.map(\.amount) == [100, 50, 100, 100])
        #expect(
            march.lots.map { $0.expires?.iso8601 ?? "never" } == [
                "2015-04-01T00:00:00Z", "2015-05-02T00:00:00Z", "2015-05-16T00:00:00Z", "2015-05-30T00:00:00Z",
            ])
        let april = ledger.statement(of: "b", for: Month("2015-04")!)!
        #expect(april.totals.expire == -100)
        #expect(april.totals.shareIn == 0)
        #expect(ledger.statement(of: "a", for: Month("2015-03")!)!.totals.shareOut == -150)
    }

    @Test func closingForfeitsEverythingAndStopsLaterRefunds() {
        var s = base()
        s.seats = []
        s.seat("a", opened: "2015-01-01", closed: "2015-02-10T12:00:00Z")
        s.event("s1", "2015-02-01T09:00:00Z", .send, "a", message: "m1")
        s.event("r1", "2015-02-20T09:00:00Z", .accept, message: "m1")
        let ledger = s.replay(asOf: "2015-03-31")
        #expect(ledger.kinds("a") == ["allotment 100", "allotment 100", "send -1", "forfeit -199"])
        #expect(ledger.statementMonths(of: "a") == [Month("2015-01")!, Month("2015-02")!])
        let feb = ledger.statement(of: "a", for: Month("2015-02")!)!
        #expect(feb.closing == 0)
        #expect(feb.messages.accepted == 1)
        #expect(ledger["a"]!.messages[0].refunded == nil)
        #expect(ledger.warnings().isEmpty)
    }

    @Test func unfundedSendIsNeverDebitedRefundedLostOrPending() {
        var s = Scenario()
        s.policies = [("inmail-2015", "2015-01-01", ["allotment": .integer(0)])]
        s.seat("a", opened: "2015-01-01")
        s.event("s1", "2015-01-05T00:00:00Z", .send, "a", message: "m1")
        s.event("s2", "2015-01-06T00:00:00Z", .send, "a", message: "m2")
        s.event("r1", "2015-01-07T00:00:00Z", .accept, message: "m1")
        let ledger = s.replay(asOf: "2015-05-31")
        #expect(ledger.kinds("a") == ["unfunded 0", "unfunded 0"])
        let jan = ledger.statement(of: "a", for: Month("2015-01")!)!
        #expect(jan.messages.sent == 2)
        #expect(jan.messages.unfunded == 2)
        #expect(jan.messages.accepted == 1)
        #expect(jan.messages.pending == 0)
        #expect(ledger.statement(of: "a", for: Month("2015-04")!)!.messages.lost == 0)
        #expect(ledger.problems.map(\.eventId) == ["s1", "s2"])
    }

    @Test func shareLargerThanBalanceIsRejectedWhole() {
        var s = base()
        s.seat("b", opened: "2015-01-01")
        s.event("sh", "2015-01-10T00:00:00Z", .share, "a", to: "b", amount: 101)
        let ledger = s.replay(asOf: "2015-01-31")
        #expect(ledger.kinds("a") == ["allotment 100"])
        #expect(ledger.kinds("b") == ["allotment 100"])
        #expect(ledger.problems.map(\.kind) == [.rejectedShare])
        #expect(ledger.problems.first?.isRejection == true)
    }

    @Test func negativeAdjustmentShortOfBalanceIsRejected() {
        var s = base()
        s.event("ok", "2015-01-10T00:00:00Z", .adjust, "a", amount: -30)
        s.event("no", "2015-01-11T00:00:00Z", .adjust, "a", amount: -71)
        s.event("up", "2015-01-12T00:00:00Z", .adjust, "a", amount: 5)
        let ledger = s.replay(asOf: "2015-01-31")
        #expect(ledger.kinds("a") == ["allotment 100", "adjust -30", "adjust 5"])
        #expect(ledger.problems.map(\.eventId) == ["no"])
    }

    @Test func anniversaryAllotmentsFromJanuary31ClampToMonthEnds() {
        var s = Scenario()
        s.policies = [("inmail-2015", "2015-01-01", ["allotment_day": .text("anniversary")])]
        s.seat("a", opened: "2015-01-31T10:00:00Z")
        let ledger = s.replay(asOf: "2015-06-30")
        let times = ledger.postings("a").filter { $0.kind == .allotment }.map(\.time.iso8601)
        #expect(
            times == [
                "2015-01-31T10:00:00Z", "2015-02-28T10:00:00Z", "2015-03-31T10:00:00Z",
                "2015-04-30T10:00:00Z", "2015-05-31T10:00:00Z", "2015-06-30T10:00:00Z",
            ])
    }

    @Test func capLimitsAllotmentsAndBonusesButNotGrantsOrRefunds() {
        var s = Scenario()
        s.policies = [("inmail-2015", "2015-01-01", ["cap": .integer(150), "lifetime_days": .text("none")])]
        s.bonuses = [Bonus(month: Month("2015-02")!, amount: 100)]
        s.seat("a", opened: "2015-01-01")
        s.event("g", "2015-01-15T00:00:00Z", .grant, "a", amount: 80)
        let ledger = s.replay(asOf: "2015-02-28")
        #expect(ledger.kinds("a") == ["allotment 100", "grant 80", "allotment 0", "bonus 0"])
        let feb = ledger.statement(of: "a", for: Month("2015-02")!)!
        #expect(feb.capped == 200)
        #expect(feb.closing == 180)
        var partial = s
        partial.events = []
        let l2 = partial.replay(asOf: "2015-02-28")
        #expect(l2.kinds("a") == ["allotment 100", "allotment 50", "bonus 0"])
        #expect(l2.statement(of: "a", for: Month("2015-02")!)!.capped == 150)
    }

    @Test func dstChangeInNewYorkMovesExpiryByWallClock() {
        var s = Scenario()
        s.timezone = "America/New_York"
        s.seat("a", opened: "2015-01-01")
        let ledger = s.replay(asOf: "2015-04-30")
        let expiry = ledger.postings("a").first { $0.kind == .expire }!
        #expect(expiry.time.iso8601 == "2015-04-01T04:00:00Z")  // local midnight, EDT
        #expect(ledger.statement(of: "a", for: Month("2015-03")!)!.start.iso8601 == "2015-03-01T05:00:00Z")
        #expect(ledger.statement(of: "a", for: Month("2015-04")!)!.start.iso8601 == "2015-04-01T04:00:00Z")
        #expect(ledger.statement(of: "a", for: Month("2015-04")!)!.totals.expire == -100)
    }

    @Test func asOfCutsTheLastMonth() {
        var s = base()
        s.event("s1", "2015-02-10T00:00:00Z", .send, "a", message: "m1")
        s.event("r1", "2015-02-20T00:00:00Z", .accept, message: "m1")
        let ledger = s.replay(asOf: "2015-02-15")
        #expect(ledger.asOf.iso8601 == "2015-02-16T00:00:00Z")
        let feb = ledger.statement(of: "a", for: Month("2015-02")!)!
        #expect(feb.partial)
        #expect(feb.end == ledger.asOf)
        #expect(feb.messages.pending == 1)
        #expect(feb.totals.refund == 0)
        #expect(!ledger.statement(of: "a", for: Month("2015-01")!)!.partial)
        #expect(ledger.statementMonths(of: "a").count == 2)
    }

    @Test func legacyRefundsWhenNobodyAnswersWithinSevenDays() {
        var s = Scenario()
        s.policies = [("legacy", "2014-10-01", [:])]
        s.seat("a", opened: "2014-10-01")
        s.event("s1", "2014-10-02T09:00:00Z", .send, "a", message: "m1")
        s.event("s2", "2014-10-02T09:00:00Z", .send, "a", message: "m2")
        s.event("r2", "2014-10-09T09:00:00Z", .decline, message: "m2")  // at g: no refund
        let ledger = s.replay(asOf: "2014-10-31")
        let refunds = ledger.postings("a").filter { $0.kind == .refund }
        #expect(refunds.map(\.ref) == ["s1"])
        #expect(refunds.map(\.time.iso8601) == ["2014-10-09T09:00:00Z"])
        #expect(ledger["a"]!.lots.allSatisfy { $0.expires == nil })
        #expect(ledger.statement(of: "a", for: Month("2014-10")!)!.messages.lost == 0)
    }

    @Test func beforeAnyPolicyNothingIsAllottedNothingExpiresNothingComesBack() {
        var s = base()
        s.seats = []
        s.seat("a", opened: "2014-11-01")
        s.event("g", "2014-11-02T00:00:00Z", .grant, "a", amount: 10)
        s.event("s", "2014-11-03T00:00:00Z", .send, "a", message: "m")
        let ledger = s.replay(asOf: "2014-12-31")
        #expect(ledger.kinds("a") == ["grant 10", "send -1"])
        #expect(ledger["a"]!.messages[0].closes == nil)
        #expect(ledger.statement(of: "a", for: Month("2014-12")!)!.messages.pending == 0)
        #expect(ledger.statement(of: "a", for: Month("2014-11")!)!.policy == nil)
    }

    @Test func consumptionTakesEarliestExpiryFirstAndNeverExpiringLast() {
        var s = Scenario()
        s.policies = [
            ("legacy", "2014-12-01", ["allotment": .integer(0)]),
            ("inmail-2015", "2015-01-01", ["allotment": .integer(0), "carry_over_days": .integer(200)]),
        ]
        s.seat("a", opened: "2014-12-01")
        s.event("old", "2014-12-05T00:00:00Z", .grant, "a", amount: 3)
        s.event("new", "2015-01-05T00:00:00Z", .grant, "a", amount: 2)
        s.event("s1", "2015-01-06T00:00:00Z", .send, "a", message: "m1")
        let ledger = s.replay(asOf: "2015-01-31")
        // "old" expires 2015-07-20 (switch + 200 days); "new" 2015-04-05: "new" goes first.
        #expect(ledger["a"]!.lots.map(\.amount) == [1, 3])
    }

    @Test func onlyTheFirstResponseCounts() {
        var s = base()
        s.event("s1", "2015-01-05T00:00:00Z", .send, "a", message: "m1")
        s.event("r1", "2015-01-06T00:00:00Z", .decline, message: "m1")
        s.event("r2", "2015-01-07T00:00:00Z", .accept, message: "m1")
        let ledger = s.replay(asOf: "2015-01-31")
        let jan = ledger.statement(of: "a", for: Month("2015-01")!)!
        #expect(jan.messages.declined == 1)
        #expect(jan.messages.accepted == 0)
        #expect(jan.totals.refund == 1)
        #expect(ledger.problems.map(\.kind) == [.duplicateResponse])
        #expect(ledger.problems.map(\.eventId) == ["r2"])
    }

    /// Pinned reading: a response at the send's own instant refunds right after the send.
    @Test func responseAtTheSendInstantRefundsAfterTheSend() {
        var s = base()
        s.event("s1", "2015-01-05T00:00:00Z", .send, "a", message: "m1")
        s.event("r1", "2015-01-05T00:00:00Z", .accept, message: "m1")
        let ledger = s.replay(asOf: "2015-01-31")
        #expect(ledger.kinds("a") == ["allotment 100", "send -1", "refund 1"])
    }

    @Test func bonusReachesOnlyAccountsOpenAtThatInstant() {
        var s = base()
        s.bonuses = [Bonus(month: Month("2015-02")!, amount: 25)]
        s.seat("late", opened: "2015-02-01T00:00:01Z")
        s.seat("gone", opened: "2015-01-01", closed: "2015-02-01")
        let ledger = s.replay(asOf: "2015-02-28")
        #expect(ledger.kinds("a").contains("bonus 25"))
        #expect(!ledger.kinds("late").contains("bonus 25"))
        #expect(ledger.kinds("gone") == ["allotment 100", "forfeit -100"])
    }

    @Test func warningsCoverExpiriesAndClosingWindowsInTheHorizon() {
        var s = base()
        s.warnDays = 10
        s.event("s1", "2015-01-01T12:00:00Z", .send, "a", message: "m1")
        s.event("s2", "2015-01-20T12:00:00Z", .send, "a", message: "m2")
        // as_of 2015-03-25 end = Mar 26 00:00; horizon to Apr 5 00:00.
        let ledger = s.replay(asOf: "2015-03-25")
        let w = ledger.warnings()
        #expect(w.count == 1)
        #expect(w[0].expiring.map { $0.expires!.iso8601 } == ["2015-04-01T00:00:00Z"])
        #expect(w[0].expiringTotal == 98)
        #expect(w[0].pending.map(\.eventId) == ["s1"])  // window Apr 1; s2's closes Apr 20
        #expect(w[0].pendingTotal == 1)
    }
}
