import Foundation
import Testing

@testable import Allot

/// `[teams]` in allot.toml names teams on every page; a team without a name is `Team <id>`.
@Suite(.cleansScratch) struct TeamNamesTests {
    @Test func theTeamsTableReadsAndBadValuesAreNamed() throws {
        let config = try ProjectConfig.parse(
            "[teams]\nnorthwind = \"Northwind Talent\"\n\"Ünïcode team\" = \"<b>Ü & co</b>\"\n", file: "allot.toml")
        #expect(config.teamNames == ["northwind": "Northwind Talent", "Ünïcode team": "<b>Ü & co</b>"])
        let failure = try #require(throws: ImportFailure.self) {
            try ProjectConfig.parse("[teams]\nnorthwind = 3\nhelix = \" \"\n", file: "allot.toml")
        }
        #expect(
            failure.issues.map(\.description) == [
                "allot.toml: teams.helix: must not be empty",
                "allot.toml: teams.northwind: must be a string (the team's display name)",
            ])
        #expect(throws: ImportFailure.self) { try ProjectConfig.parse("teams = \"x\"\n", file: "allot.toml") }
    }

    /// The demo names helix; northwind's name is taken out, so it shows as `Team northwind`.
    @Test func pagesUseTheDisplayNameOrTeamAndTheId() throws {
        let config = ComparisonTests.demo()
        let text = try String(contentsOfFile: config, encoding: .utf8)
        TestSupport.write(
            text.replacingOccurrences(of: "northwind = \"Northwind Talent\"\n", with: "")
                .replacingOccurrences(of: "helix = \"Helix Research\"", with: "helix = \"Helix <Research> & \\\"Co\\\"\""),
            to: config)
        let site = (config as NSString).deletingLastPathComponent + "/site"
        _ = try Project(configPath: config).buildSite(into: site)
        func page(_ path: String) throws -> String { try String(contentsOfFile: site + "/" + path, encoding: .utf8) }
        let escaped = "Helix &lt;Research&gt; &amp; &quot;Co&quot;"
        #expect(try page("teams/helix/index.html").contains("<h1>\(escaped)</h1>"))
        #expect(try page("teams/northwind/index.html").contains("<h1>Team northwind</h1>"))
        #expect(try page("accounts/ana/index.html").contains("<a href=\"../../teams/helix/index.html\">\(escaped)</a>"))
        #expect(try page("accounts/maya/2015-03.html").contains("<a href=\"../../teams/northwind/index.html\">Team northwind</a>"))
        #expect(try page("index.html").contains("<a href=\"teams/helix/index.html\">\(escaped)</a>"))
        #expect(try page("index.html").contains("<a href=\"teams/northwind/index.html\">northwind</a>"))
        #expect(try page("teams/helix/warnings.html").contains("<h1>Expiry warnings: \(escaped)</h1>"))
        let team = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: site + "/teams/helix/index.json")))
                as? [String: Any])
        #expect(team["name"] as? String == "Helix <Research> & \"Co\"")
        #expect(team["team"] as? String == "helix")
        let csv = try page("index.teams.csv")
        #expect(csv.contains("\r\n\"Helix <Research> & \"\"Co\"\"\",4,"))
    }
}
