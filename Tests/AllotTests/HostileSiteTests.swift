import Foundation
import Testing

@testable import Allot

/// Names, notes and ids full of markup land on every page as plain text, and ids
/// cannot steer files out of the site or onto each other.
@Suite(.cleansScratch) struct HostileSiteTests {
    static let names = [
        "<script>alert(1)</script>", "*bold* [x](javascript:alert(1))", "    indented", "Line\nBreak",
        "# heading", "1. item", "> quote", "&amp; entity", "{{mustache}} \\*", "\u{202E}evil\u{202C} 😀 é",
        String(repeating: "<b>A</b> é😀\u{301} ", count: 7_700),
    ]
    static let ids = [
        "../../etc/passwd", ".", "CON", "a/b", "Ann", "ann", "<i>x</i>", "back\\slash", "ok", "李",
        String(repeating: "long/../", count: 12_500),
    ]
    static let note =
        "<img src=x onerror=alert(1)> [click](javascript:alert(1))\n\n# not a heading"
        + String(repeating: " *x* <i>", count: 12_500)
    static let team = "<b>team</b> ../../x"

    func build() throws -> (site: String, folder: String) {
        let folder = TestSupport.scratch()
        TestSupport.write(
            """
            title = "<script>alert('title')</script>"
            sources = ["seats.csv", "events.csv"]
            [[policy]]
            name = "inmail-2015"
            from = "2015-01-01"
            """, to: folder + "/allot.toml")
        var seats = CSVText(header: ["account", "name", "team", "email", "opened", "closed"])
        for (id, name) in zip(Self.ids, Self.names) { seats.append([id, name, Self.team, "", "2015-01-01", ""]) }
        TestSupport.write(seats.text, to: folder + "/seats.csv")
        var events = CSVText(header: ["id", "time", "type", "account", "message", "to", "amount", "note"])
        events.append(["<e1>", "2015-01-05T10:00:00Z", "share", Self.ids[0], "", Self.ids[1], "5", Self.note])
        events.append(["e2 \"quoted\"", "2015-01-06T10:00:00Z", "grant", Self.ids[2], "", "", "7", Self.note])
        events.append(["e3", "2015-03-20T10:00:00Z", "send", Self.ids[3], "<i>msg</i>\n\n<script>", "", "", ""])
        events.append(["<e4 rejected>", "2015-01-07T10:00:00Z", "share", Self.ids[0], "", Self.ids[1], "1000", Self.note])
        TestSupport.write(events.text, to: folder + "/events.csv")
        let project = try Project(configPath: folder + "/allot.toml")
        _ = try project.buildSite(into: folder + "/site", asOf: try InstantParser(calendar: .utc).parseEnd("2015-04-10").get())
        return (folder + "/site", folder)
    }

    @Test func markupInDataIsShownLiterallyOnEveryPage() async throws {
        let (site, _) = try build()
        let literals =
            Self.names + [
                Self.note, Self.team, "<e1>", "e2 \"quoted\"", "<i>msg</i>\n\n<script>",
                "<script>alert('title')</script>",
            ] + Self.ids
        let index = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: site + "/index.json"))) as! [String: Any]
        let teamSlug = (index["teams"] as! [[String: Any]])[0]["slug"] as! String
        var pairs: [(page: String, text: String)] = [
            ("index.html", Self.team), ("warnings/index.html", Self.team),
            ("teams/\(teamSlug)/warnings.html", Self.names[3]),
        ]
        for a in try Self.members(site, teamSlug) {
            let slug = a["slug"] as! String, name = a["name"] as! String
            for page in ["index", "2015-01", "2015-04"] { pairs.append(("accounts/\(slug)/\(page).html", name)) }
            pairs.append(("teams/\(teamSlug)/index.html", name))
            pairs.append(("accounts/\(slug)/index.html", a["account"] as! String))
        }
        pairs.append(("teams/\(teamSlug)/index.html", Self.note))
        pairs.append(("teams/\(teamSlug)/index.html", "<e1>"))
        pairs.append(("teams/\(teamSlug)/index.html", "<e4 rejected>"))
        #expect(try await TestSupport.siteProblems(site, literals: literals, onPages: pairs) == "")
    }

    @Test func jsonTwinsHoldTheValuesExactly() throws {
        let (site, _) = try build()
        let index = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: site + "/index.json"))) as! [String: Any]
        #expect((index["teams"] as! [[String: Any]]).map { $0["id"] as! String } == [Self.team])
        let teamSlug = (index["teams"] as! [[String: Any]])[0]["slug"] as! String
        let members = try Self.members(site, teamSlug)
        let byId = Dictionary(uniqueKeysWithValues: members.map { ($0["account"] as! String, $0["name"] as! String) })
        for (id, name) in zip(Self.ids, Self.names) { #expect(byId[id] == name) }
    }

    /// The members listed in a team page's JSON twin.
    static func members(_ site: String, _ teamSlug: String) throws -> [[String: Any]] {
        let team =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: site + "/teams/\(teamSlug)/index.json")))
            as! [String: Any]
        return team["members"] as! [[String: Any]]
    }

    @Test func idsNeverLeaveTheSiteOrOverwriteEachOther() throws {
        let (site, folder) = try build()
        let files = TestSupport.files(under: site)
        let accountPages = files.keys.filter { $0.hasPrefix("accounts/") && $0.hasSuffix("/index.html") }
        #expect(accountPages.count == Self.ids.count)
        #expect(files.keys.allSatisfy { $0.split(separator: "/").allSatisfy { $0 != ".." && $0 != "." } })
        // Nothing was written beside the site but the ledger's own files.
        let beside = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(beside == [".allot", "allot.toml", "events.csv", "seats.csv", "site"])
        let slugs = accountPages.map { $0.split(separator: "/")[1] }
        #expect(slugs.allSatisfy { $0.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") } })
    }
}
