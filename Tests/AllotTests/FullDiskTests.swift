import AllotStore
import Foundation
import Testing

@testable import Allot

extension ProcessHeavyTests {
    /// A disk that fills during a build, a publish or an import (a small tmpfs, through the
    /// real binary): the command fails with a plain sentence and leaves the site, the
    /// served release or the store byte for byte as it was; with space freed, the same
    /// command then succeeds.
    @Suite(
        .cleansScratch, .processBehaviour,
        // Mounting needs root: CI runs the suite as root; elsewhere these are skipped.
        .enabled(if: Tmpfs.allowed, "a tmpfs cannot be mounted here (not root?); the full-disk tests are skipped"))
    struct FullDiskTests {
        /// `error: ` and a sentence saying the disk is full, naming `path`; never a dump.
        func expectDiskFull(_ result: (status: Int32, err: String), naming path: String) {
            #expect(result.status == 1)
            #expect(result.err.hasPrefix("error: "), "\(result.err)")
            #expect(result.err.contains(path), "\(result.err)")
            #expect(result.err.contains("disk is full") || result.err.contains("No space left on device"), "\(result.err)")
            for dump in ["Domain=", "Code=", "Error:", "SQLite error", "SiteWriteError", "StoreError", "DatabaseError"] {
                #expect(!result.err.contains(dump), "\(result.err)")
            }
        }

        @Test func aBuildThatFillsTheDiskLeavesThePreviousSite() async throws {
            try #require(FileManager.default.isExecutableFile(atPath: AllotBinary.path))
            let config = ComparisonTests.demo(), clean = TestSupport.scratch()
            #expect(try await AllotBinary.run(["build", "--config", config, "--out", clean]).status == 0)
            // The site as of November 2014 (about 0.5 MiB) fits; the whole one staged beside it does not.
            let disk = try Tmpfs(kilobytes: 1024)
            defer { disk.unmount() }
            #expect(try await AllotBinary.run(["build", "--config", config, "--out", disk.path, "--as-of", "2014-11-01"]).status == 0)
            let before = TestSupport.entries(under: disk.path)
            #expect(before[".allot-build-key"] != nil)
            expectDiskFull(try await AllotBinary.run(["build", "--config", config, "--out", disk.path]), naming: disk.path)
            #expect(TestSupport.differences(before, TestSupport.entries(under: disk.path)) == [], "the failed build changed these")
            try disk.resize(kilobytes: 8192)
            #expect(try await AllotBinary.run(["build", "--config", config, "--out", disk.path]).status == 0)
            #expect(TestSupport.differences(TestSupport.entries(under: clean), TestSupport.entries(under: disk.path)) == [])
        }

        /// The disk fills at each of a build's last writes (the last pages, the manifest,
        /// the team cache, the build key): on the 4 KiB steps just below the smallest disk
        /// the build fits on. One team's pages change and the other's are kept, so the
        /// team cache changes while pages do. A failed build leaves the site as it was, a
        /// build that fits leaves it as a clean build does.
        @Test func aDiskFillingDuringABuildsLastWritesLeavesTheSiteWhole() async throws {
            try #require(FileManager.default.isExecutableFile(atPath: AllotBinary.path))
            let config = ComparisonTests.demo(), folder = (config as NSString).deletingLastPathComponent
            TestSupport.write(
                "id,time,type,account,message,to,amount,note\ne9999,2015-06-28T09:00:00-04:00,send,ana,ana-999,,,\n",
                to: folder + "/more.csv")
            let more = folder + "/more.toml"
            TestSupport.write(
                try String(contentsOfFile: config, encoding: .utf8).replacingOccurrences(
                    of: #"sources = ["seats.csv", "events.csv"]"#, with: #"sources = ["seats.csv", "events.csv", "more.csv"]"#),
                to: more)
            let store = folder + "/before.sqlite", previous = folder + "/previous", expected = folder + "/expected"
            #expect(try await AllotBinary.run(["build", "--config", config, "--store", store, "--out", previous]).status == 0)
            try FileManager.default.copyItem(atPath: store, toPath: folder + "/expected.sqlite")
            #expect(
                try await AllotBinary.run(["build", "--config", more, "--store", folder + "/expected.sqlite", "--out", expected]).status
                    == 0)
            let old = TestSupport.entries(under: previous), new = TestSupport.entries(under: expected)
            #expect(!TestSupport.differences(old, new).isEmpty)

            /// Builds the change on a disk of `kilobytes` holding the previous site: whether
            /// it fit, nil when the previous site itself does not.
            func build(on kilobytes: Int) async throws -> Bool? {
                let disk = try Tmpfs(kilobytes: kilobytes)
                defer { disk.unmount() }
                let site = disk.path + "/site", copy = TestSupport.scratch() + "/ledger.sqlite"
                guard (try? FileManager.default.copyItem(atPath: previous, toPath: site)) != nil else { return nil }
                try FileManager.default.copyItem(atPath: store, toPath: copy)
                let result = try await AllotBinary.run(["build", "--config", more, "--store", copy, "--out", site])
                let now = TestSupport.entries(under: site)
                if result.status == 0 {
                    #expect(TestSupport.differences(new, now) == [], "on \(kilobytes) KiB the build differs from a clean one")
                    return true
                }
                expectDiskFull(result, naming: site)
                #expect(TestSupport.differences(old, now) == [], "on \(kilobytes) KiB the failed build changed these")
                return false
            }
            var tooSmall = 4, enough = 16384
            try #require(try await build(on: enough) == true)
            while enough - tooSmall > 4 {
                let middle = (tooSmall + enough) / 8 * 4
                if try await build(on: middle) == true { enough = middle } else { tooSmall = middle }
            }
            var failed = 0
            for step in 1...10 { if try await build(on: enough - 4 * step) == false { failed += 1 } }
            #expect(failed > 0, "no build just below \(enough) KiB failed; the test proved nothing")
        }

