import AllotStore
import Foundation
import Testing

@testable import Allot

extension ProcessHeavyTests {
    /// Another process holding the store's write lock during `allot import`: the import
    /// waits for it (30 s, or `ALLOT_BUSY_TIMEOUT` seconds), then succeeds, or fails with
    /// a sentence naming the store and the lock and leaves the store as it was.
    @Suite(.serialized, .cleansScratch) struct LockedStoreTests {
        /// Python's sqlite3 holding a write transaction (`BEGIN IMMEDIATE`) on `store` for
        /// `seconds`; returns once it holds it.
        static func holdWriteLock(on store: String, for seconds: Double) throws -> Process {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            let script = """
                import sqlite3, sys, time
                db = sqlite3.connect(sys.argv[1], isolation_level=None)
                db.execute("BEGIN IMMEDIATE")
                print("locked", flush=True)
                time.sleep(float(sys.argv[2]))
                db.execute("ROLLBACK")
                """
            p.arguments = ["python3", "-c", script, store, "\(seconds)"]
            let out = Pipe()
            p.standardOutput = out
            try p.run()
            var said = Data()
            while !said.contains(UInt8(ascii: "\n")) {
                let chunk = out.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                said += chunk
            }
            try #require(String(decoding: said, as: UTF8.self) == "locked\n", "python3 did not take the store's write lock")
            return p
        }

        /// The demo with its seats imported: the config and the store.
        static func demoWithSeats() throws -> (config: String, store: String) {
            let config = ComparisonTests.demo()
            let folder = (config as NSString).deletingLastPathComponent
            #expect(try AllotBinary.run(["import", "--config", config, folder + "/seats.csv"]).status == 0)
            return (config, Project.defaultStorePath(forConfig: config))
        }

        @Test func anImportWaitsForALockHeldAFewSeconds() throws {
            try #require(FileManager.default.isExecutableFile(atPath: AllotBinary.path))
            let (config, store) = try Self.demoWithSeats()
            let holder = try Self.holdWriteLock(on: store, for: 3)
            let start = Date()
            let result = try AllotBinary.run(["import", "--config", config, (config as NSString).deletingLastPathComponent + "/events.csv"])
            let waited = Date().timeIntervalSince(start)
            holder.waitUntilExit()
            #expect(result.status == 0, "\(result.err)")
            #expect(waited > 2, "the import took \(waited) s; it cannot have waited for the lock")
            #expect(try LedgerStore(path: store).counts().events > 0)
        }

        @Test func anImportGivesUpOnALockHeldPastTheTimeoutAndSaysWhy() throws {
            try #require(FileManager.default.isExecutableFile(atPath: AllotBinary.path))
            let (config, store) = try Self.demoWithSeats()
            let folder = (store as NSString).deletingLastPathComponent
            let before = TestSupport.entries(under: folder)
            do {
                let holder = try Self.holdWriteLock(on: store, for: 60)
                defer {
                    kill(holder.processIdentifier, SIGKILL)
                    holder.waitUntilExit()
                }
                let result = try AllotBinary.run(
                    ["import", "--config", config, (config as NSString).deletingLastPathComponent + "/events.csv"],
                    environment: ["ALLOT_BUSY_TIMEOUT": "1"])
                #expect(result.status == 1)
                #expect(
                    result.err
                        == "error: the store \(store) is locked by another process (an import or build still running?) and stayed locked for 1 s; try again when it has finished\n"
                )
            }
            #expect(TestSupport.differences(before, TestSupport.entries(under: folder)) == [])
        }
    }
}
