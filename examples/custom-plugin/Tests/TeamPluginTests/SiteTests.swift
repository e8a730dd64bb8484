import Allot
import Foundation
import TeamPlugin
import Testing

/// The example ledger built end to end, as `team-site` builds it.
@Suite struct SiteTests {
    let site: String

    init() throws {
        let scratch = try Support.scratch()
        site = scratch + "/site"
        // The store goes to the scratch folder, so the example's ledger folder stays clean.
        let project = try Project(configPath: Support.packageRoot + "/ledger/allot.toml",
                                  storePath: scratch + "/ledger.sqlite", registry: .withTeamPlugin)
        _ = try project.buildSite(into: site, templates: Support.packageRoot + "/templates", reports: TeamPlugin.reports)
    }

    @Test func theLeaderboardHasAPageAndAJSONTwin() throws {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: site + "/leaderboard/index.json")))
        let model = try #require(json as? [String: Any])
        #expect(model["kind"] as? String == "leaderboard")
        #expect(model["asOf"] as? String == "2015-04-30T22:00:00Z") // the end of 30 April in Berlin
        let entries = try #require(model["entries"] as? [[String: Any]])
        // Worked out from ledger/events.csv; see the README's table.
        #expect(entries.map { "\($0["rank"]!) \($0["account"]!) \($0["refunded"]!) \($0["answered"]!)/\($0["sent"]!)" } == [
            "1 ines 3 4/4", "2 kai 3 3/4", "3 omar 3 3/5", "4 lena 1 1/2", "5 ruth 0 0/0",
        ])
        #expect(entries.first { $0["account"] as? String == "lena" }?["closed"] as? Bool == true)

        // Every key the schema requires is there, and no other.
        let schemaData = try Data(contentsOf: URL(fileURLWithPath: site + "/schema/leaderboard.schema.json"))
        let schema = try #require(try JSONSerialization.jsonObject(with: schemaData) as? [String: Any])
        #expect(Set(model.keys) == Set(schema["required"] as? [String] ?? []))
        let item = (schema["properties"] as? [String: Any])?["entries"] as? [String: Any]
        let itemKeys = Set((item?["items"] as? [String: Any])?["required"] as? [String] ?? [])
        for entry in entries { #expect(Set(entry.keys) == itemKeys) }
    }

    @Test func theLeaderboardListsEverySeatWithMarkupShownAsText() throws {
        let html = try Support.read(site + "/leaderboard/index.html")
        for name in ["Omar Haddad", "Kai Wong", "Lena Fischer", "Ruth Asante"] { #expect(html.contains(name)) }
        // The seat named `<b>Ines</b> Duarte` shows its name as typed, in the table (an
        // HTML partial) and in the "first place" sentence (Markdown): never as bold text.
        #expect(html.components(separatedBy: "&lt;b&gt;Ines&lt;/b&gt; Duarte").count == 3)
        #expect(!html.contains("<b>Ines</b>"))
        #expect(html.contains(#"<a href="../accounts/ines/index.html">&lt;b&gt;Ines&lt;/b&gt; Duarte</a>"#))
        #expect(html.contains("<title>Response leaderboard · Acme Hiring: InMail credits</title>"))
    }

    /// `layout.html` in the templates folder replaced the default one by file name; the
    /// templates the folder does not have kept their defaults.
    @Test func theOverriddenLayoutLinksTheLeaderboardFromEveryPage() throws {
        let index = try Support.read(site + "/index.html")
        #expect(index.contains(#"<a href="leaderboard/index.html">Leaderboard</a>"#))
        let account = try Support.read(site + "/accounts/ines/index.html")
        #expect(account.contains(#"<a href="../../leaderboard/index.html">Leaderboard</a>"#))
        #expect(account.contains("&lt;b&gt;Ines&lt;/b&gt; Duarte"))
        #expect(FileManager.default.fileExists(atPath: site + "/teams/sales/index.json"))
        #expect(FileManager.default.fileExists(atPath: site + "/schema/team.schema.json"))
    }
}
