import Foundation
import Testing

@testable import Allot

extension ProcessHeavyTests {
    /// Failures through the real binary: `error: ` and a sentence naming the path and
    /// what to do; never Foundation's `Domain=` dump, a Swift type name or `Error:`.
    @Suite(.cleansScratch) struct ErrorTextTests {
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

        /// `build --out` naming a file, and `publish --to` a folder under one.
        @Test(arguments: [["build", "--out", "taken"], ["publish", "--to", "taken/www"]])
        func aFileWhereAFolderIsNeededIsNamed(_ command: [String]) throws {
            try #require(FileManager.default.isExecutableFile(atPath: CrashAndConcurrencyTests.binary))
            let folder = TestSupport.copyOfFixture("transition")
            TestSupport.write("not a folder", to: folder + "/taken")
            expectPlain(
                try allot([command[0], "--config", folder + "/allot.toml", command[1], folder + "/" + command[2]]),
                saying: [folder + "/taken", "is a file where a folder is needed"])
        }

        @Test func serveOnABusyPortSaysSoBeforeBuilding() throws {
            try #require(FileManager.default.isExecutableFile(atPath: CrashAndConcurrencyTests.binary))
            let folder = TestSupport.copyOfFixture("transition")
            // Another program holding a port: a listening socket on an ephemeral one.
            let holder = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(holder) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            try withUnsafeMutablePointer(to: &address) { pointer in
                try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    try #require(bind(holder, $0, length) == 0 && listen(holder, 1) == 0 && getsockname(holder, $0, &length) == 0)
                }
            }
            let port = UInt16(bigEndian: address.sin_port)
            let result = try allot(["serve", "--config", folder + "/allot.toml", "--port", "\(port)", "--out", folder + "/site"])
            expectPlain(result, saying: ["port \(port) on 127.0.0.1 is in use", "--port"])
            #expect(!FileManager.default.fileExists(atPath: folder + "/site"))
        }

        @Test func serveOnAHostThatIsNotAnAddressSaysSo() throws {
            try #require(FileManager.default.isExecutableFile(atPath: CrashAndConcurrencyTests.binary))
            let folder = TestSupport.copyOfFixture("transition")
            let result = try allot(["serve", "--config", folder + "/allot.toml", "--host", "example.invalid", "--out", folder + "/site"])
            expectPlain(result, saying: ["--host example.invalid is not an IPv4 address"])
            #expect(!FileManager.default.fileExists(atPath: folder + "/site"))
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
