import AllotLedger
import AllotPolicies
import Testing

/// `response-weighted` (docs/policies.md): a lot's lifetime follows the share of the
/// account's messages of the previous 90 days answered by the time the lot is made.
@Suite struct ResponseWeightedTests {
    /// Seat `a` with 10 credits on 1 January; `sent` messages on 5 January, the first
    /// `answered` of them answered on 20 January; a grant of 7 on `grantDay`.
    func scenario(
        sent: Int, answered: Int, grantDay: String = "2015-02-01",
        parameters: [String: PolicyParameters.Value] = [:]
    ) -> Scenario {
        var s = Scenario()
        s.policies = [("response-weighted", "2015-01-01", ["allotment": .integer(0)].merging(parameters) { $1 })]
        s.seat("a", opened: "2015-01-01")
        s.event("g0", "2015-01-01T00:00:00Z", .grant, "a", amount: 10)
        for i in 0..<sent { s.event("s\(i)", "2015-01-05T10:00:00Z", .send, "a", message: "m\(i)") }
        for i in 0..<answered { s.event("r\(i)", "2015-01-20T10:00:00Z", i % 2 == 0 ? .accept : .decline, message: "m\(i)") }
        s.event("g7", "\(grantDay)T00:00:00Z", .grant, "a", amount: 7)
        return s
    }

    /// The expiry of the 7-credit lot, as ISO 8601, or "never".
    func expiryOfGrant(_ s: Scenario, asOf: String = "2015-04-20") -> String? {
        let lot = s.replay(asOf: asOf)["a"]!.lots.first { $0.amount == 7 }
        return lot.map { $0.expires?.iso8601 ?? "never" }
    }

    // Below 25 %: 90 days (1 Feb + 90 days = 2 May). 25 % to below 50 %: 180 days
    // (31 July). 50 % and above: no expiry. Nothing sent: no rate, the lowest tier.
    @Test(arguments: [
        (0, 0, "2015-05-02T00:00:00Z"), (4, 0, "2015-05-02T00:00:00Z"), (5, 1, "2015-05-02T00:00:00Z"),
        (4, 1, "2015-07-31T00:00:00Z"), (3, 1, "2015-07-31T00:00:00Z"), (100, 49, "2015-07-31T00:00:00Z"),
        (4, 2, "never"), (2, 2, "never"), (100, 50, "never"),
    ])
    func lifetimeFollowsTheResponseRate(sent: Int, answered: Int, expiry: String) {
        #expect(expiryOfGrant(scenario(sent: sent, answered: answered)) == expiry)
    }

    @Test func answersAfterTheLotIsMadeDoNotCount() {
        // The grant on 15 January comes before the answers of 20 January: 0 of 4.
        #expect(expiryOfGrant(scenario(sent: 4, answered: 4, grantDay: "2015-01-15"), asOf: "2015-04-01") == "2015-04-15T00:00:00Z")
    }

    @Test func onlyTheLookbackWindowCounts() {
        // 6 April is 91 days after the sends of 5 January: none fall in the 90 days before.
        #expect(expiryOfGrant(scenario(sent: 2, answered: 2, grantDay: "2015-04-06"), asOf: "2015-05-01") == "2015-07-05T00:00:00Z")
        #expect(
            expiryOfGrant(
                scenario(sent: 2, answered: 2, grantDay: "2015-04-06", parameters: ["lookback_days": .integer(91)]),
                asOf: "2015-05-01") == "never")
    }

    @Test func thresholdsAndLifetimesAreConfigurable() {
        let p: [String: PolicyParameters.Value] = [
            "low_rate": .integer(10), "high_rate": .integer(90),
            "middle_days": .integer(30), "high_days": .integer(365),
        ]
        #expect(expiryOfGrant(scenario(sent: 10, answered: 0, parameters: p)) == "2015-05-02T00:00:00Z")
        #expect(expiryOfGrant(scenario(sent: 10, answered: 1, parameters: p), asOf: "2015-03-01") == "2015-03-03T00:00:00Z")
        #expect(expiryOfGrant(scenario(sent: 10, answered: 9, parameters: p), asOf: "2015-03-01") == "2016-02-01T00:00:00Z")
    }

    @Test func refundsAreLotsWeighedLikeAnyOther() {
        // The answer on 20 January refunds a credit; by then 1 of 2 messages is answered.
        let ledger = scenario(sent: 2, answered: 1).replay(asOf: "2015-01-31")
        let refund = ledger["a"]!.lots.first { $0.amount == 1 }
        #expect(refund?.expires == nil)
        #expect(ledger.kinds("a") == ["grant 10", "send -1", "send -1", "refund 1"])
    }

    @Test func badParametersNameTheKey() {
        let factory = ResponseWeightedPolicyFactory()
        #expect(throws: PolicyParameterError(key: "low_rate", reason: "must be a whole percentage from 0 to 100, not 120")) {
            try factory.makePolicy(PolicyParameters(["low_rate": .integer(120)]))
        }
        #expect(throws: PolicyParameterError(key: "high_rate", reason: "must be at least low_rate (40), not 30")) {
            try factory.makePolicy(PolicyParameters(["low_rate": .integer(40), "high_rate": .integer(30)]))
        }
        #expect(throws: PolicyParameterError.self) { try factory.makePolicy(PolicyParameters(["lifetime_days": .integer(3)])) }
    }
}
