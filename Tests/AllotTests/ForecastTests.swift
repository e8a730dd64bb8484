import AllotLedger
import Foundation
import Testing

@testable import Allot

/// The forecast and share suggestions, worked by hand.
///
/// In UTC, policy `inmail-2015` from 1 Jan 2015 with no allotment, 90-day lots and
/// 90-day answer windows; as of the end of 22 May 2015 (23 May, 00:00), looking 30 days
/// ahead (to 22 Jun). The giver `g` was granted 228 credits on 4 Mar (they expire 2 Jun,
/// 00:00, 10 days after as-of) and sent one message a day at noon from 25 Apr to 22 May:
/// 28 sends, so a pace of 1 a day and 200 credits held. The receiver `r` holds nothing and
/// sent ten a day over the same days: a pace of 10.
///
/// Without shares, `g` uses 1 a day for 10 days and loses 190 on 2 Jun; `r` sends 300
/// unpaid, the first on 23 May. The first share: from `g` (the earliest expiry) to `r` (the
/// earliest shortfall), as much as `r` would send unpaid before 2 Jun: 100. Then `g` loses
/// 90 and `r` nothing before 2 Jun: 100 saved.
@Suite(.cleansScratch) struct ForecastTests {
    static func project(receiverTeam: String = "crew", receiverPace: Int = 10, extraSeats: String = "", extraEvents: String = "") throws
        -> Project
    {
        let folder = TestSupport.scratch()
        TestSupport.write(
            """
            timezone = "UTC"
            as_of = "2015-05-22"
            sources = ["seats.csv", "events.csv"]
            [[policy]]
            name = "inmail-2015"
            from = "2015-01-01"
            allotment = 0
            lifetime_days = 90
            window_days = 90
            """, to: folder + "/allot.toml")
        TestSupport.write(
            "account,name,team,email,opened,closed\ng,Giver,crew,,2015-01-01,\nr,Receiver,\(receiverTeam),,2015-01-01,\n" + extraSeats,
            to: folder + "/seats.csv")
        var events = "id,time,type,account,message,to,amount,note\ngrant,2015-03-04T00:00:00Z,grant,g,,,228,\n"
        for day in 0..<28 {
            let date = Instant(millis: 1_429_963_200_000 + Int64(day) * 86_400_000).iso8601  // 25 Apr 2015, 12:00
            events += "g\(day),\(date),send,g,gm\(day),,,\n"
            for i in 0..<receiverPace { events += "r\(day)-\(i),\(date),send,r,rm\(day)-\(i),,,\n" }
        }
        TestSupport.write(events + extraEvents, to: folder + "/events.csv")
        let project = try Project(configPath: folder + "/allot.toml")
        try project.importSources()
        return project
    }

    static let june2 = Instant(millis: 1_433_203_200_000)
    static let may23 = Instant(millis: 1_432_339_200_000)

    @Test func aGiverLosingCreditsAndAReceiverRunningShortGetOneShare() throws {
        let forecast = try #require(try Self.project().forecasts().first)
        let g = try #require(forecast.seat("g")), r = try #require(forecast.seat("r"))
        #expect((g.recentSends, g.paceDays, g.pace) == (28, 28, 1))
        #expect((r.recentSends, r.paceDays, r.pace) == (280, 28, 10))
        #expect(forecast.asOf == Self.may23 && forecast.horizonEnd == Instant(millis: Self.may23.millis + 30 * 86_400_000))
        #expect(forecast.expiryWithout == 190)
        #expect(forecast.shares == [SuggestedShare(from: "g", to: "r", amount: 100, expiring: Self.june2)])
        #expect(forecast.expiryWith == 90 && forecast.saved == 100)
        // With the share: g still loses 90 on 2 Jun and runs short from then on; r runs short from 2 Jun.
        #expect(g.projectedExpiry == 90 && g.firstExpiry == Self.june2 && g.lastExpiry == Self.june2)
        #expect(g.shortfall == 20 && g.firstShort == Self.june2)
        #expect(r.projectedExpiry == 0 && r.shortfall == 200 && r.firstShort == Self.june2)
    }

    @Test func nobodyRunningShortMeansNoSuggestion() throws {
        let forecast = try #require(try Self.project(receiverPace: 0).forecasts().first)
        #expect(forecast.seat("r")?.pace == 0 && forecast.seat("r")?.shortfall == 0)
        #expect(forecast.shares.isEmpty && forecast.expiryWithout == 190 && forecast.saved == 0)
    }

    @Test func creditsAreNeverSuggestedAcrossTeams() throws {
        let forecasts = try Self.project(receiverTeam: "other").forecasts()
        #expect(forecasts.map(\.team) == ["crew", "other"])
        #expect(forecasts.allSatisfy { $0.shares.isEmpty })
        #expect(forecasts[0].expiryWithout == 190 && forecasts[1].seat("r")?.shortfall == 300)
    }

    /// A seat closed before as-of is not forecast and gives nothing; a seat opened 10 days
    /// before as-of divides its sends by 10.
    @Test func aClosedSeatIsLeftOutAndAYoungSeatsPaceIsOverItsDays() throws {
        let forecast = try #require(
            try Self.project(
                extraSeats: "x,Closed,crew,,2015-01-01,2015-05-10T00:00:00Z\ny,Young,crew,,2015-05-13T00:00:00Z,\n",
                extraEvents: "xg,2015-03-04T00:00:00Z,grant,x,,,50,\n"
                    + (0..<5).map { "y\($0),2015-05-20T0\($0):00:00Z,send,y,ym\($0),,,\n" }.joined()
            ).forecasts().first)
        #expect(forecast.seats.map(\.account) == ["g", "r", "y"])
        #expect(forecast.seat("y").map { ($0.recentSends, $0.paceDays) } ?? (0, 0) == (5, 10))
        #expect(!forecast.shares.contains { $0.from == "x" || $0.to == "x" })
        #expect(forecast.shares.first == SuggestedShare(from: "g", to: "r", amount: 100, expiring: Self.june2))
    }

    @Test func theSuggestCommandPrintsThePlanAsTextAndJSON() async throws {
        let project = try Self.project()
        let json = try await TestSupport.allot(["suggest", "--config", project.configPath, "--json"])
        #expect(json.status == 0)
        let plan = try #require(try JSONSerialization.jsonObject(with: json.output) as? [String: Any])
        #expect(plan["asOf"] as? String == "2015-05-23T00:00:00Z")
        let team = try #require((plan["teams"] as? [[String: Any]])?.first)
        #expect(team["team"] as? String == "crew" && team["saved"] as? Int == 100)
        #expect(team["projectedExpiry"] as? [String: Int] == ["without": 190, "with": 90])
        let shares = try #require(team["shares"] as? [[String: Any]])
        #expect(shares.map { "\($0["from"]!) \($0["to"]!) \($0["amount"]!) \($0["expiring"]!)" } == ["g r 100 2015-06-02T00:00:00Z"])
        #expect(shares.allSatisfy { Set($0.keys) == ["from", "to", "amount", "expiring"] })
        let text = try await TestSupport.allot(["suggest", "--config", project.configPath])
        #expect(
            text.outputText
                == "Team crew: 190 credits are projected to expire by 2015-06-22 00:00; these shares would save 100:\n"
                + "  share 100 from Giver to Receiver now (the first of them expire 2015-06-02 00:00)\n")
        let unknown = try await TestSupport.allot(["suggest", "--config", project.configPath, "--team", "nope"])
        #expect(unknown.status == 1 && unknown.errorText == "error: no team is called 'nope'; the teams are crew\n")
    }
}