        @Test func aPublishThatFillsTheDiskLeavesTheCurrentReleaseServed() async throws {
            try #require(FileManager.default.isExecutableFile(atPath: AllotBinary.path))
            let config = ComparisonTests.demo(), site = TestSupport.scratch() + "/site"
            // The release as of November 2014 (about 0.5 MiB) fits; the whole site copied beside it does not.
            let disk = try Tmpfs(kilobytes: 1024)
            defer { disk.unmount() }
            func publish(_ options: [String] = []) async throws -> (status: Int32, err: String) {
                try await AllotBinary.run(["publish", "--config", config, "--out", site, "--to", disk.path] + options)
            }
            #expect(try await publish(["--as-of", "2014-11-01"]).status == 0)
            let before = TestSupport.entries(under: disk.path)
            let served = try FileManager.default.destinationOfSymbolicLink(atPath: disk.path + "/current")
            expectDiskFull(try await publish(), naming: disk.path)
            #expect(TestSupport.differences(before, TestSupport.entries(under: disk.path)) == [], "the failed publish changed these")
            try disk.resize(kilobytes: 8192)
            #expect(try await publish().status == 0)
            let now = try FileManager.default.destinationOfSymbolicLink(atPath: disk.path + "/current")
            #expect(now != served)
            let files = try #require(SiteWriter.manifest(of: site))
            #expect(TestSupport.files(under: disk.path + "/" + now) == TestSupport.files(under: site).filter { files.contains($0.key) })
        }

        @Test func anImportThatFillsTheDiskLeavesTheStoreAsItWas() async throws {
            try #require(FileManager.default.isExecutableFile(atPath: AllotBinary.path))
            let folder = TestSupport.scratch()
            for f in SyntheticLedger(accounts: 60, months: 6, seed: 5).files() { TestSupport.write(f.text, to: folder + "/" + f.name) }
            // The seats take about 0.1 MiB of store, their 22,000 events about 3 MiB.
            let disk = try Tmpfs(kilobytes: 1024)
            defer { disk.unmount() }
            func importing(_ file: String, into store: String) async throws -> (status: Int32, err: String) {
                try await AllotBinary.run(["import", "--config", folder + "/allot.toml", "--store", store, folder + "/" + file])
            }
            let store = disk.path + "/ledger.sqlite", reference = folder + "/reference.sqlite"
            #expect(try await importing("seats.csv", into: store).status == 0)
            let before = TestSupport.entries(under: disk.path)
            expectDiskFull(try await importing("events.csv", into: store), naming: store)
            #expect(TestSupport.differences(before, TestSupport.entries(under: disk.path)) == [], "the failed import changed these")
            try disk.resize(kilobytes: 16384)
            #expect(try await importing("events.csv", into: store).status == 0)
            #expect(try await importing("seats.csv", into: reference).status == 0)
            #expect(try await importing("events.csv", into: reference).status == 0)
            #expect(try LedgerStore(path: store).counts().events == LedgerStore(path: reference).counts().events)
        }
    }
}
