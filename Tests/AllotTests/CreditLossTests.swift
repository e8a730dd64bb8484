import AllotLedger
import Foundation
import Testing

@testable import Allot
@testable import AllotReports

/// Credits lost and rejected shares, on the team page and the index, worked by hand.
///
/// Policy `inmail-2015` from 1 Jan 2015 with 10 credits a month, lots that live 30 days
/// and answer windows of 10 days, in UTC, as of the end of 20 Apr 2015. Team `crew`:
/// - Ann (a), open all along. Jan: 10 granted (expire 31 Jan); m1 sent 5 Jan, never
///   answered: lost when its window closes 15 Jan; m2 sent 6 Jan and answered 8 Jan: its
///   credit comes back as a lot expiring 7 Feb; the share of 50 to Bob on 10 Jan is
///   rejected (she holds 9); 31 Jan the 8 left of January's lot expire. Feb: the refund
///   lot (1) expires 7 Feb. Mar: February's 10 (expire 3 Mar) and March's 10 (expire 31
///   Mar) expire. Apr: 10 granted, expiring 1 May, after as-of.
/// - Bob (b), closed 15 Feb noon. Jan: his 10 expire 31 Jan. Feb: 10 granted, m3 sent 10
///   Feb (window closes 20 Feb, after the closing, unanswered: lost); 9 forfeited at closing.
/// Team `solo`: Cy (c), opened 1 Apr, loses nothing.
@Suite(.cleansScratch) struct CreditLossTests {
    static func project() throws -> Project {
        let folder = TestSupport.scratch()
        TestSupport.write(
            """
            title = "Losses"
            timezone = "UTC"
            as_of = "2015-04-20"
            sources = ["seats.csv", "events.csv"]
            [[policy]]
            name = "inmail-2015"
            from = "2015-01-01"
            allotment = 10
            lifetime_days = 30
            window_days = 10
            """, to: folder + "/allot.toml")
        TestSupport.write(
            """
            account,name,team,email,opened,closed
            a,Ann,crew,,2015-01-01,
            b,Bob,crew,,2015-01-01,2015-02-15T12:00:00Z
            c,Cy,solo,,2015-04-01,
            """ + "\n", to: folder + "/seats.csv")
        TestSupport.write(
            """
            id,time,type,account,message,to,amount,note
            s1,2015-01-05T09:00:00Z,send,a,m1,,,
            s2,2015-01-06T09:00:00Z,send,a,m2,,,
            r2,2015-01-08T09:00:00Z,accept,a,m2,,,
            sh1,2015-01-10T09:00:00Z,share,a,,b,50,too many
            s3,2015-02-10T09:00:00Z,send,b,m3,,,
            """ + "\n", to: folder + "/events.csv")
        let project = try Project(configPath: folder + "/allot.toml")
        try project.importSources()
        return project
    }

    static func line(_ month: String, _ expired: Int, _ forfeited: Int, _ unanswered: Int) -> LossLine {
        LossLine(MonthLosses(month: Month(month)!, losses: CreditLosses(expired: expired, forfeited: forfeited, unanswered: unanswered)))
    }

    static let crewMonths = [line("2015-01", 18, 0, 1), line("2015-02", 1, 9, 1), line("2015-03", 20, 0, 0), line("2015-04", 0, 0, 0)]
    static let crewTotal = CreditLosses(expired: 39, forfeited: 9, unanswered: 2)

