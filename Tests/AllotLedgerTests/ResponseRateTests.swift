import AllotLedger
import Testing

/// Spec §10 worked by hand, with `response_rate_days` = 30 and as-of the end of 9 Apr 2015
/// (10 Apr, 00:00 UTC).
@Suite struct ResponseRateTests {
    /// x sends in January: m1 (1 Jan) accepted on 20 Jan, answered; m2 (2 Jan) declined on
    /// 5 Feb, 34 days on, so not answered; m3 (3 Jan) never answered; m6 (10 Jan, 10:00)
    /// declined exactly 30 days on, answered. January: 4 sent, 2 answered, 1 accepted, 50.0 %.
    /// In March m7 (11 Mar, 00:00) settles at as-of exactly, so it counts: 1 sent, none
    /// answered; m5 (20 Mar) settles on 19 Apr, after as-of: too recent.
    @Test func sendsCountOnceTheirDaysHavePassedAndAnswersWithinThem() throws {
        var s = Scenario()
        s.seat("x", opened: "2015-01-01")
        s.event("e1", "2015-01-01T09:00:00Z", .send, "x", message: "m1")
        s.event("e2", "2015-01-02T09:00:00Z", .send, "x", message: "m2")
        s.event("e3", "2015-01-03T09:00:00Z", .send, "x", message: "m3")
        s.event("e6", "2015-01-10T10:00:00Z", .send, "x", message: "m6")
        s.event("r1", "2015-01-20T09:00:00Z", .accept, message: "m1")
        s.event("r2", "2015-02-05T09:00:00Z", .decline, message: "m2")
        s.event("r6", "2015-02-09T10:00:00Z", .decline, message: "m6")
        s.event("e7", "2015-03-11T00:00:00Z", .send, "x", message: "m7")
        s.event("e5", "2015-03-20T09:00:00Z", .send, "x", message: "m5")
        let ledger = s.replay(asOf: "2015-04-09")
        let january = try #require(ledger.statement(of: "x", for: Month(year: 2015, month: 1))).responses
        #expect(january == ResponseCounts(sent: 4, answered: 2, accepted: 1, tooRecent: 0))
        #expect(january.rateTenths == 500)
        let march = try #require(ledger.statement(of: "x", for: Month(year: 2015, month: 3))).responses
        #expect(march == ResponseCounts(sent: 1, answered: 0, accepted: 0, tooRecent: 1))
        #expect(march.rateTenths == 0)
        let february = try #require(ledger.statement(of: "x", for: Month(year: 2015, month: 2))).responses
        #expect(february.rateTenths == nil)
    }

    /// A team's rate is the ratio of its sums, never an average of its seats' rates: 1 of
    /// 1 and 0 of 3 make 1 of 4, 25.0 %, not 50.0 %. Rates round half up to one decimal.
    @Test func ratesAreRatiosOfSumsRoundedToOneDecimal() {
        let team = ResponseCounts(sent: 1, answered: 1) + ResponseCounts(sent: 3, answered: 0)
        #expect(team.rateTenths == 250)
        #expect(ResponseCounts(sent: 3, answered: 1).rateTenths == 333)
        #expect(ResponseCounts(sent: 3, answered: 2).rateTenths == 667)
        #expect(ResponseCounts(sent: 8, answered: 1).rateTenths == 125)
        #expect(ResponseCounts(sent: 6, answered: 1).rateTenths == 167)
        #expect(ResponseCounts(sent: 1999, answered: 1).rateTenths == 1)
        #expect(ResponseCounts(sent: 2001, answered: 1).rateTenths == 0)
        #expect(ResponseCounts(tooRecent: 5).rateTenths == nil)
    }
}
