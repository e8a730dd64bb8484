import Foundation
import Testing
@testable import Allot

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
}
