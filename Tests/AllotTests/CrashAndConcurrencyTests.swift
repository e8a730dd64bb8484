import Foundation
import Testing
@testable import Allot

extension ProcessHeavyTests {
/// The built `allot` binary run as separate processes: killed mid-import, or racing
/// another import, the store holds each file wholly or not at all.
@Suite(.serialized) struct CrashAndConcurrencyTests {
    static var binary: String {
        Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("allot").path
    }

    /// A ledger folder with seats.csv and the events of `teams` split into named files.
    static func ledger(accounts: Int = 60, months: Int = 6) -> (folder: String, header: String, byTeam: [String: [String]]) {
        let folder = TestSupport.scratch()
        let files = SyntheticLedger(accounts: accounts, months: months, seed: 5).files()
        for f in files where f.name != "events.csv" {
            TestSupport.write(f.text.replacingOccurrences(of: "sources = [\"seats.csv\", \"events.csv\"]", with: "sources = [\"seats.csv\"]"),
                              to: folder + "/" + f.name)
        }
        let seats = files[1].text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let teamOf = Dictionary(uniqueKeysWithValues: seats.map { (String($0[0]), String($0[2])) })
        var sender: [String: String] = [:]
        let lines = files[2].text.split(separator: "\n").map(String.init)
        var byTeam: [String: [String]] = [:]
        for line in lines.dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if f[2] == "send" { sender[f[4]] = f[3] }
            let account = f[3].isEmpty ? sender[f[4]]! : f[3]
            byTeam[teamOf[account]!, default: []].append(line)
        }
        return (folder, lines[0], byTeam)
    }

