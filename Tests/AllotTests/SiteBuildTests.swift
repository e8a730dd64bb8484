import Foundation
import Testing

@testable import Allot

/// `allot build` end to end on the worked transition ledger.
@Suite(.cleansScratch) struct SiteBuildTests {
    func built(_ fixture: String = "transition") throws -> (project: Project, site: String, summary: SiteWriter.Summary) {
        let folder = TestSupport.copyOfFixture(fixture)
        let project = try Project(configPath: folder + "/allot.toml")
        let site = folder + "/site"
        return (project, site, try project.buildSite(into: site))
    }

    @Test func pageSetIsEveryStatementAccountTeamAndWarning() throws {
        let (_, site, _) = try built()
        let pages = Set(TestSupport.files(under: site).keys.filter { $0.hasSuffix(".html") })
        var expected: Set<String> = [
            "index.html", "warnings/index.html", "accounts/alice/index.html",
            "accounts/bob/index.html", "teams/acme/index.html", "teams/acme/warnings.html",
        ]
        for m in ["2014-10", "2014-11", "2014-12", "2015-01", "2015-02", "2015-03", "2015-04"] {
            expected.insert("accounts/alice/\(m).html")
        }
        for m in ["2014-11", "2014-12", "2015-01", "2015-02", "2015-03"] { expected.insert("accounts/bob/\(m).html") }
        #expect(pages == expected.union(["notices/alice.html"]))
        let json = Set(TestSupport.files(under: site).keys.filter { $0.hasSuffix(".json") && !$0.hasPrefix("schema/") })
        #expect(json == Set(expected.map { String($0.dropLast(5)) + ".json" }))
        // Each table's CSV file sits beside its page: `X.<table>.csv` next to `X.html`.
        let csv = TestSupport.files(under: site).keys.filter { $0.hasSuffix(".csv") }
        for path in csv {
            let folder = path.split(separator: "/").dropLast().joined(separator: "/")
            let name = path.split(separator: "/").last!.split(separator: ".")[0]
            #expect(expected.contains((folder.isEmpty ? "" : folder + "/") + name + ".html"), "\(path)")
        }
        #expect(csv.contains("accounts/alice/2015-01.postings.csv"))
        #expect(csv.contains("index.teams.csv"))
        for asset in [
            "assets/style.css", "assets/print.css", "schema/statement.schema.json", "schema/index.schema.json",
            "schema/account.schema.json", "schema/warnings.schema.json", "schema/team.schema.json",
            "schema/warnings-overview.schema.json",
        ] {
            #expect(FileManager.default.fileExists(atPath: site + "/" + asset), "\(asset)")
        }
    }

