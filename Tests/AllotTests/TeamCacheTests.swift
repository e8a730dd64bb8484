import AllotSite
import Foundation
import Testing

@testable import Allot

/// `.allot-teams` writes each page's files once (the page and the endings of its files)
/// and a final page's record as its key: what is read back is what was written, and the
/// line a reused team keeps is the one its entry is written as.
@Suite(.cleansScratch) struct TeamCacheTests {
    @Test func aFileIsSplitAtTheFirstDotOfItsLastPart() {
        #expect(TeamCache.Entry.split("accounts/ana/2015-01.summary.csv") == ("accounts/ana/2015-01", ".summary.csv"))
        #expect(TeamCache.Entry.split("teams/helix/index.html") == ("teams/helix/index", ".html"))
        #expect(TeamCache.Entry.split("notices/ana.v1.2/mail.eml") == ("notices/ana.v1.2/mail", ".eml"))
        #expect(TeamCache.Entry.split("index.json") == ("index", ".json"))
        #expect(TeamCache.Entry.split("a/README") == ("a/README", ""))
        #expect(TeamCache.Entry.split("a/b.") == ("a/b", "."))
    }

    /// Every team of a built demo: its entry, written and read back, has the same files in
    /// the same order and the same records, and no record lists a file the team lacks.
    @Test func entriesReadBackAsTheyWereWritten() throws {
        let config = ComparisonTests.demo(), site = (config as NSString).deletingLastPathComponent + "/site"
        _ = try Project(configPath: config).buildSite(into: site)
        let lines = TeamCache(folder: site).read()
        // A team reused by a build keeps the line it was read from: the line its entry
        // would be written as.
        for line in lines.values { #expect(try TeamCache.Line(line.entry).bytes == line.bytes) }
        let entries = lines.mapValues(\.entry)
        #expect(entries.count == 2)
        #expect(entries.values.contains { !$0.pages.isEmpty })
        // A page without a dot in its name and one ending in a dot survive too.
        var odd = try #require(entries.values.first)
        odd.paths = (odd.paths + ["accounts/x/README", "accounts/x/y."]).sorted()
        for entry in Array(entries.values) + [odd] {
            let back = try #require(TeamCache.entries(try TeamCache.contents([entry]))?.first)
            #expect(back.paths == entry.paths)
            #expect(back.key == entry.key && back.team == entry.team && back.summary == entry.summary)
            #expect(back.pages.mapValues(\.key) == entry.pages.mapValues(\.key))
            #expect(back.pages.mapValues { Set($0.files) } == entry.pages.mapValues { Set($0.files) })
            #expect(back.pages.values.allSatisfy { Set($0.files).isSubset(of: entry.paths) })
        }
    }
}
