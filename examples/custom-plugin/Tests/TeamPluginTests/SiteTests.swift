import Allot
import Foundation
import TeamPlugin
import Testing

/// The example ledger built end to end, as `team-site` builds it: team by team, then the
/// site-wide pages.
@Suite struct SiteTests {
    let site: String

    init() throws {
        let scratch = try Support.scratch()
        site = scratch + "/site"
        // The store goes to the scratch folder, so the example's ledger folder stays clean.
        let project = try Project(
            configPath: Support.packageRoot + "/ledger/allot.toml",
            storePath: scratch + "/ledger.sqlite", registry: .withTeamPlugin)
        _ = try project.buildSite(into: site, templates: Support.packageRoot + "/templates", reports: TeamPlugin.reports)
    }

    func json(_ path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: site + "/" + path))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// The keys a schema requires at the top level and in the items of the array `list`.
    func requiredKeys(_ kind: String, list: String) throws -> (top: Set<String>, item: Set<String>) {
        let schema = try json("schema/\(kind).schema.json")
        let items = ((schema["properties"] as? [String: Any])?[list] as? [String: Any])?["items"] as? [String: Any]
        return (Set(schema["required"] as? [String] ?? []), Set(items?["required"] as? [String] ?? []))
    }

    /// Every `href` in a page, resolved from the page's folder to a path from the site root.
    func links(in page: String) throws -> [String] {
        let html = try Support.read(site + "/" + page)
        let regex = try NSRegularExpression(pattern: #"href="([^"]*)""#)
        let base = URL(fileURLWithPath: site + "/" + page).deletingLastPathComponent()
        return regex.matches(in: html, range: NSRange(html.startIndex..., in: html)).map { match in
            let href = String(html[Range(match.range(at: 1), in: html)!].prefix { $0 != "#" })
            let target = base.appendingPathComponent(href).standardizedFileURL.path
            return target.hasPrefix(site + "/") ? String(target.dropFirst(site.count + 1)) : target
        }
    }

    @Test func eachTeamHasABoardAndAJSONTwin() throws {
        let (top, item) = try requiredKeys("leaderboard", list: "entries")
        // Worked out from ledger/events.csv; see the README's table. Each team is ranked on its own.
        let expected = [
            "sales": ["1 ines 3 4/4", "2 omar 3 3/5"],
            "tech": ["1 kai 3 3/4", "2 lena 1 1/2", "3 ruth 0 0/0"],
        ]
        for (team, lines) in expected {
            let model = try json("leaderboard/\(team).json")
            #expect(model["kind"] as? String == "leaderboard")
            #expect(model["team"] as? String == team)
            #expect(model["asOf"] as? String == "2015-04-30T22:00:00Z")  // the end of 30 April in Berlin
            #expect(model["timeZone"] as? String == "Europe/Berlin")
            let entries = try #require(model["entries"] as? [[String: Any]])
            #expect(entries.map { "\($0["rank"]!) \($0["account"]!) \($0["refunded"]!) \($0["answered"]!)/\($0["sent"]!)" } == lines)
            #expect(entries.allSatisfy { $0["team"] as? String == team })
            // Every key the schema requires is there, and no other.
            #expect(Set(model.keys) == top)
            for entry in entries { #expect(Set(entry.keys) == item) }
            #expect(FileManager.default.fileExists(atPath: site + "/leaderboard/\(team).html"))
        }
        let lena = try #require(
            (try json("leaderboard/tech.json")["entries"] as? [[String: Any]])?.first { $0["account"] as? String == "lena" })
        #expect(lena["closed"] as? Bool == true)
    }

    @Test func theIndexListsEachTeamOnce() throws {
        let model = try json("leaderboard/index.json")
        #expect(model["kind"] as? String == "leaderboard-index")
        #expect(model["asOf"] as? String == "2015-04-30T22:00:00Z")
        let teams = try #require(model["teams"] as? [[String: Any]])
        #expect(
            teams.map { "\($0["team"]!) \($0["slug"]!) \($0["path"]!) \($0["seats"]!)" } == [
                "sales sales leaderboard/sales 2", "tech tech leaderboard/tech 3",
            ])
        let (top, item) = try requiredKeys("leaderboard-index", list: "teams")
        #expect(Set(model.keys) == top)
        for team in teams { #expect(Set(team.keys) == item) }

        // The page links each board once, and nothing else under leaderboard/ is a board.
        let boards = try links(in: "leaderboard/index.html").filter { $0.hasPrefix("leaderboard/") && $0 != "leaderboard/index.html" }
        #expect(boards == ["leaderboard/sales.html", "leaderboard/tech.html"])
        let written = try FileManager.default.contentsOfDirectory(atPath: site + "/leaderboard").sorted()
        #expect(written == ["index.html", "index.json", "sales.html", "sales.json", "tech.html", "tech.json"])
    }

    /// Every link on the leaderboard pages leads to a file of the site.
    @Test func everyLeaderboardLinkResolves() throws {
        for page in ["leaderboard/index.html", "leaderboard/sales.html", "leaderboard/tech.html"] {
            let targets = try links(in: page)
            #expect(!targets.isEmpty)
            for target in targets {
                #expect(!target.hasPrefix("/"), "\(page) links outside the site: \(target)")
                #expect(FileManager.default.fileExists(atPath: site + "/" + target), "\(page) links to a missing \(target)")
            }
        }
        // Each board links its own seats' pages, the list of boards, the index and its team's page.
        let sales = try links(in: "leaderboard/sales.html")
        for target in [
            "accounts/ines/index.html", "accounts/omar/index.html", "leaderboard/index.html", "index.html",
            "teams/sales/index.html",
        ] {
            #expect(sales.contains(target), "leaderboard/sales.html does not link \(target)")
        }
        #expect(!sales.contains("accounts/kai/index.html"))
    }

    @Test func aBoardListsItsTeamWithMarkupShownAsText() throws {
        let html = try Support.read(site + "/leaderboard/sales.html")
        #expect(html.contains("Omar Haddad"))
        for name in ["Kai Wong", "Lena Fischer", "Ruth Asante"] { #expect(!html.contains(name)) }
        // The seat named `<b>Ines</b> Duarte` shows its name as typed, in the table (an
        // HTML partial) and in the "first place" sentence (Markdown): never as bold text.
        #expect(html.components(separatedBy: "&lt;b&gt;Ines&lt;/b&gt; Duarte").count == 3)
        #expect(!html.contains("<b>Ines</b>"))
        #expect(html.contains(#"<a href="../accounts/ines/index.html">&lt;b&gt;Ines&lt;/b&gt; Duarte</a>"#))
        #expect(html.contains("<title>Response leaderboard: team sales · Acme Hiring: InMail credits</title>"))

        let tech = try Support.read(site + "/leaderboard/tech.html")
        for name in ["Kai Wong", "Lena Fischer", "Ruth Asante"] { #expect(tech.contains(name)) }
        #expect(!tech.contains("Ines") && !tech.contains("Omar"))
    }

    /// `layout.html` in the templates folder replaced the default one by file name; the
    /// templates the folder does not have kept their defaults.
    @Test func theOverriddenLayoutLinksTheLeaderboardFromEveryPage() throws {
        let index = try Support.read(site + "/index.html")
        #expect(index.contains(#"<a href="leaderboard/index.html">Leaderboard</a>"#))
        let account = try Support.read(site + "/accounts/ines/index.html")
        #expect(account.contains(#"<a href="../../leaderboard/index.html">Leaderboard</a>"#))
        #expect(account.contains("&lt;b&gt;Ines&lt;/b&gt; Duarte"))
        let board = try Support.read(site + "/leaderboard/tech.html")
        #expect(board.contains(#"<a href="../leaderboard/index.html">Leaderboard</a>"#))
        #expect(FileManager.default.fileExists(atPath: site + "/teams/sales/index.json"))
        #expect(FileManager.default.fileExists(atPath: site + "/schema/team.schema.json"))
    }
}