    func run(_ arguments: [String], wait: Bool = true) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.binary)
        p.arguments = arguments
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        if wait { p.waitUntilExit() }
        return p
    }

    @Test func killingAnImportLeavesTheFileWhollyInOrOut() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary))
        let (folder, header, byTeam) = Self.ledger()
        let rows = byTeam.keys.sorted().flatMap { byTeam[$0]! }
        TestSupport.write(([header] + rows).joined(separator: "\n") + "\n", to: folder + "/all.csv")
        let config = folder + "/allot.toml"
        #expect(try run(["import", "--config", config, folder + "/seats.csv"]).terminationStatus == 0)
        let store = try LedgerStore(path: folder + "/.allot/ledger.sqlite")
        var random = SplitMix64(seed: 9)
        var killedMidway = 0
        for _ in 0..<6 {
            let p = try run(["import", "--config", config, folder + "/all.csv"], wait: false)
            usleep(UInt32.random(in: 20_000...900_000, using: &random))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let events = try store.counts().events
            #expect(events == 0 || events == rows.count, "a killed import left \(events) of \(rows.count) events")
            if events == 0 { killedMidway += 1 } else { break }
        }
        #expect(try run(["import", "--config", config, folder + "/all.csv"]).terminationStatus == 0)
        #expect(try store.counts().events == rows.count)
        #expect(try run(["check", "--config", config]).terminationStatus == 0)
        #expect(killedMidway > 0, "no kill landed during an import; the test proved nothing")
    }

    @Test func twoImportsOfOverlappingFilesAtOnceLoseAndDuplicateNothing() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary))
        let (folder, header, byTeam) = Self.ledger()
        let teams = byTeam.keys.sorted()
        let cut = teams.count / 3
        let first = teams[..<(2 * cut)].flatMap { byTeam[$0]! }, second = teams[cut...].flatMap { byTeam[$0]! }
        TestSupport.write(([header] + first).joined(separator: "\n") + "\n", to: folder + "/a.csv")
        TestSupport.write(([header] + second).joined(separator: "\n") + "\n", to: folder + "/b.csv")
        let config = folder + "/allot.toml"
        #expect(try run(["import", "--config", config, folder + "/seats.csv"]).terminationStatus == 0)
        let a = try run(["import", "--config", config, folder + "/a.csv"], wait: false)
        let b = try run(["import", "--config", config, folder + "/b.csv"], wait: false)
        let reader = try run(["check", "--config", config], wait: false)
        a.waitUntilExit(); b.waitUntilExit(); reader.waitUntilExit()
        #expect(a.terminationStatus == 0)
        #expect(b.terminationStatus == 0)
        #expect(reader.terminationStatus == 0)
        let store = try LedgerStore(path: folder + "/.allot/ledger.sqlite")
        let all = Set(first.map { String($0.split(separator: ",")[0]) } + second.map { String($0.split(separator: ",")[0]) })
        let (_, events) = try store.load()
        #expect(events.count == all.count)
        #expect(Set(events.map(\.id)) == all)
    }

    /// A whole ledger (seats and events as the config's sources), ready to build.
    static func buildableLedger() -> String {
        let folder = TestSupport.scratch()
        for f in SyntheticLedger(accounts: 16, months: 6, seed: 11).files() { TestSupport.write(f.text, to: folder + "/" + f.name) }
        return folder
    }

    @Test func killingABuildIsRepairedByTheNextBuild() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary))
        let folder = Self.buildableLedger(), config = folder + "/allot.toml", site = folder + "/site"
        let plain = folder + "/plain", marked = folder + "/marked"
        for dir in [plain, marked] { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        for name in ["statement.md", "account.md", "team.md"] {
            TestSupport.write("Changed.\n\n" + TemplateSet.defaults.files[name]!, to: marked + "/" + name)
        }
        func build(_ templates: String, into out: String = site) throws -> Process {
            try run(["build", "--config", config, "--out", out, "--templates", templates, "--as-of", "2015-04-01"], wait: false)
        }
        let first = try build(plain)
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        let before = TestSupport.files(under: site)
        let changedBuild = try build(marked, into: folder + "/clean")
        changedBuild.waitUntilExit()
        let after = TestSupport.files(under: folder + "/clean")

        var random = SplitMix64(seed: 4)
        var mixed = 0
        func pages(_ files: [String: Data]) -> [String: Data] { files.filter { !$0.key.hasPrefix(".") } }
        for attempt in 0..<8 where mixed < 2 {
            let p = try build(marked)
            // Pages are written once everything is rendered, into the staging folder first:
            // aim the kill at that moment, give or take.
            while p.isRunning && !FileManager.default.fileExists(atPath: site + "/.allot-staging") { usleep(300) }
            usleep(UInt32.random(in: 0...40_000, using: &random))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let killed = pages(TestSupport.files(under: site))
            if killed != pages(before) && killed != pages(after) { mixed += 1 }
            // Half the time the next build goes back to the old templates, which the
            // killed build's leftovers must not fool; half the time it finishes the change.
            let next = try build(attempt.isMultiple(of: 2) ? plain : marked)
            next.waitUntilExit()
            #expect(next.terminationStatus == 0)
            let repaired = TestSupport.files(under: site)
            let expected = attempt.isMultiple(of: 2) ? before : after
            #expect(repaired == expected, "after a killed build, the next differs in \(Set(repaired.keys).symmetricDifference(expected.keys).union(expected.keys.filter { repaired[$0] != expected[$0] }).sorted().prefix(5))")
            if attempt.isMultiple(of: 2) == false {
                let back = try build(plain)
                back.waitUntilExit()
                #expect(TestSupport.files(under: site) == before)
            }
        }
        #expect(mixed > 0, "no kill left a mix of old and new pages; the test proved nothing")
    }

    @Test func killingAPublishLeavesThePreviousReleaseServed() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary))
        let folder = Self.buildableLedger(), config = folder + "/allot.toml", web = folder + "/web"
        let plain = folder + "/plain", marked = folder + "/marked"
        for dir in [plain, marked] { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        TestSupport.write("Changed.\n\n" + TemplateSet.defaults.files["account.md"]!, to: marked + "/account.md")
        func publish(_ templates: String, to web: String = web, out: String = folder + "/site") throws -> Process {
            try run(["publish", "--config", config, "--out", out, "--to", web, "--templates", templates,
                     "--as-of", "2015-04-01", "--keep", "3"], wait: false)
        }
        func served(_ web: String = web) -> [String: Data] {
            let release = (try? FileManager.default.destinationOfSymbolicLink(atPath: web + "/current")) ?? "none"
            return TestSupport.files(under: web + "/" + release)
        }
        let first = try publish(plain)
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        let old = served()
        #expect(old["index.html"] != nil)

        let clean = try publish(marked, to: folder + "/web-clean", out: folder + "/site-clean")
        clean.waitUntilExit()
        let new = served(folder + "/web-clean")
        #expect(new != old)
        var random = SplitMix64(seed: 8)
        var landed = 0
        for attempt in 0..<4 {
            let p = try publish(marked)
            // Aim at the build's writing, or at the copy into a new release.
            func reached() -> Bool {
                attempt.isMultiple(of: 2) ? FileManager.default.fileExists(atPath: folder + "/site/.allot-staging")
                    : ((try? FileManager.default.contentsOfDirectory(atPath: web + "/releases")) ?? []).contains { $0.hasSuffix(".partial") }
            }
            while p.isRunning && !reached() { usleep(300) }
            usleep(UInt32.random(in: 0...20_000, using: &random))
            if p.isRunning { landed += 1 }
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let now = served()
            #expect(now == old || now == new, "a killed publish left current serving a site that no publish made")
            let next = try publish(marked)
            next.waitUntilExit()
            #expect(next.terminationStatus == 0)
            #expect(served() == new)
            let back = try publish(plain)
            back.waitUntilExit()
            #expect(back.terminationStatus == 0)
            #expect(served() == old)
        }
        #expect(landed > 0, "no kill landed during a publish; the test proved nothing")
    }
}
}
