import AllotLedger
import Foundation
import Testing

@testable import Allot
@testable import AllotReports

/// Response rates of teams and of the whole ledger (spec §10), worked by hand.
///
/// In UTC, as of the end of 31 Mar 2015 (1 Apr, 00:00), with `response_rate_days = 30`:
/// a send counts once 30 days have passed, so sends up to 2 Mar, 00:00 count and the one
/// on 10 Mar is too recent. Team `alpha` (seats opened 1 Jan):
///
/// | seat | January | February | March | all time |
/// |---|---|---|---|---|
/// | Ann (`a1`) | 1 of 1 (accepted) | 1 of 2 (one accepted; one declined after 45 days, too late) | none | 2 of 3: 66.7 % |
/// | Bob (`a2`) | 1 of 4 (declined) | none | 1 too recent | 1 of 4: 25.0 % |
/// | the team | 2 of 5: 40.0 % | 1 of 2: 50.0 % | 1 too recent | 3 of 7: 42.9 % |
///
/// In January the seats' rates average 62.5 %, and over all time 45.8 %: the team's
/// 40.0 % and 42.9 % are the ratios of the sums. Team `beta`: Cy (`b1`, opened 1 Feb)
/// had 1 of 2 answered in February: 50.0 %. The whole ledger: 4 of 9, 44.4 % (the teams'
/// rates average 46.4 %), 3 accepted and 1 too recent; by month 2 of 5, 2 of 4 (50.0 %)
/// and 1 too recent.
@Suite(.cleansScratch) struct TeamResponseRateTests {
    static func site() throws -> String {
        let folder = TestSupport.scratch()
        TestSupport.write(
            """
            timezone = "UTC"
            as_of = "2015-03-31"
            response_rate_days = 30
            sources = ["seats.csv", "events.csv"]
            [[policy]]
            name = "inmail-2015"
            from = "2015-01-01"
            allotment = 0
            lifetime_days = 90
            window_days = 90
            """, to: folder + "/allot.toml")
        TestSupport.write(
            """
            account,name,team,email,opened,closed
            a1,Ann,alpha,,2015-01-01,
            a2,Bob,alpha,,2015-01-01,
            b1,Cy,beta,,2015-02-01,

            """, to: folder + "/seats.csv")
        TestSupport.write(
            """
            id,time,type,account,message,to,amount,note
            e01,2015-01-05T12:00:00Z,send,a1,m1,,,
            e02,2015-01-10T12:00:00Z,accept,,m1,,,
            e03,2015-02-02T12:00:00Z,send,a1,m2,,,
            e04,2015-02-03T12:00:00Z,accept,,m2,,,
            e05,2015-02-03T12:00:00Z,send,a1,m3,,,
            e06,2015-03-20T12:00:00Z,decline,,m3,,,
            e07,2015-01-06T12:00:00Z,send,a2,n1,,,
            e08,2015-01-20T12:00:00Z,decline,,n1,,,
            e09,2015-01-07T12:00:00Z,send,a2,n2,,,
            e10,2015-01-08T12:00:00Z,send,a2,n3,,,
            e11,2015-01-09T12:00:00Z,send,a2,n4,,,
            e12,2015-03-10T12:00:00Z,send,a2,n5,,,
            e13,2015-02-10T12:00:00Z,send,b1,p1,,,
            e14,2015-02-12T12:00:00Z,accept,,p1,,,
            e15,2015-02-11T12:00:00Z,send,b1,p2,,,

            """, to: folder + "/events.csv")
        let project = try Project(configPath: folder + "/allot.toml")
        try project.importSources()
        _ = try project.buildSite(into: folder + "/site")
        return folder + "/site"
    }

    typealias Object = [String: Any]

