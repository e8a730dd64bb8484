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
    static func project(
        receiverTeam: String = "crew", receiverName: String = "Receiver", receiverPace: Int = 10, extraSeats: String = "",
        extraEvents: String = ""
    ) throws -> Project {
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
            "account,name,team,email,opened,closed\ng,Giver,crew,g@example.com,2015-01-01,\nr,\(receiverName),\(receiverTeam),,2015-01-01,\n"
                + extraSeats,
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

    /// The site: the team page's plan and table, the seats' sentences, the warnings
    /// overview's lead, the giver's notice naming the receiver, and the JSON twins.
    @Test func theSiteShowsTheForecastAndThePlan() async throws {
        let project = try Self.project()
        let site = (project.configPath as NSString).deletingLastPathComponent + "/site"
        _ = try project.buildSite(into: site)
        func page(_ path: String) throws -> String { try String(contentsOfFile: site + "/" + path, encoding: .utf8) }
        let team = try page("teams/crew/index.html")
        #expect(
            team.contains(
                "<p>200 credits expire in the 30 days to 21 Jun 2015, inclusive; at each seat's pace over the last 28 days, 190 of them would go unused. Sharing as below, now, would save 100 of them; 90 would still expire.</p>"
            ))
        #expect(
            team.contains(
                "<tr><td><a href=\"../../accounts/g/index.html\">Giver</a></td><td><a href=\"../../accounts/r/index.html\">Receiver</a></td><td class=\"num\">100</td><td>1 Jun 2015</td></tr>"
            ))
        #expect(
            team.contains(
                "<tr><td><a href=\"../../accounts/r/index.html\">Receiver</a></td><td class=\"num\">10.0</td><td class=\"num\">0</td><td class=\"num\">200</td><td>2 Jun 2015</td></tr>"
            ))
        #expect(
            try page("accounts/g/index.html").contains(
                "At your pace (1.0 sends a day over the last 28 days), 90 credits expire by 1 Jun 2015. You run out around 2 Jun 2015."))
        #expect(
            try page("accounts/r/index.html").contains(
                "At your pace (10.0 sends a day over the last 28 days), none of your credits expire in the 30 days to 21 Jun 2015, inclusive. You run out around 2 Jun 2015."
            ))
        #expect(try page("warnings/index.html").contains("Sharing could save 100 credits."))
        #expect(try page("notices/g.html").contains("Receiver (100 credits) is projected to run short and could use 100 of them"))
        let twin = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: site + "/teams/crew/index.json")))
                as? [String: Any])
        let forecast = try #require(twin["forecast"] as? [String: Any])
        #expect(forecast["saved"] as? Int == 100 && forecast["horizonEnd"] as? String == "2015-06-22T00:00:00Z")
        let account = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: site + "/accounts/g/index.json")))
                as? [String: Any])
        #expect((account["forecast"] as? [String: Any])?["projectedExpiry"] as? Int == 90)
        #expect(try await TestSupport.siteProblems(site) == "")
    }

    /// A receiver named with markup and a formula is shown literally in the plan, its CSV,
    /// the giver's notice and `allot suggest`.
    @Test func aHostileNameInThePlanIsShownLiterally() async throws {
        let name = "\"=HYPERLINK(\"\"http://x\"\")<b>&amp;\""
        let project = try Self.project(receiverName: name)
        let site = (project.configPath as NSString).deletingLastPathComponent + "/site"
        _ = try project.buildSite(into: site)
        let shown = "=HYPERLINK(\"http://x\")<b>&amp;"
        let team = try String(contentsOfFile: site + "/teams/crew/index.html", encoding: .utf8)
        #expect(team.contains(">=HYPERLINK(&quot;http://x&quot;)&lt;b&gt;&amp;amp;</a></td><td class=\"num\">100</td>"))
        let csv = try String(contentsOfFile: site + "/teams/crew/index.suggested-shares.csv", encoding: .utf8)
        #expect(csv.contains("Giver,\"'=HYPERLINK(\"\"http://x\"\")<b>&amp;\",100,"))
        let preview = try String(contentsOfFile: site + "/notices/g.html", encoding: .utf8)
        #expect(preview.contains("=HYPERLINK(&quot;http://x&quot;)&lt;b&gt;&amp;amp; (100 credits)"))
        let text = try await TestSupport.allot(["suggest", "--config", project.configPath])
        #expect(text.outputText.contains("share 100 from Giver to \(shown) now"))
        #expect(try await TestSupport.siteProblems(site, literals: [shown]) == "")
    }

    /// The bundled demo has a seat that runs short: Rui Costa, who opened on 1 Jun 2015 and
    /// sends five a day. Lee Kim's credits that expire in July are suggested to him.
    @Test func theDemoSuggestsAShareToTheSeatThatRunsShort() throws {
        let project = try Project(configPath: ComparisonTests.demo())
        try project.importSources()
        let forecasts = try project.forecasts()
        let helix = try #require(forecasts.first { $0.team == "helix" })
        #expect(helix.seat("rui").map { ($0.recentSends, $0.paceDays) } ?? (0, 0) == (140, 28))
        #expect(helix.shares.map { "\($0.from) \($0.to) \($0.amount)" } == ["lee rui 26"])
        #expect(helix.saved == 26 && helix.expiryWithout == 298)
        #expect(forecasts.first { $0.team == "northwind" }?.shares == [])
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
        let planFile = TestSupport.scratch() + "/plan.json"
        try json.output.write(to: URL(fileURLWithPath: planFile))
        let schema = ComparisonTests.root + "/templates/schema/suggest.schema.json"
        let validated = try await ChildProcess(
            "/usr/bin/env",
            [
                "python3", "-c",
                "import json, sys, jsonschema; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))",
                planFile, schema,
            ], keepErrors: true
        ).ended()
        #expect(validated.status == 0, "\(validated.errorText)")
        let text = try await TestSupport.allot(["suggest", "--config", project.configPath])
        #expect(
            text.outputText
                == "Team crew: 190 credits are projected to expire in the 30 days to 2015-06-21, inclusive; these shares would save 100:\n"
                + "  share 100 from Giver to Receiver now (the first of them expire 2015-06-02 00:00)\n")
        let unknown = try await TestSupport.allot(["suggest", "--config", project.configPath, "--team", "nope"])
        #expect(unknown.status == 1 && unknown.errorText == "error: no team is called 'nope'; the teams are crew\n")
    }
}

