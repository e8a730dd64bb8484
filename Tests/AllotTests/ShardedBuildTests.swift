import AllotStore
import Foundation
import Testing

@testable import Allot
@testable import AllotPostgres

extension ProcessHeavyTests {
    /// `allot build --shard K/N` and `allot build --merge N` through the built binary: shards
    /// run as processes at the same time, into one folder or each into its own, and the
    /// merge gives byte for byte the site of one `allot build`, or refuses, changing nothing.
    @Suite(.cleansScratch, .processBehaviour) struct ShardedBuildTests {
        typealias Crash = CrashAndConcurrencyTests

        /// A ledger folder (its config lists seats.csv and events.csv) and every file of one
        /// plain `allot build` of it, the dot files too.
        static func ledger(accounts: Int = 24, months: Int = 6) async throws -> (config: String, single: [String: Data]) {
            let folder = TestSupport.scratch()
            for f in SyntheticLedger(accounts: accounts, months: months, seed: 21).files() {
                TestSupport.write(f.text, to: folder + "/" + f.name)
            }
            let config = folder + "/allot.toml"
            try await expectSuccess(["build", "--config", config, "--out", folder + "/single"])
            let single = TestSupport.files(under: folder + "/single")
            #expect(single[".allot-manifest"] != nil && single["index.html"] != nil)
            return (config, single)
        }

        /// Starts a program just copied into place. Until a child that another test's
        /// thread forked while the copy was open for writing has run its own program, that
        /// child holds the copy open and starting it fails with "Text file busy": wait and
        /// try again.
        static func startCopied(_ path: String, _ arguments: [String]) async throws -> ChildProcess {
            var attempt = 0
            while true {
                do {
                    return try ChildProcess(path, arguments, keepErrors: true)
                } catch let error as NSError
                    where attempt < 50 && (error.userInfo[NSUnderlyingErrorKey] as? NSError)?.code == Int(ETXTBSY)
                {
                    attempt += 1
                    try await Task.sleep(for: .milliseconds(100))
                }
            }
        }

        /// Runs `allot` and expects it to succeed. Shards started at once wait for each other's
        /// import and for the site folder; under a loaded run that can pass the default 30 s.
        static func expectSuccess(_ arguments: [String]) async throws {
            let (status, err) = try await AllotBinary.run(arguments, environment: ["ALLOT_BUSY_TIMEOUT": "3600"])
            #expect(status == 0, "allot \(arguments.joined(separator: " ")) failed: \(err)")
        }

        /// Runs the shards `indices` of `count` at the same time, shard K into `out(K)`.
        static func shards(_ indices: [Int], of count: Int, config: String, out: @escaping @Sendable (Int) -> String) async throws {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for k in indices {
                    group.addTask { try await expectSuccess(["build", "--config", config, "--out", out(k), "--shard", "\(k)/\(count)"]) }
                }
                try await group.waitForAll()
            }
        }

