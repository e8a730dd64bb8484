import Foundation
import Testing

@testable import Allot

extension ProcessHeavyTests {
    /// Failures through the real binary: `error: ` and a sentence naming the path and
    /// what to do; never Foundation's `Domain=` dump, a Swift type name or `Error:`.
    @Suite(.cleansScratch) struct ErrorTextTests {
        func expectPlain(_ result: ChildProcess.Ended, saying words: [String]) {
            let err = result.errorText
            #expect(result.status == 1)
            #expect(err.hasPrefix("error: "), "\(err)")
            for word in words { #expect(err.contains(word), "\(err)") }
            for dump in ["Domain=", "Code=", "Error:", "CocoaError", "NSError", "ImportFailure", "AllotError"] {
                #expect(!err.contains(dump), "\(err)")
            }
        }

        /// `build --out` naming a file, and `publish --to` a folder under one.
        @Test(arguments: [["build", "--out", "taken"], ["publish", "--to", "taken/www"]])
        func aFileWhereAFolderIsNeededIsNamed(_ command: [String]) async throws {
            try #require(FileManager.default.isExecutableFile(atPath: TestSupport.allotBinary))
            let folder = TestSupport.copyOfFixture("transition")
            TestSupport.write("not a folder", to: folder + "/taken")
            expectPlain(
                try await TestSupport.allot([command[0], "--config", folder + "/allot.toml", command[1], folder + "/" + command[2]]),
                saying: [folder + "/taken", "is a file where a folder is needed"])
        }

        @Test func serveOnABusyPortSaysSoBeforeBuilding() async throws {
            try #require(FileManager.default.isExecutableFile(atPath: TestSupport.allotBinary))
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
            let result = try await TestSupport.allot([
                "serve", "--config", folder + "/allot.toml", "--port", "\(port)", "--out", folder + "/site",
            ])
            expectPlain(result, saying: ["port \(port) on 127.0.0.1 is in use", "--port"])
            #expect(!FileManager.default.fileExists(atPath: folder + "/site"))
        }

        @Test func serveOnAHostThatIsNotAnAddressSaysSo() async throws {
            try #require(FileManager.default.isExecutableFile(atPath: TestSupport.allotBinary))
            let folder = TestSupport.copyOfFixture("transition")
            let result = try await TestSupport.allot([
                "serve", "--config", folder + "/allot.toml", "--host", "example.invalid", "--out", folder + "/site",
            ])
            expectPlain(result, saying: ["--host example.invalid is not an IPv4 address"])
            #expect(!FileManager.default.fileExists(atPath: folder + "/site"))
        }

        @Test func notifyWithoutASenderNamesTheConfig() async throws {
            try #require(FileManager.default.isExecutableFile(atPath: TestSupport.allotBinary))
            let folder = TestSupport.copyOfFixture("transition")
            let result = try await TestSupport.allot(["notify", "--config", folder + "/allot.toml", "--outbox", folder + "/out"])
            expectPlain(result, saying: [folder + "/allot.toml", "notify.from is not set"])
            #expect(!result.errorText.contains("nothing was imported"))
        }
    }
}
