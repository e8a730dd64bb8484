import Foundation
import Testing

@testable import Allot

/// What every page carries besides its content: the favicon, a title naming the seat and
/// month, and the index's filter script (on the index only, with the page whole without it).
@Suite(.cleansScratch) struct SiteBuildChromeTests {
    static func site() throws -> String {
        let folder = TestSupport.copyOfFixture("transition")
        _ = try Project(configPath: folder + "/allot.toml").buildSite(into: folder + "/site")
        return folder + "/site"
    }

    static func pages(_ site: String) throws -> [String: String] {
        try TestSupport.files(under: site).keys.filter { $0.hasSuffix(".html") }.reduce(into: [:]) { pages, path in
            pages[path] = try String(contentsOfFile: site + "/" + path, encoding: .utf8)
        }
    }

    @Test func everyPageLinksTheFavicon() throws {
        let site = try Self.site()
        #expect(FileManager.default.fileExists(atPath: site + "/assets/favicon.svg"))
        // A notice preview is the email as sent, in its own layout.
        for (path, html) in try Self.pages(site) where !path.hasPrefix("notices/") {
            let root = String(repeating: "../", count: path.split(separator: "/").count - 1)
            #expect(html.contains("<link rel=\"icon\" href=\"\(root)assets/favicon.svg\" type=\"image/svg+xml\">"), "\(path)")
        }
    }

    @Test func titlesNameTheSeatAndMonth() throws {
        let pages = try Self.pages(try Self.site())
        #expect(pages["accounts/bob/2015-03.html"]!.contains("<title>Bob — March 2015 statement · t</title>"))
        #expect(pages["accounts/alice/2014-10.html"]!.contains("<title>Alice — October 2014 statement · t</title>"))
        #expect(pages["accounts/alice/index.html"]!.contains("<title>Alice — balance and statements · t</title>"))
        #expect(pages["teams/acme/index.html"]!.contains("<title>Team acme · t</title>"))
    }

    @Test func filterScriptOnTheIndexOnly() throws {
        let site = try Self.site()
        let pages = try Self.pages(site)
        #expect(FileManager.default.fileExists(atPath: site + "/assets/filter.js"))
        for (path, html) in pages where path != "index.html" { #expect(!html.contains("filter.js"), "\(path)") }
        let index = pages["index.html"]!
        #expect(index.contains("<script src=\"assets/filter.js\" defer></script>"))
        // Without the script: the box stays hidden, and every team and seat is in the HTML.
        #expect(index.contains("<p class=\"filter\" hidden>"))
        #expect(index.contains("<tr><td><a href=\"teams/acme/index.html\">acme</a></td>"))
        #expect(index.contains("<li><a href=\"accounts/alice/index.html\">Alice</a> <span class=\"team\">acme</span></li>"))
        #expect(
            index.contains(
                "<li><a href=\"accounts/bob/index.html\">Bob</a> <span class=\"team\">acme</span> <span class=\"tag\">closed</span></li>"))
    }
}