    @Test func numbersOnPagesAreTheLedgers() throws {
        let (project, site, _) = try built()
        let ledger = try project.replay()
        for a in ledger.accounts {
            for month in ledger.statementMonths(of: a.account.id) {
                let statement = ledger.statement(of: a.account.id, for: month)!
                let path = site + "/accounts/\(a.account.id)/\(month)"
                let twin = try JSONDecoder().decode(StatementDocument.self, from: Data(contentsOf: URL(fileURLWithPath: path + ".json")))
                #expect(twin == StatementDocument(statement))
                let html = try String(contentsOfFile: path + ".html", encoding: .utf8)
                #expect(html.contains("<td>Closing balance</td><td class=\"num\">\(statement.closing)</td>"), "\(path)")
                #expect(html.contains("<td>Opening balance</td><td class=\"num\">\(statement.opening)</td>"), "\(path)")
            }
        }
        let index = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: site + "/index.json"))) as! [String: Any]
        let teams = index["teams"] as! [[String: Any]]
        #expect(teams.map { $0["balance"] as! Int } == [ledger.accounts.map(\.balance).reduce(0, +)])
        #expect(index["balance"] as? Int == ledger.accounts.map(\.balance).reduce(0, +))
        let warnings =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: site + "/teams/acme/warnings.json")))
            as! [String: Any]
        #expect((warnings["accounts"] as! [[String: Any]]).map { $0["expiringTotal"] as! Int } == [201])
        let overview =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: site + "/warnings/index.json"))) as! [String: Any]
        #expect((overview["teams"] as! [[String: Any]]).map { $0["expiringTotal"] as! Int } == [201])
    }

    @Test func linksResolveAndEveryJSONFileMatchesItsSchema() async throws {
        let (_, site, _) = try built()
        #expect(try await TestSupport.siteProblems(site) == "")
        let (_, demoSite, _) = try built("edges")
        #expect(try await TestSupport.siteProblems(demoSite) == "")
    }

    @Test func twoBuildsAreByteIdenticalAndTheSecondRewritesNothing() throws {
        let (project, site, first) = try built()
        #expect(first.written > 0)
        let again = try project.buildSite(into: site)
        #expect(again.written == 0)
        #expect(again.removed == 0)
        #expect(again.unchanged == first.written)
        let other = TestSupport.scratch() + "/site"
        _ = try project.buildSite(into: other)
        #expect(TestSupport.files(under: site) == TestSupport.files(under: other))
    }

    @Test func filesThatNoLongerBelongAreRemovedAndOthersKept() async throws {
        let (project, site, _) = try built()
        TestSupport.write("mine", to: site + "/README.md")
        let earlier = try InstantParser(calendar: project.config.settings.calendar).parseEnd("2015-01-15").get()
        let summary = try project.buildSite(into: site, asOf: earlier)
        #expect(summary.removed > 0)
        #expect(!FileManager.default.fileExists(atPath: site + "/accounts/alice/2015-04.html"))
        #expect(!FileManager.default.fileExists(atPath: site + "/accounts/alice/2015-02.json"))
        #expect(FileManager.default.fileExists(atPath: site + "/README.md"))
        #expect(try await TestSupport.siteProblems(site) == "")
    }

    @Test func aBuildWithNothingChangedRendersNothingAndAnyChangeRebuilds() throws {
        let (project, site, first) = try built()
        let again = try project.buildSite(into: site)
        #expect(again == SiteWriter.Summary(written: 0, unchanged: first.written, removed: 0))
        // Deleting a page, editing the config or adding data each bring a real build.
        try FileManager.default.removeItem(atPath: site + "/index.html")
        #expect(try project.buildSite(into: site).written == 1)
        try FileManager.default.removeItem(atPath: site + "/accounts/alice/2015-02.json")
        #expect(try project.buildSite(into: site).written == 1)
        let alicesFiles = TestSupport.files(under: site + "/accounts/alice").count
        #expect(alicesFiles > 10)
        try FileManager.default.removeItem(atPath: site + "/accounts/alice")
        #expect(try project.buildSite(into: site).written == alicesFiles)
        #expect(try project.buildSite(into: site).written == 0)
        let folder = (site as NSString).deletingLastPathComponent
        let config = try String(contentsOfFile: folder + "/allot.toml", encoding: .utf8)
        TestSupport.write(config.replacingOccurrences(of: "title = \"t\"", with: "title = \"Acme\""), to: folder + "/allot.toml")
        let retitled = try Project(configPath: folder + "/allot.toml").buildSite(into: site)
        #expect(retitled.written > 0)
        let events = try String(contentsOfFile: folder + "/events.csv", encoding: .utf8)
        TestSupport.write(events + "e9,2015-04-20T10:00:00Z,grant,alice,,,5,\n", to: folder + "/events.csv")
        let grown = try Project(configPath: folder + "/allot.toml").buildSite(into: site)
        #expect(grown.written > 0)
        #expect(grown.written < retitled.written)
    }

    @Test func aBrokenTemplateLeavesThePreviousSiteAsItWas() throws {
        let (project, site, _) = try built()
        let before = TestSupport.files(under: site)
        let overrides = TestSupport.scratch()
        TestSupport.write("# {{#name}} never closed\n", to: overrides + "/statement.md")
        #expect(throws: AllotError.self) { try project.buildSite(into: site, templates: overrides) }
        #expect(TestSupport.files(under: site) == before)
    }

    @Test func aPartialNamedLikeAPageTemplateIsAnError() throws {
        let (project, site, _) = try built()
        let overrides = TestSupport.scratch()
        TestSupport.write("<p>{{name}}</p>\n", to: overrides + "/partials/statement.html")
        let error = try #require(throws: AllotError.self) { try project.buildSite(into: site, templates: overrides) }
        #expect(
            error.description
                == "statement.md: is known as \"statement\", like \(overrides)/partials/statement.html; a page template, a partial and a layout each need a name of their own"
        )
    }

    @Test func overridingOneTemplateChangesOnlyItsPages() throws {
        let (project, site, _) = try built()
        let before = TestSupport.files(under: site)
        let overrides = TestSupport.scratch()
        TestSupport.write("# Our own statement for {{name}}\n\nClosing: {{closing}}\n", to: overrides + "/statement.md")
        _ = try project.buildSite(into: site, templates: overrides)
        let after = TestSupport.files(under: site)
        #expect(Set(after.keys) == Set(before.keys))
        for (path, bytes) in after where !path.hasPrefix(".allot-") {
            let isStatementHTML = path.hasPrefix("accounts/") && path.hasSuffix(".html") && !path.hasSuffix("index.html")
            #expect((bytes != before[path]) == isStatementHTML, "\(path)")
        }
        let page = try String(contentsOfFile: site + "/accounts/alice/2015-01.html", encoding: .utf8)
        #expect(page.contains("<h1>Our own statement for Alice</h1>"))
        #expect(page.contains("<p>Closing: 348</p>"))
    }

    @Test func templatesFromTheConfigAreUsed() throws {
        let folder = TestSupport.copyOfFixture("transition")
        try FileManager.default.createDirectory(atPath: folder + "/mine", withIntermediateDirectories: true)
        TestSupport.write("# Team page of {{name}}\n", to: folder + "/mine/team.md")
        let config = try String(contentsOfFile: folder + "/allot.toml", encoding: .utf8)
        TestSupport.write("templates = \"mine\"\n" + config, to: folder + "/allot.toml")
        let project = try Project(configPath: folder + "/allot.toml")
        _ = try project.buildSite(into: folder + "/site")
        let page = try String(contentsOfFile: folder + "/site/teams/acme/index.html", encoding: .utf8)
        #expect(page.contains("<h1>Team page of acme</h1>"))
    }
}

