import Allot
import Foundation
import TeamPlugin
import Testing

/// The report driven without a site: `pages` is a function from a `ReportContext` (one
/// team's ledger, in a build) to pages, `sitePages` one from a `SiteContext` (every
/// team's summary) to pages.
@Suite struct LeaderboardTests {
    /// Team `red`: cy 2 back; al and bo 1 back at 50% (a tie); di 0 back at 100%; ed sent
    /// nothing. Team `blue`: fay 1 back at 100%, gus 1 back at 50%.
    static func ledger(teams: Set<String> = ["red", "blue"]) throws -> Ledger {
        let policy = FlatRatePolicy(allotment: 5, windowDays: 10)
        let settings = LedgerSettings(timeline: PolicyTimeline([.init(from: try Support.instant("2015-01-01"), policy: policy)])!)
        let opened = try Support.instant("2015-01-01")
        let red = ["bo", "cy", "al", "di", "ed"].map { Account(id: $0, name: $0.uppercased(), team: "red", opened: opened) }
        let blue = ["gus", "fay"].map { Account(id: $0, name: $0.capitalized, team: "blue", opened: opened) }
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
            // fay: one send, answered in time: 1 back, 100%.
            try event("f1", "2015-01-05T00:00:00Z", .send, "fay", "fay-1"),
            try event("f2", "2015-01-06T00:00:00Z", .accept, nil, "fay-1"),
            // gus: two sends, one answered in time: 1 back, 50%.
            try event("g1", "2015-01-05T00:00:00Z", .send, "gus", "gus-1"),
            try event("g2", "2015-01-05T12:00:00Z", .send, "gus", "gus-2"),
            try event("g3", "2015-01-06T00:00:00Z", .decline, nil, "gus-2"),
        ]
        // Only the given teams' seats and their events (a message id starts with its sender's id).
        let seats = (red + blue).filter { teams.contains($0.team) }
        let ids = Set(seats.map(\.id))
        let kept = events.filter { e in ids.contains(String(e.message!.prefix { $0 != "-" })) }
        return Ledger.replay(accounts: seats, events: kept, settings: settings, asOf: try Support.end("2015-01-31"))
    }

    static func lines(_ model: LeaderboardModel) -> [String] {
        model.entries.map { "\($0.rank) \($0.account) \($0.refunded) \($0.answered)/\($0.sent)" }
    }

    static let redLines = ["1 cy 2 2/2", "2 al 1 1/2", "2 bo 1 1/2", "4 di 0 1/1", "5 ed 0 0/0"]
    static let blueLines = ["1 fay 1 1/1", "2 gus 1 1/2"]

    /// Ranked by credits back, then by the share of messages answered; seats that tie on
    /// both share a rank and the next rank is skipped.
    @Test func tiesShareARankWithinATeam() throws {
        let ledger = try Self.ledger()
        let pages = LeaderboardReport().pages(ReportContext(ledger: ledger, title: "Test"))
        // One board per team in the context, by team id; each ranks its own seats from 1.
        #expect(pages.map(\.path) == ["leaderboard/blue", "leaderboard/red"])
        let blue = try #require(pages[0].model as? LeaderboardModel)
        let red = try #require(pages[1].model as? LeaderboardModel)
        #expect(red.kind == "leaderboard" && red.team == "red" && blue.kind == "leaderboard" && blue.team == "blue")
        #expect(Self.lines(red) == Self.redLines)
        #expect(Self.lines(blue) == Self.blueLines)
        #expect(red.entries.allSatisfy { $0.team == "red" } && blue.entries.allSatisfy { $0.team == "blue" })
        #expect(pages.map(\.title) == ["Response leaderboard: team blue", "Response leaderboard: team red"])
    }

    /// As a build asks: once per team, with a ledger of that team's seats only, and the
    /// slugs of the whole site. No board is `leaderboard/index`, which is the list's.
    @Test func aBuildAsksOncePerTeam() throws {
        let full = try Self.ledger()
        let slugs = SiteSlugs(full)
        for (team, expected) in [("red", Self.redLines), ("blue", Self.blueLines)] {
            let one = try Self.ledger(teams: [team])
            let pages = LeaderboardReport().pages(ReportContext(ledger: one, title: "Test", slugs: slugs))
            #expect(pages.map(\.path) == ["leaderboard/\(team)"])
            #expect(try Self.lines(#require(pages.first?.model as? LeaderboardModel)) == expected)
        }
    }

    /// The list is made from the teams' summaries alone: each team once, in id order,
    /// with the path of its board.
    @Test func theIndexListsEveryTeamOnce() throws {
        let full = try Self.ledger()
        let slugs = SiteSlugs(full)
        let summaries = try ["blue", "red"].map {
            TeamSummary(team: $0, ReportContext(ledger: try Self.ledger(teams: [$0]), title: "Test", slugs: slugs))
        }
        let site = SiteContext(title: "Test", asOf: full.asOf, settings: full.settings, slugs: slugs, teams: summaries, comparisons: [])
        let pages = LeaderboardReport().sitePages(site)
        #expect(pages.map(\.path) == ["leaderboard/index"])
        #expect(pages.map(\.template) == ["leaderboard-index"])
        let model = try #require(pages.first?.model as? LeaderboardIndexModel)
        #expect(model.kind == "leaderboard-index")
        #expect(model.asOf == full.asOf.iso8601)
        #expect(
            model.teams.map { "\($0.team) \($0.slug) \($0.path) \($0.seats)" } == [
                "blue blue leaderboard/blue 2", "red red leaderboard/red 5",
            ])
        // An empty site still gets the list, with no teams.
        let empty = SiteContext(title: "Test", asOf: full.asOf, settings: full.settings, slugs: slugs, teams: [], comparisons: [])
        #expect(try #require(LeaderboardReport().sitePages(empty).first?.model as? LeaderboardIndexModel).teams.isEmpty)
    }

    /// A team whose slug is `index` must not take the list's path.
    @Test func aTeamCalledIndexDoesNotTakeTheListsPath() throws {
        let opened = try Support.instant("2015-01-01")
        let seats = [
            Account(id: "a", name: "A", team: "Index", opened: opened),
            Account(id: "b", name: "B", team: "index team", opened: opened),
        ]
        let slugs = SiteSlugs(accounts: seats)
        #expect(slugs.team("Index") == "index" && slugs.team("index team") == "index-team")
        let paths = ["Index", "index team"].map { LeaderboardReport.teamPath($0, slugs: slugs) }
        #expect(paths == ["leaderboard/index_team", "leaderboard/index-team"])
        #expect(!paths.contains(LeaderboardReport.indexPath))
    }
}
