import Allot
import Foundation
import TeamPlugin
import Testing

@Suite struct FlatRatePolicyTests {
    /// One seat under `flat-rate` with its defaults (120 credits, 30-day window), in UTC,
    /// worked out by hand:
    ///
    /// | instant          | what                                   | amount | balance |
    /// |------------------|----------------------------------------|--------|---------|
    /// | 15 Jan 09:00     | opening allotment (lot A, expires 1 Mar) | +120 | 120 |
    /// | 20 Jan 10:00     | send m1 (from A)                       | -1     | 119     |
    /// | 22 Jan 10:00     | send m2 (from A)                       | -1     | 118     |
    /// | 1 Feb 00:00      | allotment (lot B, expires 1 Apr)       | +120   | 238     |
    /// | 5 Feb 10:00      | send m3 (from A: it expires first)     | -1     | 237     |
    /// | 10 Feb 10:00     | m1 accepted on day 21: refund (lot C, made in Feb, expires 1 Apr) | +1 | 238 |
    /// | 21 Feb 10:00     | m2's window closes unanswered: lost    |        |         |
    /// | 1 Mar 00:00      | lot A expires: 120 - 3 sends           | -117   | 121     |
    /// | 1 Mar 00:00      | allotment (lot D, expires 1 May), after the expiry | +120 | 241 |
    /// | 7 Mar 10:00      | m3's window closes unanswered: lost    |        |         |
    /// | 10 Mar 10:00     | m3 accepted, too late: no refund       |        |         |
    ///
    /// as of the end of 31 March, so nothing at 1 April belongs to the ledger.
    @Test func handWorkedReplay() throws {
        let timeline = PolicyTimeline([
            .init(from: try Support.instant("2015-01-01"), policy: try FlatRatePolicyFactory().makePolicy(PolicyParameters()))
        ])!
        let settings = LedgerSettings(calendar: .utc, timeline: timeline)
        let seat = Account(id: "ann", name: "Ann", team: "red", opened: try Support.instant("2015-01-15T09:00:00Z"))
        let events = [
            LedgerEvent(id: "e1", time: try Support.instant("2015-01-20T10:00:00Z"), kind: .send, account: "ann", message: "m1"),
            LedgerEvent(id: "e2", time: try Support.instant("2015-01-22T10:00:00Z"), kind: .send, account: "ann", message: "m2"),
            LedgerEvent(id: "e3", time: try Support.instant("2015-02-05T10:00:00Z"), kind: .send, account: "ann", message: "m3"),
            LedgerEvent(id: "e4", time: try Support.instant("2015-02-10T10:00:00Z"), kind: .accept, message: "m1"),
            LedgerEvent(id: "e5", time: try Support.instant("2015-03-10T10:00:00Z"), kind: .accept, message: "m3"),
        ]
        let ledger = Ledger.replay(accounts: [seat], events: events, settings: settings, asOf: try Support.end("2015-03-31"))
        let ann = try #require(ledger["ann"])

        #expect(
            ann.postings.map { "\($0.time.iso8601) \($0.kind.rawValue) \($0.amount) = \($0.balance)" } == [
                "2015-01-15T09:00:00Z allotment 120 = 120",
                "2015-01-20T10:00:00Z send -1 = 119",
                "2015-01-22T10:00:00Z send -1 = 118",
                "2015-02-01T00:00:00Z allotment 120 = 238",
                "2015-02-05T10:00:00Z send -1 = 237",
                "2015-02-10T10:00:00Z refund 1 = 238",
                "2015-03-01T00:00:00Z expire -117 = 121",
                "2015-03-01T00:00:00Z allotment 120 = 241",
            ])
        #expect(ann.balance == 241)
        #expect(
            ann.lots.map { "\($0.amount) until \($0.expires?.iso8601 ?? "never")" } == [
                "120 until 2015-04-01T00:00:00Z", "1 until 2015-04-01T00:00:00Z", "120 until 2015-05-01T00:00:00Z",
            ])
        #expect(
            ann.messages.map { "\($0.message) lost \($0.isLost) refunded \($0.refunded?.iso8601 ?? "-")" } == [
                "m1 lost false refunded 2015-02-10T10:00:00Z",
                "m2 lost true refunded -",
                "m3 lost true refunded -",
            ])

        let march = try #require(ledger.statement(of: "ann", for: Month(year: 2015, month: 3)))
        #expect(march.policy == "flat-rate")
        #expect((march.opening, march.closing) == (238, 241))
        #expect((march.totals.expire, march.totals.allotment) == (-117, 120))
        #expect((march.messages.accepted, march.messages.lost) == (1, 1))
    }

    /// Months are the ledger's: in Berlin, 23:30 UTC on 31 January is already 1 February,
    /// so that lot lasts until local midnight starting 1 April (22:00 UTC, summer time).
    @Test func expiryFollowsTheLedgersTimeZone() throws {
        let berlin = try #require(LedgerCalendar(identifier: "Europe/Berlin"))
        let policy = FlatRatePolicy()
        let january = try Support.instant("2015-01-31T22:30:00Z")  // 23:30 in Berlin
        let february = try Support.instant("2015-01-31T23:30:00Z")  // 00:30 on 1 Feb in Berlin
        #expect(policy.expiry(ofLotCreatedAt: january, calendar: berlin)?.iso8601 == "2015-02-28T23:00:00Z")
        #expect(policy.expiry(ofLotCreatedAt: february, calendar: berlin)?.iso8601 == "2015-03-31T22:00:00Z")
    }

    @Test func parametersComeFromTheConfig() throws {
        let config = try ProjectConfig.parse(
            """
            [[policy]]
            name = "flat-rate"
            from = "2015-01-01"
            allotment = 10
            window_days = 3
            """, file: "allot.toml", registry: .withTeamPlugin)
        let policy = try #require(config.settings.timeline.policy(at: try Support.instant("2015-06-01")) as? FlatRatePolicy)
        #expect(policy == FlatRatePolicy(allotment: 10, windowDays: 3))
    }

    @Test func badParametersAreRejectedByName() {
        let factory = FlatRatePolicyFactory()
        #expect(throws: PolicyParameterError(key: "window_days", reason: "must be a whole number of days, 1 or more, not 0")) {
            try factory.makePolicy(PolicyParameters(["window_days": .integer(0)]))
        }
        #expect(throws: PolicyParameterError(key: "allotment", reason: "must be a whole number of credits, 1 or more, not \"lots\"")) {
            try factory.makePolicy(PolicyParameters(["allotment": .text("lots")]))
        }
        #expect(throws: PolicyParameterError(key: "cap", reason: "is not a parameter of flat-rate; use one of allotment, window_days")) {
            try factory.makePolicy(PolicyParameters(["cap": .integer(500)]))
        }
    }

    /// The config reader puts the entry and key in front of the factory's reason.
    @Test func theConfigNamesTheBadParameter() throws {
        let text = """
            [[policy]]
            name = "flat-rate"
            from = "2015-01-01"
            window_days = "thirty"
            """
        let failure = try #require(throws: ImportFailure.self) {
            try ProjectConfig.parse(text, file: "allot.toml", registry: .withTeamPlugin)
        }
        #expect(failure.description == #"allot.toml: policy[1].window_days: must be a whole number of days, 1 or more, not "thirty""#)
    }

    /// Without the plugin's registry the name is unknown, and the message lists the names there are.
    @Test func allotAloneDoesNotKnowFlatRate() throws {
        let text = "[[policy]]\nname = \"flat-rate\"\nfrom = \"2015-01-01\"\n"
        let failure = try #require(throws: ImportFailure.self) {
            try ProjectConfig.parse(text, file: "allot.toml", registry: .builtIn)
        }
        #expect(failure.description.hasPrefix(#"allot.toml: policy[1].name: "flat-rate" is not a known policy; the policies are "#))
        #expect(!PolicyRegistry.builtIn.names.contains("flat-rate"))
        #expect(PolicyRegistry.withTeamPlugin.names.contains("flat-rate"))
    }
}
