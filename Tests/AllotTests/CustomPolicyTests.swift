import Testing

@testable import Allot

/// A policy written outside the ledger module, against the public protocol only.
struct WeeklyPolicy: Policy {
    var name = "weekly-expiry"
    var allotment = 10
    var allotmentDay = AllotmentDay.firstOfMonth
    var cap: Int? = nil
    var refundOn = RefundOn.response
    var windowDays = 14

    func expiry(ofLotCreatedAt created: Instant, calendar: LedgerCalendar) -> Instant? {
        calendar.adding(days: 7, to: created)
    }

    func carryOverExpiry(startingAt start: Instant, calendar: LedgerCalendar) -> Instant? { nil }
}

struct WeeklyPolicyFactory: PolicyFactory {
    var name: String { "weekly-expiry" }
    var parameterKeys: [String] { ["allotment"] }

    func makePolicy(_ parameters: PolicyParameters) throws(PolicyParameterError) -> any Policy {
        var p = WeeklyPolicy()
        for (key, value) in parameters.values {
            guard key == "allotment", case .integer(let n) = value else {
                throw PolicyParameterError(key: key, reason: "is not a parameter of weekly-expiry")
            }
            p.allotment = n
        }
        return p
    }
}

@Suite(.cleansScratch) struct CustomPolicyTests {
    @Test func aRegisteredPolicyRunsFromTheConfig() throws {
        let folder = TestSupport.scratch()
        TestSupport.write(
            """
            sources = ["seats.csv"]
            [[policy]]
            name = "weekly-expiry"
            from = "2015-01-01"
            allotment = 12
            """, to: folder + "/allot.toml")
        TestSupport.write("account,name,team,opened\nann,Ann,red,2015-01-01\n", to: folder + "/seats.csv")
        let registry = PolicyRegistry.builtIn.registering(WeeklyPolicyFactory())
        let project = try Project(configPath: folder + "/allot.toml", registry: registry)
        try project.importSources()
        let ledger = try project.replay(asOf: Instant(seconds: 1_423_008_000))  // 2015-02-04
        let kinds = ledger["ann"]!.postings.map { "\($0.kind.rawValue) \($0.amount) \($0.time.iso8601)" }
        #expect(
            kinds == [
                "allotment 12 2015-01-01T00:00:00Z", "expire -12 2015-01-08T00:00:00Z",
                "allotment 12 2015-02-01T00:00:00Z",
            ])
        #expect(throws: ImportFailure.self) { try Project(configPath: folder + "/allot.toml") }
    }
}
