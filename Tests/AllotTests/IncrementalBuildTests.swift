import Foundation
import Testing

@testable import Allot

/// An incremental build's output is byte-identical to a clean build's, after a sequence
/// of imports touching different teams, config edits and template edits.
@Suite(.cleansScratch) struct IncrementalBuildTests {
    @Test func incrementalBuildsEqualACleanBuild() throws {
        let ledger = TestSupport.scratch()
        for file in SyntheticLedger(accounts: 12, months: 6, seed: 11).files() {
            TestSupport.write(file.text, to: ledger + "/" + file.name)
        }
        let config = ledger + "/allot.toml"
        // The first seat of the first team and of the last: two imports touch two teams.
        let seats = try String(contentsOfFile: ledger + "/seats.csv", encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let (firstSeat, lastSeat) = (seats.first!, seats.first { $0[2] == seats.last![2] }!)
        #expect(firstSeat[2] != lastSeat[2])
        let templates = TestSupport.scratch()
        let site = ledger + "/site"
        func build() throws -> SiteWriter.Summary {
            try Project(configPath: config).buildSite(into: site, templates: templates)
        }
        _ = try build()

        // A new export for one seat.
        TestSupport.write(
            "id,time,type,account,message,to,amount,note\nx1,2015-03-02T10:00:00Z,grant,\(firstSeat[0]),,,40,top-up\n",
            to: ledger + "/export1.csv")
        let text = try String(contentsOfFile: config, encoding: .utf8)
        TestSupport.write(
            text.replacingOccurrences(
                of: "sources = [\"seats.csv\", \"events.csv\"]",
                with: "sources = [\"seats.csv\", \"events.csv\", \"export1.csv\"]"), to: config)
        let afterExport = try build()
        #expect(afterExport.written > 0)
        #expect(afterExport.unchanged > afterExport.written)

        // A template edit, then another, then back.
        TestSupport.write("# {{month}} for {{name}}\n\n{{> entries}}\n", to: templates + "/statement.md")
        _ = try build()
        TestSupport.write("## Team {{name}}\n", to: templates + "/team.md")
        _ = try build()
        try FileManager.default.removeItem(atPath: templates + "/statement.md")
        _ = try build()

        // Config edits: a shorter warning horizon, and a new title then the old one.
        let original = try String(contentsOfFile: config, encoding: .utf8)
        TestSupport.write(original.replacingOccurrences(of: "warn_days = 30", with: "warn_days = 21"), to: config)
        _ = try build()
        let shorter = try String(contentsOfFile: config, encoding: .utf8)
        TestSupport.write(shorter.replacingOccurrences(of: "title = \"", with: "title = \"Renamed "), to: config)
        _ = try build()
        TestSupport.write(shorter, to: config)
        _ = try build()

        // A second export touching a seat of another team.
        TestSupport.write(
            "id,time,type,account,message,to,amount,note\nx2,2015-02-10T10:00:00Z,adjust,\(lastSeat[0]),,,-3,fix\n",
            to: ledger + "/export2.csv")
        let withOne = try String(contentsOfFile: config, encoding: .utf8)
        TestSupport.write(withOne.replacingOccurrences(of: "\"export1.csv\"]", with: "\"export1.csv\", \"export2.csv\"]"), to: config)
        _ = try build()

        // A clean build of the same inputs in a new store and folder.
        let clean = TestSupport.scratch()
        for name in ["allot.toml", "seats.csv", "events.csv", "export1.csv", "export2.csv"] {
            try FileManager.default.copyItem(atPath: ledger + "/" + name, toPath: clean + "/" + name)
        }
        _ = try Project(configPath: clean + "/allot.toml").buildSite(into: clean + "/site", templates: templates)
        // The build key and the team cache name store revisions, which count imports.
        let caches: Set<String> = [".allot-build-key", ".allot-teams"]
        let incremental = TestSupport.files(under: site).filter { !caches.contains($0.key) }
        let fresh = TestSupport.files(under: clean + "/site").filter { !caches.contains($0.key) }
        #expect(Set(incremental.keys) == Set(fresh.keys))
        #expect(incremental == fresh)
    }

    /// The monthly job: a new month's export and `as_of` moved to its end, then a
    /// corrected export of an old month. Each build keeps the files of the finished months
    /// that did not change and writes what a clean build of the same inputs writes.
    /// A synthetic ledger of 10 seats, October to February in events.csv with as_of at the
    /// end of February, and March's rows held back (the header first).
    func ledgerWithMarchHeldBack() throws -> (ledger: String, header: String, march: [String], before: [String]) {
        let ledger = TestSupport.scratch()
        var events = ""
        for file in SyntheticLedger(accounts: 10, months: 6, seed: 5).files() {
            if file.name == "events.csv" { events = file.text; continue }
            let text =
                file.name == "allot.toml"
                ? file.text.replacingOccurrences(of: "warn_days = 30", with: "warn_days = 30\nas_of = \"2015-02-28\"") : file.text
            TestSupport.write(text, to: ledger + "/" + file.name)
        }
        let lines = events.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = lines[0], rows = lines.dropFirst().filter { !$0.isEmpty }
        // The time is the second field; its local date says the month.
        let march = rows.filter { $0.split(separator: ",")[1].hasPrefix("2015-03") }
        let before = rows.filter { !$0.split(separator: ",")[1].hasPrefix("2015-03") }
        #expect(!march.isEmpty && !before.isEmpty)
        TestSupport.write(([header] + before).joined(separator: "\n") + "\n", to: ledger + "/events.csv")
        return (ledger, header, march, Array(before))
    }

    /// March's export arrives in `ledger`, and as_of moves to its end.
    func addMarch(_ ledger: String, header: String, march: [String]) throws {
        let config = ledger + "/allot.toml"
        TestSupport.write(([header] + march).joined(separator: "\n") + "\n", to: ledger + "/march.csv")
        let text = try String(contentsOfFile: config, encoding: .utf8)
        TestSupport.write(
            text.replacingOccurrences(of: "as_of = \"2015-02-28\"", with: "as_of = \"2015-03-31\"")
                .replacingOccurrences(
                    of: "sources = [\"seats.csv\", \"events.csv\"]", with: "sources = [\"seats.csv\", \"events.csv\", \"march.csv\"]"),
            to: config)
    }

    @Test func aMonthlyUpdateAndACorrectedMonthEqualACleanBuild() throws {
        let (ledger, header, march, before) = try ledgerWithMarchHeldBack()
        let config = ledger + "/allot.toml", site = ledger + "/site"
        func build() throws -> SiteWriter.Summary { try Project(configPath: config).buildSite(into: site) }
        let first = try build()

        try addMarch(ledger, header: header, march: march)
        let update = try build()
        // The finished months before January (settled 30 days before as-of) are kept.
        #expect(update.unchanged > first.written / 2, "\(update) after \(first)")
        try expectSameAsACleanBuild(ledger, files: ["seats.csv", "events.csv", "march.csv"])

        // A corrected export: November's first send that got no answer is taken out.
        let fields = (before + march).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let answered = Set(fields.filter { $0[2] == "accept" || $0[2] == "decline" }.map { $0[4] })
        let november = try #require(
            before.firstIndex {
                let f = $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                return f[1].hasPrefix("2014-11") && f[2] == "send" && !answered.contains(f[4])
            })
        var corrected = Array(before)
        corrected.remove(at: november)
        TestSupport.write(([header] + corrected).joined(separator: "\n") + "\n", to: ledger + "/events.csv")
        let correction = try build()
        #expect(correction.written > 0)
        try expectSameAsACleanBuild(ledger, files: ["seats.csv", "events.csv", "march.csv"])
    }