        /// Every file and folder under `folder`: a file with its bytes, a folder as nil.
        /// Every file and folder but the lock file, which a merge makes before it refuses, and
        /// the record of the files' inodes and times, which differs between folders built alike.
        static func tree(_ folder: String) -> [String: Data?] {
            var out: [String: Data?] = [:]
            let skipped: Set<String> = [".allot-lock", ".allot-file-stats"]
            for case let path as String in FileManager.default.enumerator(atPath: folder)! where !skipped.contains(path) {
                var isFolder: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isFolder)
                out[path] = isFolder.boolValue ? .some(nil) : FileManager.default.contents(atPath: folder + "/" + path)
            }
            return out
        }

        /// The paths whose bytes differ between two sites, or that only one has: the first few.
        static func differences(_ a: [String: Data], _ b: [String: Data]) -> [String] {
            Array(Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted().prefix(5))
        }

        /// Merges and expects a refusal with exactly `sentence` on standard error, and the
        /// site folder (every file and folder, the shards' own among them) as it was.
        static func expectRefusal(_ arguments: [String], site: String, _ sentence: (String) -> Bool) async throws {
            let before = tree(site)
            let (status, err) = try await AllotBinary.run(arguments)
            #expect(status == 1)
            #expect(sentence(err), "stderr: \(err)")
            #expect(tree(site) == before, "a refused merge changed the site")
        }

        @Test func threeShardsIntoOneFolderAndTheMergeEqualOneBuild() async throws {
            let (config, single) = try await Self.ledger()
            let site = TestSupport.scratch() + "/site"
            try await Self.shards([0, 1, 2], of: 3, config: config) { _ in site }
            #expect(FileManager.default.fileExists(atPath: site + "/.allot-shards/2-of-3"))
            #expect(!FileManager.default.fileExists(atPath: site + "/index.html"), "a shard wrote into the site itself")
            try await Self.expectSuccess(["build", "--config", config, "--out", site, "--merge", "3"])
            let merged = TestSupport.files(under: site)
            #expect(merged == single, "the merged site differs in \(Self.differences(merged, single))")
            #expect(!FileManager.default.fileExists(atPath: site + "/.allot-shards"), "the merge left the shards' folders")
            // The merge run again (its pod restarted after it finished) finds the site merged.
            try await Self.expectSuccess(["build", "--config", config, "--out", site, "--merge", "3"])
            #expect(TestSupport.files(under: site) == single)
            // A plain build (as `allot publish` runs first) finds the merged site built.
            let plain = try await TestSupport.allot(["build", "--config", config, "--out", site])
            #expect(
                // Every file but the manifest, the team cache, the build key and the lock file.
                plain.outputText.hasPrefix("Built \(site)/: 0 files written, \(single.count - 4) unchanged, 0 removed"),
                "\(plain.outputText)")
            // Shards and a merge again, with nothing changed: the same site.
            try await Self.shards([0, 1, 2], of: 3, config: config) { _ in site }
            try await Self.expectSuccess(["build", "--config", config, "--out", site, "--merge", "3"])
            #expect(TestSupport.files(under: site) == single)

            // The shards keep their unchanged teams' pages in the site; a build with other
            // team pages after they ran changes those, and the merge will not take them.
            try await Self.shards([0, 1, 2], of: 3, config: config) { _ in site }
            let templates = TestSupport.scratch()
            TestSupport.write("Changed.\n\n" + TemplateSet.defaults.files["team.md"]!, to: templates + "/team.md")
            try await Self.expectSuccess(["build", "--config", config, "--out", site, "--templates", templates])
            try await Self.expectRefusal(["build", "--config", config, "--out", site, "--merge", "3"], site: site) {
                $0.hasPrefix("error: cannot merge: shard ")
                    && $0.hasSuffix(" as \(site)/ held them when it ran, but they have changed there since; run the shard again\n")
            }
            try await Self.shards([0, 1, 2], of: 3, config: config) { _ in site }
            try await Self.expectSuccess(["build", "--config", config, "--out", site, "--merge", "3"])
            let again = TestSupport.files(under: site)
            #expect(again == single, "the merged site differs in \(Self.differences(again, single))")
        }

        @Test func threeShardsAgainstOnePostgreSQLStoreAndTheMergeEqualOneSQLiteBuild() async throws {
            let (config, single) = try await Self.ledger()
            let uri = try await PostgresServer.shared.value.database()
            let site = TestSupport.scratch() + "/site"
            // The shards start at once on an empty database, as an Indexed Job's pods do:
            // each imports the sources (one of them adds the rows, the others find them
            // there), then renders its teams.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for k in 0..<3 {
                    group.addTask {
                        try await Self.expectSuccess(["build", "--config", config, "--store", uri, "--out", site, "--shard", "\(k)/3"])
                    }
                }
                try await group.waitForAll()
            }
            let records = try LedgerStore(postgres: uri).shardRecords(count: 3)
            #expect(records.keys.sorted() == [0, 1, 2] && records.values.allSatisfy(\.finished))
            try await Self.expectSuccess(["build", "--config", config, "--store", uri, "--out", site, "--merge", "3"])
            let merged = TestSupport.files(under: site)
            #expect(merged == single, "the merged site differs in \(Self.differences(merged, single))")
        }

        @Test func threeShardsInTheirOwnFoldersCopiedTogetherEqualOneBuild() async throws {
            let (config, single) = try await Self.ledger()
            let scratch = TestSupport.scratch(), site = scratch + "/site"
            try await Self.shards([0, 1, 2], of: 3, config: config) { k in scratch + "/own-\(k)" }
            // The merge's folder holds an older site (an earlier as-of): pages at the same
            // paths with other bytes.
            try await Self.expectSuccess(["build", "--config", config, "--out", site, "--as-of", "2015-02-01"])
            for k in [0, 1] {
                #expect(try await ChildProcess("/bin/cp", ["-a", scratch + "/own-\(k)/.", site + "/"]).ended().status == 0)
            }
            // Shard 2's folder is not copied yet: its pages are not there, whatever the
            // older site holds at their paths.
            try await Self.expectRefusal(["build", "--config", config, "--out", site, "--merge", "3"], site: site) {
                $0.hasPrefix("error: cannot merge: shard 2/3 made ")
                    && $0.hasSuffix(
                        ", which is not in \(site)/.allot-shards/2-of-3/; copy the shard's folder into \(site)/ or run the shard again\n")
            }
            #expect(try await ChildProcess("/bin/cp", ["-a", scratch + "/own-2/.", site + "/"]).ended().status == 0)
            try await Self.expectSuccess(["build", "--config", config, "--out", site, "--merge", "3"])
            let merged = TestSupport.files(under: site)
            #expect(merged == single, "the merged site differs in \(Self.differences(merged, single))")
            #expect(!FileManager.default.fileExists(atPath: site + "/.allot-shards"))
        }

        @Test func theMergeRefusesShardsThatAreMissingOrStale() async throws {
            let (config, single) = try await Self.ledger()
            let folder = (config as NSString).deletingLastPathComponent, site = folder + "/site"
            let merge = ["build", "--config", config, "--out", site, "--merge", "3"]
            try await Self.shards([0, 2], of: 3, config: config) { _ in site }
            try await Self.expectRefusal(merge, site: site) {
                $0 == "error: cannot merge: shard 1/3 has not run (the store has no record of it); run allot build --shard 1/3 first\n"
            }
            try await Self.shards([1], of: 3, config: config) { _ in site }

            // Another config for the same store: another title.
            let text = try String(contentsOfFile: config, encoding: .utf8)
            TestSupport.write(text.replacingOccurrences(of: "title = \"", with: "title = \"Other "), to: folder + "/other.toml")
            try await Self.expectRefusal(
                ["build", "--config", folder + "/other.toml", "--store", folder + "/.allot/ledger.sqlite", "--out", site, "--merge", "3"],
                site: site
            ) {
                $0
                    == "error: cannot merge: shard 0/3 was built with another config, other templates or another --as-of than this merge; run the shards again with the same ones\n"
            }

            // Another allot program: a copy of the binary elsewhere.
            let copy = TestSupport.scratch() + "/allot"
            try FileManager.default.copyItem(atPath: TestSupport.allotBinary, toPath: copy)
            let other = try await Self.startCopied(copy, merge).ended()
            #expect(other.status == 1)
            #expect(other.errorText.hasPrefix("error: cannot merge: shard 0/3 was run by another allot program ("), "\(other.errorText)")
            #expect(other.errorText.hasSuffix("; run the shards and the merge with the same allot\n"), "\(other.errorText)")

            // A source changed and imported again after the shards ran.
            let store = try LedgerStore(path: folder + "/.allot/ledger.sqlite")
            let revision = try store.revision()
            let events = try String(contentsOfFile: folder + "/events.csv", encoding: .utf8)
            let seat = try String(contentsOfFile: folder + "/seats.csv", encoding: .utf8).split(separator: "\n")[1].split(separator: ",")[0]
            TestSupport.write(events + "late-1,2015-03-02T10:00:00Z,grant,\(seat),,,7,late\n", to: folder + "/events.csv")
            try await Self.expectSuccess(["import", "--config", config, folder + "/events.csv"])
            #expect(try store.revision() == revision + 1)
            try await Self.expectRefusal(merge, site: site) {
                $0
                    == "error: cannot merge: shard 0/3 was built from store revision \(revision), but the store is at revision \(revision + 1) now (an import changed the ledger since); run the shards again\n"
            }
            #expect(!FileManager.default.fileExists(atPath: site + "/index.html"))
            // Run again, the shards give the site of the changed ledger.
            try await Self.shards([0, 1, 2], of: 3, config: config) { _ in site }
            try await Self.expectSuccess(merge)
            try await Self.expectSuccess(["build", "--config", config, "--out", folder + "/single-after"])
            let merged = TestSupport.files(under: site), after = TestSupport.files(under: folder + "/single-after")
            #expect(merged == after, "the merged site differs in \(Self.differences(merged, after))")
            #expect(merged != single)
        }

        @Test func aShardOrAMergeKilledMidwayIsRunAgain() async throws {
            let (config, single) = try await Self.ledger(accounts: 36)
            let folder = (config as NSString).deletingLastPathComponent, site = folder + "/site", aim = folder + "/aim"
            let store = try LedgerStore(path: folder + "/.allot/ledger.sqlite")
            func shard(into out: String) throws -> ChildProcess {
                try ChildProcess(TestSupport.allotBinary, ["build", "--config", config, "--out", out, "--shard", "1/3"])
            }
            try await Self.shards([0, 2], of: 3, config: config) { _ in site }
            // Measure, then aim: an unkilled shard into a throwaway folder shows how long its
            // folder exists before it ends (it records itself unfinished, then makes the
            // folder, stages its pages and records itself finished); kills land at fractions
            // of that, each after the folder appears, until one leaves the shard unfinished.
            let start = Crash.clock()
            let measured = try shard(into: aim)
            let staging = try #require(
                try await Crash.window(of: measured, from: start) { FileManager.default.fileExists(atPath: aim + "/.allot-shards/1-of-3") },
                "an unkilled shard never showed its folder")
            #expect(await measured.ended().status == 0)
            var landed = false
            for eighths in [4.0, 2, 6, 1, 3, 5, 7, 0.5] where !landed {
                try? FileManager.default.removeItem(atPath: site + "/.allot-shards/1-of-3")
                let p = try shard(into: site)
                try await Crash.kill(p, (staging.closed - staging.opened) * eighths / 8) {
                    FileManager.default.fileExists(atPath: site + "/.allot-shards/1-of-3")
                }
                landed = try store.shardRecords(count: 3)[1]?.finished == false
            }
            #expect(landed, "no kill landed while the shard ran; the test proved nothing")
            let merge = ["build", "--config", config, "--out", site, "--merge", "3"]
            if landed {
                try await Self.expectRefusal(merge, site: site) {
                    $0
                        == "error: cannot merge: shard 1/3 started but did not finish (it is still running, or it was stopped); run it again\n"
                }
            }
            try await Self.shards([1], of: 3, config: config) { _ in site }

            // A merge killed midway is run again too. Each try starts from a copy of the folder
            // as the shards left it, and is killed at a fraction of the time an unkilled merge
            // (of another copy) holds its staging folder, once that appears.
            let pristine = folder + "/pristine", aimMerge = folder + "/aim-merge"
            for copy in [pristine, aimMerge] { #expect(try await ChildProcess("/bin/cp", ["-a", site, copy]).ended().status == 0) }
            func merging(_ out: String) throws -> ChildProcess {
                try ChildProcess(TestSupport.allotBinary, ["build", "--config", config, "--out", out, "--merge", "3"])
            }
            let mergeStart = Crash.clock()
            let measuredMerge = try merging(aimMerge)
            let writing = try #require(
                try await Crash.window(of: measuredMerge, from: mergeStart) {
                    FileManager.default.fileExists(atPath: aimMerge + "/.allot-staging")
                }, "an unkilled merge never showed its staging folder")
            #expect(await measuredMerge.ended().status == 0)
            var mergeLanded = false
            for eighths in [4.0, 2, 6, 1, 3, 5, 7, 0.5] where !mergeLanded {
                try FileManager.default.removeItem(atPath: site)
                #expect(try await ChildProcess("/bin/cp", ["-a", pristine, site]).ended().status == 0)
                try await Crash.kill(try merging(site), (writing.closed - writing.opened) * eighths / 8) {
                    FileManager.default.fileExists(atPath: site + "/.allot-staging")
                }
                mergeLanded = FileManager.default.fileExists(atPath: site + "/.allot-staging")
            }
            #expect(mergeLanded, "no kill landed while the merge wrote the site; the test proved nothing")
            try await Self.expectSuccess(merge)
            let merged = TestSupport.files(under: site)
            #expect(merged == single, "the merged site differs in \(Self.differences(merged, single))")
        }
    }
}
