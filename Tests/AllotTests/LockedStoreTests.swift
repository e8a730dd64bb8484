import AllotStore
import Foundation
import Testing

@testable import Allot

extension ProcessHeavyTests {
    /// Another process holding the store's write lock during `allot import`: the import
    /// waits for it (30 s, or `ALLOT_BUSY_TIMEOUT` seconds), then succeeds, or fails with
    /// a sentence naming the store and the lock and leaves the store as it was.
    @Suite(.cleansScratch) struct LockedStoreTests {
        /// Python's sqlite3 holding a write transaction (`BEGIN IMMEDIATE`) on `store` for
        /// `seconds`, or until the file `until` exists; returns once it holds it (a file it
        /// writes says so). After releasing it, it writes the time of the release (seconds
        /// since 1970) to `flag` + ".released".
        static func holdWriteLock(
            on store: String, for seconds: Double = 60, until release: String = "", flag: String = TestSupport.scratch() + "/locked"
        ) async throws -> ChildProcess {
            let script = """
                import os, sqlite3, sys, time
                db = sqlite3.connect(sys.argv[1], isolation_level=None)
                db.execute("BEGIN IMMEDIATE")
                open(sys.argv[3], "w").close()
                deadline = time.time() + float(sys.argv[2])
                while time.time() < deadline and not (sys.argv[4] and os.path.exists(sys.argv[4])):
                    time.sleep(0.02)
                db.execute("ROLLBACK")
                with open(sys.argv[3] + ".released", "w") as f: f.write(repr(time.time()))
                """
            let holder = try ChildProcess("/usr/bin/env", ["python3", "-c", script, store, "\(seconds)", flag, release])
            while !FileManager.default.fileExists(atPath: flag) && holder.isRunning { try await Task.sleep(for: .milliseconds(20)) }
            try #require(FileManager.default.fileExists(atPath: flag), "python3 did not take the store's write lock")
            return holder
        }

        /// The demo with its seats imported: the config and the store.
        static func demoWithSeats() async throws -> (config: String, store: String) {
            let config = ComparisonTests.demo()
            let folder = (config as NSString).deletingLastPathComponent
            #expect(try await AllotBinary.run(["import", "--config", config, folder + "/seats.csv"]).status == 0)
            return (config, Project.defaultStorePath(forConfig: config))
        }

        /// The lock is let go 3 s or more after the import starts, however slowly this test's
        /// task is scheduled: the import must then succeed, and cannot have ended before the
        /// release.
        @Test func anImportWaitsForALockHeldAFewSeconds() async throws {
            try #require(FileManager.default.isExecutableFile(atPath: AllotBinary.path))
            let (config, store) = try await Self.demoWithSeats()
            let scratch = TestSupport.scratch()
            // Neither side gives up on its own: under a sanitizer and the whole suite, this
            // task once woke from its 3 s sleep after the holder's 60 s had run out.
            let holder = try await Self.holdWriteLock(on: store, for: 3_600, until: scratch + "/release", flag: scratch + "/locked")
            let importer = try ChildProcess(
                AllotBinary.path, ["import", "--config", config, (config as NSString).deletingLastPathComponent + "/events.csv"],
                keepErrors: true, environment: ["ALLOT_BUSY_TIMEOUT": "3600"])
            try await Task.sleep(for: .seconds(3))
            #expect(importer.isRunning, "the import ended while the store was locked")
            _ = FileManager.default.createFile(atPath: scratch + "/release", contents: Data())
            let result = await importer.ended()
            let ended = Date().timeIntervalSince1970
            _ = await holder.ended()
            let releasedText = try String(contentsOfFile: scratch + "/locked.released", encoding: .utf8)
            let released = try #require(Double(releasedText))
            #expect(result.status == 0, "\(result.errorText)")
            #expect(ended > released, "the import ended \(released - ended) s before the lock was released")
            #expect(try LedgerStore(path: store).counts().events > 0)
        }

        @Test func anImportGivesUpOnALockHeldPastTheTimeoutAndSaysWhy() async throws {
            try #require(FileManager.default.isExecutableFile(atPath: AllotBinary.path))
            let (config, store) = try await Self.demoWithSeats()
            let folder = (store as NSString).deletingLastPathComponent
            let before = TestSupport.entries(under: folder)
            do {
                let holder = try await Self.holdWriteLock(on: store, for: 60)
                let result = try await AllotBinary.run(
                    ["import", "--config", config, (config as NSString).deletingLastPathComponent + "/events.csv"],
                    environment: ["ALLOT_BUSY_TIMEOUT": "1"])
                #expect(result.status == 1)
                #expect(
                    result.err
                        == "error: the store \(store) is locked by another process (an import or build still running?) and stayed locked for 1 s; try again when it has finished\n"
                )
                holder.kill()
                _ = await holder.ended()
            }
            #expect(TestSupport.differences(before, TestSupport.entries(under: folder)) == [])
        }
    }
}
