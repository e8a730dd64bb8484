import Foundation
import Testing

@testable import Allot

/// `[[compare]]`: the same events replayed under another policy timeline.
@Suite(.cleansScratch) struct ComparisonTests {
    static let root = FuzzCorpusTests.root

    /// A copy of the bundled demo with `extra` appended to its config.
    static func demo(appending extra: String = "") -> String {
        let folder = TestSupport.scratch()
        for name in ["allot.toml", "seats.csv", "events.csv"] {
            try! FileManager.default.copyItem(atPath: root + "/examples/demo/" + name, toPath: folder + "/" + name)
        }
        let config = try! String(contentsOfFile: folder + "/allot.toml", encoding: .utf8)
        TestSupport.write(config + extra, to: folder + "/allot.toml")
        return folder + "/allot.toml"
    }

    static let sameAsMain = """

        [[compare]]
        name = "Same"
        [[compare.policy]]
        name = "legacy"
        from = "2014-10-01"
        [[compare.policy]]
        name = "inmail-2015"
        from = "2015-01-01"

        """

    /// The project of `config`, its sources imported.
    static func project(_ config: String) throws -> Project {
        let project = try Project(configPath: config)
        try project.importSources()
        return project
    }

    func expectNoDifference(_ x: Comparison) {
        for line in x.accounts + x.teams + [x.all] {
            #expect(line.total.isZero, "\(line.id): \(line.total)")
            #expect(line.months.allSatisfy { $0.pair.isZero }, "\(line.id)")
            #expect(line.total.difference == Comparison.Figures())
        }
    }

    @Test func comparingTheMainTimelineWithItselfChangesNothing() throws {
        let project = try Self.project(Self.demo(appending: Self.sameAsMain))
        let (ledger, comparisons) = try project.replayWithComparisons(comparing: ["Same"])
        expectNoDifference(comparisons[0])
        #expect(comparisons[0].accounts.count == ledger.accounts.count)
        #expect(comparisons[0].all.total.base.granted > 0)
    }

    @Test(arguments: [UInt64(3), 8])
    func comparingAGeneratedLedgerWithItselfChangesNothing(seed: UInt64) throws {
        let folder = TestSupport.scratch()
        for f in SyntheticLedger(accounts: 12, months: 7, seed: seed).files() { TestSupport.write(f.text, to: folder + "/" + f.name) }
        let config = try String(contentsOfFile: folder + "/allot.toml", encoding: .utf8)
        let main = config.components(separatedBy: "[[policy]]").dropFirst().map {
            "[[compare.policy]]" + $0.components(separatedBy: "[[bonus]]")[0]
        }
        TestSupport.write(config + "\n[[compare]]\nname = \"itself\"\n" + main.joined(), to: folder + "/allot.toml")
        let (_, comparisons) = try Self.project(folder + "/allot.toml").replayWithComparisons()
        expectNoDifference(comparisons[0])
    }

    /// Worked by hand from examples/demo/events.csv; "Legacy only" keeps the legacy
    /// policy (50 a month, refund when nobody answers within 7 days, no expiry) for good.
    @Test func demoAgainstLegacyOnlyMatchesTheHandWorkedSeats() throws {
        let (_, comparisons) = try Self.project(Self.demo()).replayWithComparisons(comparing: ["Legacy only"])
        let x = comparisons[0]

        // Sam opened 2015-02-02, received 30 credits from Ana and sent 15 messages.
        // Legacy: allotments at opening, 1 Mar, 1 Apr, 1 May, 1 Jun = 5 × 50 (no January bonus:
        // not open then). Answered within 7 days: sam-441, sam-447, sam-448; sam-445's 7 days
        // run past as-of: so 15 − 3 − 1 = 11 refunds. Nothing expires: 250 + 30 − 15 + 11 = 276.
        // As it was (inmail-2015): 5 × 100 granted; answered within 90 days: sam-434, 439,
        // 441, 442, 447, 448 = 6 refunds; windows closed unanswered: sam-435, 436 (answered
        // on day 95), 437, 438 = 4 lost. Whatever expired left 500 + 30 − 15 + 6 − expired.
        let sam = try #require(x.account("sam")).total
        #expect(sam.alternative == Comparison.Figures(granted: 250, refunded: 11, expired: 0, lost: 0, unfunded: 0, closing: 276))
        #expect(sam.base.granted == 500)
        #expect(sam.base.refunded == 6)
        #expect(sam.base.lost == 4)
        #expect(sam.base.closing + sam.base.expired == 500 + 30 - 15 + 6)

        // Tom: opened 2014-10-01, closed 2015-03-13 17:30 (New York), 35 sends, and 40
        // credits from Maya. Legacy: 6 allotments (Oct–Mar) × 50 + the January bonus 100.
        // Answered within 7 days: 11 (tom-303, 306, 309, 313, 314, 316, 323, 328, 329, 334,
        // 336); of the other 24, tom-333 and tom-335 reach 7 days after he closed: 22 refunds.
        // His closing settles the three sends still open then (spec §4, lost at closing):
        // tom-333 and tom-335, and tom-336, answered only after he closed.
        // As it was: legacy refunds for the 20 sends of 2014 (14: 6 of them were answered
        // within 7 days), then 5 answers within 90 days before he closed (tom-323, 324, 328,
        // 329, 334; tom-336 was answered after): 19. He forfeited what was left: closing 0.
        let tom = try #require(x.account("tom")).total
        #expect(tom.alternative == Comparison.Figures(granted: 400, refunded: 22, expired: 0, lost: 3, unfunded: 0, closing: 0))
        #expect(tom.base.granted == 3 * 50 + 3 * 100 + 100)
        #expect(tom.base.refunded == 19)
        #expect(tom.base.closing == 0)
        #expect(tom.difference.refunded == 3)
    }