/// On made-up ledgers where seats both lose credits and run short: replaying the ledger
/// with the suggested shares and sends at each seat's pace (made here, independently of
/// the forecast) loses exactly `expiryWith`, and without the shares `expiryWithout`; no
/// suggested share is rejected.
@Suite(.cleansScratch) struct ForecastPropertyTests {
    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func replayingTheSuggestedSharesSavesExactlyWhatThePlanSays(_ seed: UInt64) throws {
        let folder = TestSupport.scratch()
        for file in SyntheticLedger(accounts: 30, months: 5, seed: seed).files() where file.name != "allot.toml" {
            TestSupport.write(file.text, to: folder + "/" + file.name)
        }
        TestSupport.write(
            """
            timezone = "America/New_York"
            as_of = "2015-01-20"
            sources = ["seats.csv", "events.csv"]
            [[policy]]
            name = "inmail-2015"
            from = "2014-10-01"
            allotment = 40
            lifetime_days = 30
            """, to: folder + "/allot.toml")
        let project = try Project(configPath: folder + "/allot.toml")
        try project.importSources()
        let end = try project.resolvedAsOf(nil), settings = project.config.settings, calendar = settings.calendar
        let horizon = calendar.adding(days: settings.warnDays, to: end)
        var shares = 0
        for team in try project.store.teams().map(\.id) {
            let (accounts, events) = try project.store.load(team: team)
            let forecast = TeamForecast.make(
                team: team, Ledger.replay(accounts: accounts, events: events, settings: settings, asOf: end), events: events)
            let open = accounts.filter { $0.opened < end && $0.isOpen(at: end) }
            var synthetic: [LedgerEvent] = []
            for a in open {
                let windowStart = calendar.adding(days: -28, to: end)
                let n = events.count { $0.kind == .send && $0.account == a.id && $0.time >= max(windowStart, a.opened) && $0.time < end }
                let d = a.opened > windowStart ? max(1, Int((end.millis - a.opened.millis) / 86_400_000)) : 28
                #expect(forecast.seat(a.id).map { ($0.recentSends, $0.paceDays) } ?? (-1, -1) == (n, d), "\(a.id)")
                for k in 0..<settings.warnDays where a.isOpen(at: calendar.adding(days: k, to: end)) {
                    for i in 0..<(n * (k + 1) / d - n * k / d) {
                        let id = "~\(a.id)~\(k)~\(i)"
                        synthetic.append(
                            LedgerEvent(id: id, time: calendar.adding(days: k, to: end), kind: .send, account: a.id, message: id))
                    }
                }
            }
            func replayed(_ plan: [SuggestedShare]) -> Ledger {
                let moves = plan.enumerated().map { i, s in
                    LedgerEvent(id: "~share~\(1000 + i)", time: end, kind: .share, account: s.from, to: s.to, amount: s.amount)
                }
                return Ledger.replay(
                    accounts: accounts, events: events.filter { $0.time < end } + moves + synthetic, settings: settings, asOf: horizon,
                    refundsBefore: end)
            }
            func expired(_ ledger: Ledger) -> Int {
                open.reduce(0) { sum, a in
                    sum - (ledger[a.id]?.postings ?? []).filter { $0.kind == .expire && $0.time >= end }.reduce(0) { $0 + $1.amount }
                }
            }
            #expect(expired(replayed([])) == forecast.expiryWithout, "\(team)")
            let with = replayed(forecast.shares)
            #expect(expired(with) == forecast.expiryWith, "\(team)")
            #expect(forecast.saved >= 0 && forecast.saved == forecast.expiryWithout - expired(with))
            #expect(!with.problems.contains { $0.isRejection && $0.time >= end }, "\(team)")
            let members = Set(accounts.map(\.id))
            #expect(
                forecast.shares.allSatisfy { $0.amount > 0 && members.contains($0.from) && members.contains($0.to) && $0.from != $0.to })
            shares += forecast.shares.count
        }
        #expect(shares > 0, "no share was suggested on seed \(seed); the property was not tried")
    }
}