    /// The same monthly update built as three shards and a merge: the shards render the
    /// new month and the months still settling, not the finished months, whose files
    /// stay in the site; the merged site is what a clean build of the same inputs writes.
    @Test func aShardedMonthlyUpdateKeepsTheFinishedMonthsAndEqualsACleanBuild() throws {
        let held = try ledgerWithMarchHeldBack()
        let config = held.ledger + "/allot.toml", site = held.ledger + "/site"
        /// Runs the three shards; what they staged, then merges.
        func sharded(beforeTheMerge: () throws -> Void = {}) throws -> [String] {
            let project = try Project(configPath: config)
            for k in 0..<3 { _ = try project.buildShard(BuildShard(index: k, count: 3)!, into: site) }
            let shards = site + "/" + Project.shardsFolderName
            let staged = try FileManager.default.subpathsOfDirectory(atPath: shards)
            try beforeTheMerge()
            _ = try project.mergeShards(count: 3, into: site)
            return staged
        }
        let first = try sharded()
        // October's statements are final by the end of February (settled on 29 January).
        #expect(first.contains { $0.hasSuffix("/2014-10.html") })
        try addMarch(held.ledger, header: held.header, march: held.march)
        // A finished month a shard left in the site, changed before the merge: refused.
        let october = try #require(
            FileManager.default.subpathsOfDirectory(atPath: site).first { $0.hasSuffix("/2014-10.html") })
        let bytes = try #require(FileManager.default.contents(atPath: site + "/" + october))
        let refusal = #expect(throws: AllotError.self) {
            try sharded(beforeTheMerge: { TestSupport.write(String(decoding: bytes, as: UTF8.self) + " ", to: site + "/" + october) })
        }
        #expect(refusal?.message.contains("left the finished statements of team") == true, "\(String(describing: refusal))")
        let update = try sharded()
        #expect(update.contains { $0.hasSuffix("/2015-03.html") })
        // Only the October page changed in the site is rendered again, and put right.
        let octobers = update.filter { $0.hasSuffix("/2014-10.html") }
        #expect(octobers.count == 1 && octobers.first?.hasSuffix("/" + october) == true, "\(octobers)")
        try expectSameAsACleanBuild(held.ledger, files: ["seats.csv", "events.csv", "march.csv"])
    }

    /// The site in `ledger` is, but for the build's own records, what a clean build of the
    /// same config and `files` in a new store and folder writes.
    func expectSameAsACleanBuild(_ ledger: String, files: [String]) throws {
        let clean = TestSupport.scratch()
        for name in ["allot.toml"] + files {
            try FileManager.default.copyItem(atPath: ledger + "/" + name, toPath: clean + "/" + name)
        }
        _ = try Project(configPath: clean + "/allot.toml").buildSite(into: clean + "/site")
        let caches: Set<String> = [".allot-build-key", ".allot-teams"]
        let incremental = TestSupport.files(under: ledger + "/site").filter { !caches.contains($0.key) }
        let fresh = TestSupport.files(under: clean + "/site").filter { !caches.contains($0.key) }
        #expect(Set(incremental.keys) == Set(fresh.keys))
        #expect(incremental.keys.sorted().filter { incremental[$0] != fresh[$0] } == [])
    }
}