    static func json(_ path: String) throws -> Object {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? Object)
    }

    /// `responses` as `[sent, answered, accepted, tooRecent]` and the rate in tenths (-1 for null).
    static func counts(_ o: Any?) -> [Int] {
        let r = o as? Object ?? [:]
        let rate = (r["rate"] as? Double).map { Int(($0 * 10).rounded()) } ?? -1
        return ["sent", "answered", "accepted", "tooRecent"].map { r[$0] as? Int ?? Int.min } + [rate]
    }

    static func months(_ o: Any?) -> [String] {
        (o as? [Object] ?? []).map { "\($0["month"] as? String ?? "?") \(counts($0["responses"]))" }
    }

    @Test func teamAndLedgerRatesAreRatiosOfSums() async throws {
        let site = try Self.site()
        func page(_ path: String) throws -> String { try String(contentsOfFile: site + "/" + path, encoding: .utf8) }

        // The team page: the sentence, the seats × months table, its CSV and the chart.
        let alpha = try page("teams/alpha/index.html")
        #expect(
            alpha.contains(
                "<p>Of the team's 7 messages old enough to count, 3 were answered within 30 days (2 accepted): 42.9 %. 1 more, sent less than 30 days before 31 Mar 2015, is not counted yet.</p>"
            ))
        #expect(
            try CreditLossTests.rows(alpha, table: "rates") == [
                "Ann|100.0 % of 1|50.0 % of 2|–|66.7 % of 3", "Bob|25.0 % of 4|–|–|25.0 % of 4",
                "All seats|40.0 % of 5|50.0 % of 2|–|42.9 % of 7",
            ])
        #expect(
            alpha.contains("<th>Seat</th><th class=\"num\">Jan 2015</th><th class=\"num\">Feb 2015</th><th class=\"num\">Mar 2015</th>"))
        #expect(
            try page("teams/alpha/index.response-rates.csv")
                == "Seat,Jan 2015,Feb 2015,Mar 2015,All time\r\nAnn,100.0,50.0,,66.7\r\nBob,25.0,,,25.0\r\nAll seats,40.0,50.0,,42.9\r\n")
        #expect(alpha.contains("<title>The team, January 2015: 40.0 % of 5</title>"))
        #expect(alpha.contains("<title>Bob, January 2015: 25.0 % of 4</title>"))
        let beta = try page("teams/beta/index.html")
        #expect(try CreditLossTests.rows(beta, table: "rates") == ["Cy|50.0 % of 2|–|50.0 % of 2", "All seats|50.0 % of 2|–|50.0 % of 2"])
        #expect(beta.contains("<p>Of the team's 2 messages old enough to count, 1 was answered within 30 days (1 accepted): 50.0 %.</p>"))

        // The team twins.
        let alphaTwin = try Self.json(site + "/teams/alpha/index.json")
        #expect(Self.counts(alphaTwin["responses"]) == [7, 3, 2, 1, 429])
        #expect(
            Self.months(alphaTwin["responseMonths"]) == [
                "2015-01 [5, 2, 1, 0, 400]", "2015-02 [2, 1, 1, 0, 500]", "2015-03 [0, 0, 0, 1, -1]",
            ])
        let betaTwin = try Self.json(site + "/teams/beta/index.json")
        #expect(Self.counts(betaTwin["responses"]) == [2, 1, 1, 0, 500])
        #expect(Self.months(betaTwin["responseMonths"]) == ["2015-02 [2, 1, 1, 0, 500]", "2015-03 [0, 0, 0, 0, -1]"])

        // The index: a column comparing the teams and the whole ledger's line.
        let index = try page("index.html")
        let rows = try CreditLossTests.rows(index, table: "teams")
        #expect(rows.map { $0.components(separatedBy: "|").last! } == ["42.9 % of 7", "50.0 % of 2", "44.4 % of 9"])
        #expect(rows.map { $0.components(separatedBy: "|").first! } == ["alpha", "beta", "All teams"])
        let csv = try page("index.teams.csv")
        #expect(csv.hasPrefix("Team,Seats,Balance,Expiring soon,Seats warned,Responses\r\nalpha,2,"))
        #expect(
            csv.components(separatedBy: "\r\n").dropLast().map { $0.components(separatedBy: ",").last! } == [
                "Responses", "42.9", "50.0", "44.4",
            ])
        let indexTwin = try Self.json(site + "/index.json")
        #expect(Self.counts(indexTwin["responses"]) == [9, 4, 3, 1, 444])
        #expect((indexTwin["teams"] as? [Object])?.map { Self.counts($0["responses"]) } == [[7, 3, 2, 1, 429], [2, 1, 1, 0, 500]])
        #expect(
            Self.months(indexTwin["responseMonths"]) == [
                "2015-01 [5, 2, 1, 0, 400]", "2015-02 [4, 2, 2, 0, 500]", "2015-03 [0, 0, 0, 1, -1]",
            ])
        #expect(try await TestSupport.siteProblems(site) == "")
    }

    @Test func theSentenceSaysWhenNothingCountsYet() {
        let format = DisplayFormat(calendar: .utc)
        #expect(ResponseSection.sentence(.init(), days: "30 days", asOfDay: "31 Mar 2015", format: format) == "The team sent no messages.")
        #expect(
            ResponseSection.sentence(.init(tooRecent: 1), days: "30 days", asOfDay: "31 Mar 2015", format: format)
                == "None of the team's messages is old enough to count yet: 1 message was sent less than 30 days before 31 Mar 2015.")
        #expect(
            ResponseSection.sentence(
                .init(sent: 1, answered: 1, accepted: 0, tooRecent: 2), days: "1 day", asOfDay: "31 Mar 2015", format: format)
                == "Of the team's 1 message old enough to count, 1 was answered within 1 day (0 accepted): 100.0 %. 2 more, sent less than 1 day before 31 Mar 2015, are not counted yet."
        )
    }
}
