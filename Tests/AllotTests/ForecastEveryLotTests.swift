import AllotLedger
import Foundation
import Testing

@testable import Allot

/// A share may draw on any of the giver's lots that would expire within the horizon, not
/// only the first, worked by hand.
///
/// In UTC, policy `inmail-2015` from 1 Jan 2015 with no allotment, 90-day lots and 90-day
/// answer windows; as of the end of 22 May 2015 (23 May, 00:00), looking 30 days ahead
/// (to the end of 21 Jun). The receiver `r` was granted 124 credits on 1 Apr (they expire
/// 30 Jun) and sent four messages a day at noon from 25 Apr to 22 May: 112 sends, a pace
/// of 4 a day and 12 credits held, used on 23, 24 and 25 May. From 26 May to 21 Jun it
/// sends 27 × 4 = 108 without credit.
///
/// Teammates `a`, `b` and `c` send nothing. Each was granted 100 credits on 1 Mar (they
/// expire 30 May, 00:00: used by 29 May) and 1 credit on 23 Feb at noon (it expires
/// 24 May, noon, before `r` runs short). Without shares the team loses 3 × 101 = 303.
///
/// Their first lot cannot help `r`, but the second can: `r` sends 4 × 4 = 16 without credit
/// on 26–29 May, before it expires. The share from `a` (first by account id: every giver's
/// first loss is on 24 May) takes 16 in consumption order: 1 expiring 24 May and 15
/// expiring 30 May. `r` uses them first, then its own 12: 28 credits for the 7 × 4 = 28
/// sends of 23–29 May, and 23 × 4 = 92 without credit from 30 May. `a` loses
/// 101 − 16 = 85; the team loses 287, saving 16. No second share saves anything: `r` sends
/// nothing without credit before 30 May.
@Suite(.cleansScratch) struct ForecastEveryLotTests {
    static func project(laterLots: Bool = true) throws -> Project {
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
        var seats = "account,name,team,email,opened,closed\nr,Rosa Diaz,crew,,2015-01-01,\n"
        var events = "id,time,type,account,message,to,amount,note\ngr,2015-04-01T00:00:00Z,grant,r,,,124,\n"
        for id in ["a", "b", "c"] {
            seats += "\(id),Seat \(id),crew,,2015-01-01,\n"
            if laterLots { events += "g\(id),2015-03-01T00:00:00Z,grant,\(id),,,100,\n" }
            events += "h\(id),2015-02-23T12:00:00Z,grant,\(id),,,1,\n"
        }
        for day in 0..<28 {
            let date = Instant(millis: 1_429_963_200_000 + Int64(day) * 86_400_000).iso8601  // 25 Apr 2015, 12:00
            for i in 0..<4 { events += "r\(day)-\(i),\(date),send,r,rm\(day)-\(i),,,\n" }
        }
        TestSupport.write(seats, to: folder + "/seats.csv")
        TestSupport.write(events, to: folder + "/events.csv")
        let project = try Project(configPath: folder + "/allot.toml")
        try project.importSources()
        return project
    }

    static let may24Noon = Instant(millis: 1_432_468_800_000)

    @Test func aShareDrawsOnTheLotThatExpiresAfterTheReceiverRunsShort() throws {
        let forecast = try #require(try Self.project().forecasts().first)
        let r = try #require(forecast.seat("r"))
        #expect((r.recentSends, r.pace) == (112, 4))
        #expect(forecast.expiryWithout == 303)
        #expect(forecast.shares == [SuggestedShare(from: "a", to: "r", amount: 16, expiring: Self.may24Noon)])
        #expect(forecast.expiryWith == 287 && forecast.saved == 16)
        #expect(r.shortfall == 92 && r.firstShort == Instant(millis: 1_432_944_000_000))  // 30 May
        #expect(forecast.seat("a")?.projectedExpiry == 85)
    }

    /// Without the 100-credit lots, the three credits expire on 24 May, before `r` runs
    /// short: no share saves any, and no view says nobody runs short.
    @Test func whenNoShareHelpsTheTextSaysWhoRunsShortAnyway() async throws {
        let project = try Self.project(laterLots: false)
        let forecast = try #require(try project.forecasts().first)
        #expect(forecast.shares.isEmpty && forecast.expiryWithout == 3 && forecast.seat("r")?.shortfall == 108)
        let site = (project.configPath as NSString).deletingLastPathComponent + "/site"
        _ = try project.buildSite(into: site)
        let team = try String(contentsOfFile: site + "/teams/crew/index.html", encoding: .utf8)
        #expect(
            team.contains(
                "<p>3 credits expire in the 30 days to 21 Jun 2015, inclusive; at each seat's pace over the last 28 days, all of them would go unused. 1 seat would run short, but no share made now would save any of them.</p>"
            ))
        let text = try await TestSupport.allot(["suggest", "--config", project.configPath])
        #expect(
            text.outputText
                == "Team crew: 3 credits are projected to expire in the 30 days to 2015-06-21, inclusive; 1 seat would run short, but no share made now would save any of them.\n"
        )
        for page in ["teams/crew/index.html", "warnings/index.html", "teams/crew/warnings.html"] {
            let html = try String(contentsOfFile: site + "/" + page, encoding: .utf8)
            #expect(!html.contains("no teammate would run short"), "\(page)")
        }
    }
}
