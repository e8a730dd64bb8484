import AllotLedger
import Testing

/// The 2015 switch: legacy lots get an expiry, allotment and bonus at the same instant.
@Suite struct TransitionTests {
    func scenario() -> Scenario {
        var s = Scenario()
        s.policies = [("legacy", "2014-10-01", [:]), ("inmail-2015", "2015-01-01", [:])]
        s.bonuses = [Bonus(month: Month("2015-01")!, amount: 100)]
        s.seat("alice", opened: "2014-10-15")
        return s
    }

    @Test func switchGivesLegacyLotsAnExpiryAndGrantsAllotmentAndBonusTogether() {
        let ledger = scenario().replay(asOf: "2015-01-31")
        let jan1 = Instant(seconds: 1_420_070_400)
        let atSwitch = ledger.postings("alice").filter { $0.time == jan1 }
        #expect(atSwitch.map(\.kind) == [.allotment, .bonus])
        #expect(atSwitch.map(\.amount) == [100, 100])
        let lots = ledger["alice"]!.lots
        // 150 legacy credits (Oct, Nov, Dec) plus 200 new ones, all expiring 2015-04-01.
        #expect(lots.map(\.amount).reduce(0, +) == 350)
        #expect(lots.allSatisfy { $0.expires?.iso8601 == "2015-04-01T00:00:00Z" })
    }

    @Test func legacyLotsExpireAtSwitchPlusCarryOver() {
        var s = scenario()
        s.policies[1].parameters = ["carry_over_days": .integer(30)]
        let ledger = s.replay(asOf: "2015-02-15")
        let expired = ledger.postings("alice").filter { $0.kind == .expire }
        #expect(expired.map(\.time.iso8601) == ["2015-01-31T00:00:00Z"])
        #expect(expired.map(\.amount) == [-150])
    }
}
