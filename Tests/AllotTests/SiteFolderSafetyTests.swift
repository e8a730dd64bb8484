import Foundation
import Testing

extension ProcessHeavyTests {
    /// A site folder has one writer, holds only what builds wrote, and is never written or
    /// emptied through a link; `publish` never replaces a `current` it did not make. All
    /// through the real binary.
    @Suite(.cleansScratch, .processBehaviour) struct SiteFolderSafetyTests {
        /// A generated ledger of 30 seats over 4 months: enough pages that two builds at
        /// once overlap.
        func ledger() async throws -> String {
            let folder = TestSupport.scratch() + "/ledger"
            let made = try await TestSupport.allot(["generate", "--accounts", "30", "--months", "4", "--seed", "3", "--out", folder])
            try #require(made.status == 0, "\(made.errorText)")
            return folder
        }

        /// A build that waits as long as another one takes (the suite beside it can make a
        /// build take longer than the default 30 s).
        func build(_ ledger: String, _ out: String) async throws -> ChildProcess.Ended {
            try await ChildProcess(
                TestSupport.allotBinary, ["build", "--config", ledger + "/allot.toml", "--out", out], keepOutput: true,
                keepErrors: true, environment: ["ALLOT_BUSY_TIMEOUT": "600"]
            ).ended()
        }

        /// The site as a reader gets it: every entry but the lock file.
        func site(_ folder: String) -> [String: Data?] {
            TestSupport.entries(under: folder).filter { $0.key != ".allot-lock" }
        }

        @Test func twoBuildsIntoOneFolderAtOnceTakeTurnsAndLeaveACleanSite() async throws {
            let ledger = try await ledger()
            let out = ledger + "/shared"
            for _ in 0..<3 {
                try? FileManager.default.removeItem(atPath: out)
                async let first = build(ledger, out)
                async let second = build(ledger, out)
                let (a, b) = try await (first, second)
                #expect(a.status == 0 && b.status == 0, "\(a.errorText)\(b.errorText)")
                let waited = [a, b].filter { $0.errorText.contains("another build is writing \(out) (pid ") }
                #expect(waited.count <= 1)
            }
            let clean = ledger + "/clean"
            #expect(try await build(ledger, clean).status == 0)
            let differences = TestSupport.differences(site(out), site(clean))
            #expect(differences.isEmpty, "\(differences.prefix(5))")
        }

        @Test func aBuildWaitsForTheFoldersLockThenGivesUpAndSaysWhy() async throws {
            let ledger = try await ledger()
            let out = ledger + "/site"
            #expect(try await build(ledger, out).status == 0)
            // Another process holding the lock: Python's flock on the same file, for 60 s;
            // it makes `held` once it has the lock.
            let held = ledger + "/held"
            let holder = try ChildProcess(
                "/usr/bin/env",
                [
                    "python3", "-c",
                    "import fcntl,sys,time; f=open(sys.argv[1],'a'); fcntl.flock(f,fcntl.LOCK_EX); open(sys.argv[2],'w').close(); time.sleep(60)",
                    out + "/.allot-lock", held,
                ])
            defer { holder.kill() }
            let deadline = Date().addingTimeInterval(60)
            while !FileManager.default.fileExists(atPath: held) {
                try #require(Date() < deadline && holder.isRunning, "the lock holder did not start")
                try await Task.sleep(for: .milliseconds(20))
            }
            let result = try await AllotBinary.run(
                ["build", "--config", ledger + "/allot.toml", "--out", out], environment: ["ALLOT_BUSY_TIMEOUT": "1"])
            #expect(result.status == 1)
            #expect(result.err.contains("another build is writing \(out)"), "\(result.err)")
            #expect(result.err.contains("error: \(out): another build"), "\(result.err)")
            #expect(result.err.contains("is still writing this site after 1 s"), "\(result.err)")
        }

        @Test(arguments: ["index.html", "notes/today.txt"])
        func aFirstBuildIntoAFolderOfSomeoneElsesFilesIsRefused(_ file: String) async throws {
            let ledger = try await ledger()
            let out = ledger + "/mine"
            TestSupport.write("my own page", to: out + "/" + file)
            let before = TestSupport.entries(under: out)
            let result = try await build(ledger, out)
            #expect(result.status == 1)
            #expect(
                result.errorText.contains("\(out): holds files no Allot build wrote (\(file.split(separator: "/")[0]))"),
                "\(result.errorText)")
            #expect(TestSupport.entries(under: out) == before)
        }

        @Test func theLedgersOwnFolderIsNotASiteFolder() async throws {
            let ledger = try await ledger()
            let before = TestSupport.entries(under: ledger).filter { !$0.key.hasPrefix(".allot") }
            let result = try await build(ledger, ledger)
            #expect(result.status == 1)
            #expect(
                result.errorText.contains("holds files no Allot build wrote (.allot, allot.toml, events.csv, …)"), "\(result.errorText)")
            #expect(TestSupport.entries(under: ledger).filter { !$0.key.hasPrefix(".allot") } == before)
        }

        @Test func aLinkInsideTheSiteIsRefusedAndNothingIsWrittenOrRemovedThroughIt() async throws {
            let ledger = try await ledger()
            let out = ledger + "/site", elsewhere = ledger + "/elsewhere"
            #expect(try await build(ledger, out).status == 0)
            try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
            TestSupport.write("keep me", to: elsewhere + "/index.html")
            try FileManager.default.removeItem(atPath: out + "/accounts")
            try FileManager.default.createSymbolicLink(atPath: out + "/accounts", withDestinationPath: elsewhere)
            let result = try await build(ledger, out)
            #expect(result.status == 1)
            #expect(result.errorText.contains("\(out)/accounts: is a symbolic link (to \(elsewhere))"), "\(result.errorText)")
            #expect(TestSupport.entries(under: elsewhere) == ["index.html": Data("keep me".utf8)])
        }

        @Test(arguments: [false, true])
        func publishNeverReplacesACurrentItDidNotMake(_ isFolder: Bool) async throws {
            let ledger = try await ledger()
            let www = ledger + "/www"
            if isFolder {
                TestSupport.write("served by hand", to: www + "/current/index.html")
            } else {
                TestSupport.write("served by hand", to: www + "/current")
            }
            let before = TestSupport.entries(under: www)
            let result = try await TestSupport.allot([
                "publish", "--config", ledger + "/allot.toml", "--out", ledger + "/site", "--to", www,
            ])
            #expect(result.status == 1)
            #expect(
                result.errorText.contains("\(www)/current: is \(isFolder ? "a folder" : "a file"), not the link Allot publishes through"),
                "\(result.errorText)")
            #expect(TestSupport.entries(under: www) == before)
        }
    }
}