    @Test func teamsAndTheWholeLedgerAddUpTheirSeats() throws {
        let (_, comparisons) = try Self.project(Self.demo()).replayWithComparisons()
        #expect(comparisons.map(\.name) == ["Legacy only", "Response-weighted"])
        for x in comparisons {
            for team in x.teams {
                let members = x.accounts.filter { $0.team == team.id }
                #expect(team.total.alternative.expired == members.reduce(0) { $0 + $1.total.alternative.expired })
                #expect(team.total.base.closing == members.reduce(0) { $0 + $1.total.base.closing })
            }
            #expect(x.all.total.alternative.granted == x.teams.reduce(0) { $0 + $1.total.alternative.granted })
        }
    }

    @Test func badCompareEntriesNameTheKey() throws {
        func issues(_ extra: String) throws -> [String] {
            let error = try #require(throws: ImportFailure.self) { _ = try Project(configPath: Self.demo(appending: extra)) }
            return error.issues.map { $0.field ?? "" }
        }
        // The demo's config has two [[compare]] entries already: these are the third.
        #expect(try issues("\n[[compare]]\nname = \"x\"\n") == ["compare[3].policy"])
        #expect(
            try issues("\n[[compare]]\nname = \"x\"\n[[compare.policy]]\nname = \"nope\"\nfrom = \"2015-01-01\"\n") == [
                "compare[3].policy[1].name"
            ])
        #expect(try issues(Self.sameAsMain + Self.sameAsMain) == ["compare[4].name"])
        #expect(
            try issues("\n[[compare]]\nname = \"x\"\ncolour = 1\n[[compare.policy]]\nname = \"legacy\"\nfrom = \"2015-01-01\"\n") == [
                "compare[3].colour"
            ])
        #expect(
            try issues(
                "\n[[compare]]\nname = \"x\"\n[[compare.policy]]\nname = \"response-weighted\"\nfrom = \"2015-01-01\"\nlow_rate = 101\n")
                == ["compare[3].policy[1].low_rate"])
    }

    @Test func whatIfPagesAreBuiltForEveryTeamAndSeat() async throws {
        let folder = TestSupport.copyOfFixture("transition")
        let config = try String(contentsOfFile: folder + "/allot.toml", encoding: .utf8)
        TestSupport.write(
            config + "\n[[compare]]\nname = \"<b>Legacy</b> *only*\"\n[[compare.policy]]\nname = \"legacy\"\nfrom = \"2014-10-01\"\n",
            to: folder + "/allot.toml")
        let project = try Project(configPath: folder + "/allot.toml")
        _ = try project.buildSite(into: folder + "/site")
        let site = folder + "/site"
        let (ledger, comparisons) = try project.replayWithComparisons()
        let files = TestSupport.files(under: site).keys.filter { $0.hasPrefix("what-if/") }
        let pages = Set(files.filter { !$0.hasSuffix(".csv") })
        // Each page's tables: figures and months, and the parts a summary or a team lists.
        #expect(
            Set(files.filter { $0.hasSuffix(".csv") }) == [
                "what-if/b-legacy-b-only/index.figures.csv", "what-if/b-legacy-b-only/index.months.csv",
                "what-if/b-legacy-b-only/index.parts.csv", "what-if/b-legacy-b-only/teams/acme.figures.csv",
                "what-if/b-legacy-b-only/teams/acme.months.csv", "what-if/b-legacy-b-only/teams/acme.parts.csv",
                "what-if/b-legacy-b-only/accounts/alice.figures.csv", "what-if/b-legacy-b-only/accounts/alice.months.csv",
                "what-if/b-legacy-b-only/accounts/bob.figures.csv", "what-if/b-legacy-b-only/accounts/bob.months.csv",
            ])
        #expect(
            pages == [
                "what-if/b-legacy-b-only/index.html", "what-if/b-legacy-b-only/index.json",
                "what-if/b-legacy-b-only/teams/acme.html", "what-if/b-legacy-b-only/teams/acme.json",
                "what-if/b-legacy-b-only/accounts/alice.html", "what-if/b-legacy-b-only/accounts/alice.json",
                "what-if/b-legacy-b-only/accounts/bob.html", "what-if/b-legacy-b-only/accounts/bob.json",
            ])
        // JSON twins hold the comparison's numbers; the page shows the name literally.
        let twin = try JSONDecoder().decode(
            CompareModel.self, from: Data(contentsOf: URL(fileURLWithPath: site + "/what-if/b-legacy-b-only/accounts/alice.json")))
        #expect(twin == CompareModel(comparisons[0], scope: .account("alice"), slugs: SiteSlugs(ledger)))
        let html = try String(contentsOfFile: site + "/what-if/b-legacy-b-only/accounts/alice.html", encoding: .utf8)
        #expect(html.contains("class=\"balance\"") && html.contains("class=\"alternative\""))
        #expect(
            try await TestSupport.siteProblems(
                site,
                onPages: [
                    ("index.html", "<b>Legacy</b> *only*"),
                    ("what-if/b-legacy-b-only/teams/acme.html", "<b>Legacy</b> *only*"),
                ]) == "")
        let index = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: site + "/index.json"))) as! [String: Any]
        #expect((index["comparisons"] as! [[String: String]]) == [["name": "<b>Legacy</b> *only*", "slug": "b-legacy-b-only"]])
    }

    /// The same policy under both timelines with one parameter changed: the what-if page
    /// names what differs (lifetime_days, and carry_over_days, which follows it unless
    /// set), not only the policy's name, and the twin lists every parameter of each span.
    @Test func aWhatIfPageNamesEveryParameterThatDiffers() throws {
        let config = Self.demo(
            appending: """

                [[compare]]
                name = "Longer lots"
                [[compare.policy]]
                name = "legacy"
                from = "2014-10-01"
                [[compare.policy]]
                name = "inmail-2015"
                from = "2015-01-01"
                lifetime_days = 180

                """)
        let folder = (config as NSString).deletingLastPathComponent
        _ = try Project(configPath: config).buildSite(into: folder + "/site")
        let html = try String(contentsOfFile: folder + "/site/what-if/longer-lots/index.html", encoding: .utf8)
        #expect(html.contains("<strong>As it was</strong>: legacy from 1 Oct 2014, then inmail-2015 from 1 Jan 2015."))
        #expect(
            html.contains(
                "<strong>What if</strong>: legacy from 1 Oct 2014, then inmail-2015 from 1 Jan 2015 with carry_over_days 180 (as it was: 90), lifetime_days 180 (as it was: 90)."
            ))
        let twin = try JSONDecoder().decode(
            CompareModel.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/site/what-if/longer-lots/index.json")))
        #expect(twin.alternative.map { $0.parameters["lifetime_days"] } == [.text("none"), .integer(180)])
        #expect(twin.base[1].parameters.count == 7 && twin.base[1].parameters["refund_on"] == .text("response"))
    }

    @Test func theCompareCommandPrintsTextOrTheWholeJSON() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: TestSupport.allotBinary))
        let config = Self.demo()
        let json = try await TestSupport.allot(["compare", "Legacy only", "--json", "--config", config])
        #expect(json.status == 0)
        let (ledger, comparisons) = try Self.project(config).replayWithComparisons(comparing: ["Legacy only"])
        let printed = try JSONDecoder().decode(CompareModel.self, from: json.output)
        #expect(printed == CompareModel(comparisons[0], scope: .all, slugs: SiteSlugs(ledger), detail: true))
        #expect(printed.accounts.allSatisfy { $0.months?.isEmpty == false })

        let text = try await TestSupport.allot(["compare", "Legacy only", "--account", "sam", "--config", config])
        #expect(text.status == 0)
        #expect(text.outputText.contains("What if: Legacy only for Sam Patel"))
        #expect(text.outputText.contains("closing balance              205         276         +71"))

        let unknown = try await TestSupport.allot(["compare", "Nope", "--config", config])
        #expect(unknown.status == 1)
        #expect(unknown.errorText.contains("has no comparison named \"Nope\"; the comparisons are \"Legacy only\", \"Response-weighted\""))
    }
}

