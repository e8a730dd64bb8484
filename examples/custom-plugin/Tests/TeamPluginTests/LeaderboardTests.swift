import Allot
import Foundation
import TeamPlugin
import Testing

@Suite struct LeaderboardTests {
    /// Ranked by credits back, then by the share of messages answered; seats that tie on
    /// both share a rank and the next rank is skipped. Driven without a site: a report is
    /// a function from a `ReportContext` to pages.
    @Test func tiesShareARank() throws {
        let policy = FlatRatePolicy(allotment: 5, windowDays: 10)
        let settings = LedgerSettings(timeline: PolicyTimeline([.init(from: try Support.instant("2015-01-01"), policy: policy)])!)
        let opened = try Support.instant("2015-01-01")
        let seats = ["bo", "cy", "al", "di", "ed"].map { Account(id: $0, name: $0.uppercased(), team: "red", opened: opened) }
        func event(_ id: String, _ time: String, _ kind: LedgerEvent.Kind, _ account: String?, _ message: String) throws -> LedgerEvent {
            LedgerEvent(id: id, time: try Support.instant(time), kind: kind, account: account, message: message)
        }
        let events = [
            // al and bo: two sends each, one answered in time: 1 back, 50% answered.
            try event("a1", "2015-01-02T00:00:00Z", .send, "al", "al-1"),
            try event("a2", "2015-01-02T12:00:00Z", .send, "al", "al-2"),
            try event("a3", "2015-01-05T00:00:00Z", .accept, nil, "al-1"),
            try event("b1", "2015-01-03T00:00:00Z", .send, "bo", "bo-1"),
            try event("b2", "2015-01-03T12:00:00Z", .send, "bo", "bo-2"),
            try event("b3", "2015-01-06T00:00:00Z", .accept, nil, "bo-1"),
            // cy: both answered in time (a decline counts): 2 back.
            try event("c1", "2015-01-04T00:00:00Z", .send, "cy", "cy-1"),
            try event("c2", "2015-01-04T12:00:00Z", .send, "cy", "cy-2"),
            try event("c3", "2015-01-07T00:00:00Z", .accept, nil, "cy-1"),
            try event("c4", "2015-01-08T00:00:00Z", .decline, nil, "cy-2"),
            // di: answered on day 12 of a 10-day window: 0 back, though 100% answered.
            try event("d1", "2015-01-02T00:00:00Z", .send, "di", "di-1"),
            try event("d2", "2015-01-14T00:00:00Z", .accept, nil, "di-1"),
            // ed sends nothing.
        ]
        let ledger = Ledger.replay(accounts: seats, events: events, settings: settings, asOf: try Support.end("2015-01-31"))

        let pages = LeaderboardReport().pages(ReportContext(ledger: ledger, title: "Test"))
        #expect(pages.map(\.path) == ["leaderboard/index"])
        let model = try #require(pages.first?.model as? LeaderboardModel)
        #expect(model.kind == "leaderboard")
        #expect(model.entries.map { "\($0.rank) \($0.account) \($0.refunded) \($0.answered)/\($0.sent)" } == [
            "1 cy 2 2/2", "2 al 1 1/2", "2 bo 1 1/2", "4 di 0 1/1", "5 ed 0 0/0",
        ])
    }
}
