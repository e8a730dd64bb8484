import Foundation
import Testing

@testable import Allot

extension ProcessHeavyTests {
    /// Failures through the real binary: `error: ` and a sentence naming the path and
    /// what to do; never Foundation's `Domain=` dump, a Swift type name or `Error:`.
    @Suite struct ErrorTextTests {
        func allot(_ arguments: [String]) throws -> (status: Int32, err: String) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: CrashAndConcurrencyTests.binary)
            p.arguments = arguments
            let err = Pipe()
            p.standardOutput = FileHandle.nullDevice
            p.standardError = err
            try p.run()
            let e = err.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return (p.terminationStatus, String(decoding: e, as: UTF8.self))
        }

        func expectPlain(_ result: (status: Int32, err: String), saying words: [String]) {
            #expect(result.status == 1)
            #expect(result.err.hasPrefix("error: "), "\(result.err)")
            for word in words { #expect(result.err.contains(word), "\(result.err)") }
            for dump in ["Domain=", "Code=", "Error:", "CocoaError", "NSError", "ImportFailure", "AllotError"] {
                #expect(!result.err.contains(dump), "\(result.err)")
            }
        }

        @Test func outNamingAFileSaysAFileIsInTheWay() throws {
            try #require(FileManager.default.isExecutableFile(atPath: CrashAndConcurrencyTests.binary))
            let folder = TestSupport.copyOfFixture("transition")
            TestSupport.write("not a folder", to: folder + "/taken")
            expectPlain(
                try allot(["build", "--config", folder + "/allot.toml", "--out", folder + "/taken"]),
                saying: [folder + "/taken", "is a file where a folder is needed"])
        }

        @Test func outInsideAFileSaysAFileIsInTheWay() throws {
            try #require(FileManager.default.isExecutableFile(atPath: CrashAndConcurrencyTests.binary))
            let folder = TestSupport.copyOfFixture("transition")
            TestSupport.write("not a folder", to: folder + "/taken")
            expectPlain(
                try allot(["publish", "--config", folder + "/allot.toml", "--to", folder + "/taken/www"]),
                saying: [folder + "/taken", "is a file where a folder is needed"])
        }

        @Test func notifyWithoutASenderNamesTheConfig() throws {
            try #require(FileManager.default.isExecutableFile(atPath: CrashAndConcurrencyTests.binary))
            let folder = TestSupport.copyOfFixture("transition")
            let result = try allot(["notify", "--config", folder + "/allot.toml", "--outbox", folder + "/out"])
            expectPlain(result, saying: [folder + "/allot.toml", "notify.from is not set"])
            #expect(!result.err.contains("nothing was imported"))
        }
    }
}