extension SiteBuildTests {
    /// Refunds come back at any hour, so lots expire at many instants of one day; the
    /// tables show one line per day with their sum (the JSON twin keeps every lot).
    @Test func creditsLeftShowOneLinePerDay() throws {
        let folder = TestSupport.scratch()
        TestSupport.write(
            "timezone = \"America/New_York\"\nas_of = \"2015-03-01\"\nsources = [\"seats.csv\", \"events.csv\"]\n"
                + "[[policy]]\nname = \"inmail-2015\"\nfrom = \"2015-01-01\"\n", to: folder + "/allot.toml")
        TestSupport.write("account,name,team,email,opened,closed\nann,Ann,red,,2015-01-01,\n", to: folder + "/seats.csv")
        TestSupport.write(
            """
            id,time,type,account,message,to,amount,note
            e1,2015-01-05T10:00:00-05:00,send,ann,m1,,,
            e2,2015-01-05T15:00:00-05:00,send,ann,m2,,,
            r1,2015-01-06T10:00:00-05:00,accept,,m1,,,
            r2,2015-01-06T15:00:00-05:00,decline,,m2,,,

            """, to: folder + "/events.csv")
        let site = folder + "/site"
        _ = try Project(configPath: folder + "/allot.toml").buildSite(into: site)
        let html = try String(contentsOfFile: site + "/accounts/ann/2015-02.html", encoding: .utf8)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: site + "/accounts/ann/2015-02.json")))
        let lots = try #require((json as? [String: Any])?["lots"] as? [[String: Any]])
        // The two refunds expire 90 days after 6 January, at 10:00 and 15:00 on 6 April.
        #expect(
            lots.compactMap { $0["expires"] as? String }.filter { $0.hasPrefix("2015-04-06") } == [
                "2015-04-06T14:00:00Z", "2015-04-06T19:00:00Z",
            ])
        // One line for the day, with the earlier hour as the one to beat.
        #expect(html.contains("<tr><td class=\"num\">2</td><td>6 Apr 2015, before 10:00</td></tr>"), "\(html)")
        #expect(html.components(separatedBy: "6 Apr 2015").count == 2)
    }
}