extension ComparisonTests {
    /// Pages lead where a reader goes next: a statement's trail runs from the site down
    /// to the seat; a seat links its what-if pages, and each of those links back.
    @Test func seatsStatementsAndWhatIfPagesLinkEachOther() throws {
        let config = Self.demo()
        let site = (config as NSString).deletingLastPathComponent + "/site"
        _ = try Project(configPath: config).buildSite(into: site)
        let page = { (path: String) in try String(contentsOfFile: site + "/" + path, encoding: .utf8) }
        #expect(
            try page("accounts/maya/2015-03.html").contains(
                "<p><a href=\"../../index.html\">Seats and teams</a> › <a href=\"../../teams/northwind/index.html\">Northwind Talent</a> › <a href=\"../../accounts/maya/index.html\">Maya Chen</a></p>"
            ))
        #expect(
            try page("accounts/maya/index.html").contains(
                "<li><a href=\"../../what-if/legacy-only/accounts/maya.html\">Legacy only</a></li>"))
        #expect(
            try page("what-if/legacy-only/accounts/maya.html").contains(
                "See <a href=\"../../../accounts/maya/index.html\">Maya Chen's page as it is</a>"))
        #expect(
            try page("what-if/legacy-only/teams/helix.html").contains(
                "See <a href=\"../../../teams/helix/index.html\">Helix Research as it is</a>"))
    }
}