    @Test func theTeamModelHasTheLossesMonthByMonthAndTheRejectedShare() throws {
        let project = try Self.project()
        let context = ReportContext(ledger: try project.replay(), title: "Losses")
        let pages = TeamReport().pages(context)
        let crew = try #require(pages.first { $0.path == context.teamPath("crew") }?.model as? TeamModel)
        #expect(crew.losses == Self.crewMonths)
        #expect(crew.lost == Self.crewTotal && crew.lost.total == 50)
        #expect(
            crew.rejectedShares == [
                TeamModel.RejectedShare(time: "2015-01-10T09:00:00Z", from: "a", to: "b", amount: 50, balance: 9, ref: "sh1")
            ])
        let solo = try #require(pages.first { $0.path == context.teamPath("solo") }?.model as? TeamModel)
        #expect(solo.losses == [Self.line("2015-04", 0, 0, 0)])
        #expect(solo.lost == CreditLosses() && solo.rejectedShares.isEmpty)
        // The expiries and the forfeit are those of the seats' own statements.
        for (month, line) in zip(["2015-01", "2015-02", "2015-03"], Self.crewMonths) {
            let statements = ["a", "b"].compactMap { context.ledger.statement(of: $0, for: Month(month)!) }
            #expect(-statements.reduce(0) { $0 + $1.totals.expire } == line.expired)
            #expect(-statements.reduce(0) { $0 + $1.totals.forfeit } == line.forfeited)
        }
    }

    @Test func theIndexModelAddsUpTheTeamsSummaries() throws {
        let project = try Self.project()
        let ledger = try project.replay()
        let context = ReportContext(ledger: ledger, title: "Losses")
        let summaries = ["crew", "solo"].map { TeamSummary(team: $0, context) }
        let decoded = try JSONDecoder().decode([TeamSummary].self, from: JSONEncoder().encode(summaries))
        #expect(decoded == summaries, "a summary comes back from the build cache as it was")
        let site = SiteContext(
            title: "Losses", asOf: ledger.asOf, settings: project.config.settings, slugs: context.slugs, teams: summaries,
            comparisons: [])
        let index = try #require(IndexReport().sitePages(site).first?.model as? IndexModel)
        #expect(index.teams.map(\.lost) == [Self.crewTotal, CreditLosses()])
        #expect(index.losses == Self.crewMonths)
        #expect(index.lost == Self.crewTotal)
    }

    /// The rows of the table of `class` on a page, each cell's text joined by `|`.
    static func rows(_ html: String, table: String) throws -> [String] {
        let start = try #require(html.range(of: "<table class=\"\(table)\">"))
        let end = try #require(html.range(of: "</table>", range: start.upperBound..<html.endIndex))
        return html[start.upperBound..<end.lowerBound].components(separatedBy: "</tr>").dropLast().map { row in
            row.components(separatedBy: "</td>").dropLast().map {
                $0.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
            }.joined(separator: "|")
        }.filter { !$0.isEmpty }
    }

    @Test func thePagesShowTheFiguresAndTheirCSVFiles() throws {
        let project = try Self.project()
        let site = TestSupport.scratch() + "/site"
        _ = try project.buildSite(into: site)
        let team = try String(contentsOfFile: site + "/teams/crew/index.html", encoding: .utf8)
        #expect(
            team.contains(
                "Since January 2015 the team lost 50 credits: 39 expired unused, 9 were forfeited at closing"
                    + " and 2 went on messages nobody answered in time."))
        #expect(
            try Self.rows(team, table: "losses") == [
                "April 2015 so far|0|0|0|0", "March 2015|20|0|0|20", "February 2015|1|9|1|11", "January 2015|18|0|1|19",
                "All months|39|9|2|50",
            ])
        #expect(team.contains("This share asked for more credits than the giver held, so it was rejected whole: no credit moved."))
        #expect(try Self.rows(team, table: "rejected") == ["10 Jan 2015, 09:00|Ann|Bob|50|9|sh1"])
        let rejectedCSV = try String(contentsOfFile: site + "/teams/crew/index.rejected.csv", encoding: .utf8)
        #expect(
            rejectedCSV == "When,When (ISO 8601),From,To,Credits asked,Giver's balance,Event\r\n"
                + "\"10 Jan 2015, 09:00\",2015-01-10T09:00:00+00:00,Ann,Bob,50,9,sh1\r\n")

        let solo = try String(contentsOfFile: site + "/teams/solo/index.html", encoding: .utf8)
        #expect(
            solo.contains(
                "Since April 2015 the team lost no credits: none expired, none was forfeited at closing and none went on an unanswered message."
            ))
        #expect(!solo.contains("<table class=\"losses\">") && !solo.contains("Shares rejected"))
        #expect(!FileManager.default.fileExists(atPath: site + "/teams/solo/index.loss-months.csv"))
        #expect(!FileManager.default.fileExists(atPath: site + "/teams/solo/index.rejected.csv"))

        let index = try String(contentsOfFile: site + "/index.html", encoding: .utf8)
        #expect(index.contains("Since January 2015 the teams lost 50 credits:"))
        let tables = index.components(separatedBy: "<table class=\"losses\">")
        #expect(tables.count == 3, "a table by team and one by month")
        #expect(
            try Self.rows("<table class=\"losses\">" + tables[1], table: "losses") == [
                "crew|39|9|2|50", "solo|0|0|0|0", "All teams|39|9|2|50",
            ])
        #expect(try Self.rows("<table class=\"losses\">" + tables[2], table: "losses") == (try Self.rows(team, table: "losses")))
        let months = try String(contentsOfFile: site + "/index.loss-months.csv", encoding: .utf8)
        #expect(months.hasPrefix("Month,Expired,Forfeited at closing,Lost on unanswered messages,Total\r\nApril 2015,0,0,0,0\r\n"))
        #expect(months.hasSuffix("January 2015,18,0,1,19\r\nAll months,39,9,2,50\r\n"))
    }

    @Test func theSentenceNamesOnlyWhatWasLostAndAgreesWithItsNumbers() {
        let format = DisplayFormat(calendar: .utc)
        let one = CreditLosses(forfeited: 1)
        #expect(
            LossSection.sentence(one, since: "May 2015", who: "the team", format: format)
                == "Since May 2015 the team lost 1 credit: 1 was forfeited at closing.")
        #expect(
            LossSection.sentence(CreditLosses(expired: 2, unanswered: 1), since: nil, who: "the teams", format: format)
                == "The teams lost 3 credits: 2 expired unused and 1 went on messages nobody answered in time.")
    }
}
