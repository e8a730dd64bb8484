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
            for dump in ["Domain=", "Code=", "Error:", "CocoaError", "NSError", "ImportFailure", "AllotError", "SiteWriteError"] {
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

        @Test(.enabled(if: Tmpfs.allowed, "mounting a small tmpfs needs root with CAP_SYS_ADMIN"))
        func aFullDiskIsNamedWithWhatToDo() async throws {
            try #require(FileManager.default.isExecutableFile(atPath: TestSupport.allotBinary))
            let folder = TestSupport.copyOfFixture("transition")
            let disk = try Tmpfs(bytes: 64 * 1024)
            defer { disk.unmount() }
            let result = try await TestSupport.allot(["build", "--config", folder + "/allot.toml", "--out", disk.path + "/site"])
            expectPlain(result, saying: [disk.path + "/site", ": the disk is full; free some space and run the command again"])
        }

        @Test(.enabled(if: Tmpfs.allowed, "mounting a read-only tmpfs needs root with CAP_SYS_ADMIN"))
        func publishingToAReadOnlyDiskSaysSo() async throws {
            try #require(FileManager.default.isExecutableFile(atPath: TestSupport.allotBinary))
            let folder = TestSupport.copyOfFixture("transition")
            let disk = try Tmpfs(bytes: 64 * 1024, readOnly: true)
            defer { disk.unmount() }
            let result = try await TestSupport.allot([
                "publish", "--config", folder + "/allot.toml", "--out", folder + "/site", "--to", disk.path + "/www",
            ])
            expectPlain(result, saying: [disk.path + "/www: the file system is read-only; choose another place"])
        }

        /// Root may write anywhere, so as root the binary runs as nobody, who is given the
        /// ledger but not the folder the site goes in.
        @Test(.enabled(if: geteuid() != 0 || FileManager.default.isExecutableFile(atPath: Self.setpriv), "needs setpriv (util-linux)"))
        func aFolderThatCannotBeWrittenIsNamed() async throws {
            try #require(FileManager.default.isExecutableFile(atPath: TestSupport.allotBinary))
            let folder = TestSupport.copyOfFixture("transition")
            let locked = TestSupport.scratch() + "/locked"
            try FileManager.default.createDirectory(
                atPath: locked, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o555])
            let arguments = ["build", "--config", folder + "/allot.toml", "--out", locked + "/site"]
            let result: ChildProcess.Ended
            if geteuid() == 0 {
                try Self.giveToNobody(folder)
                let asNobody = ["--reuid=\(Self.nobody)", "--regid=\(Self.nobody)", "--clear-groups", try Self.binaryNobodyCanRun()]
                result = try await ChildProcess(Self.setpriv, asNobody + arguments, keepErrors: true).ended()
            } else {
                result = try await TestSupport.allot(arguments)
            }
            expectPlain(result, saying: [locked + "/site: permission denied; run as a user who may write there, or choose another place"])
        }

        static let setpriv = "/usr/bin/setpriv"
        static let nobody: UInt32 = 65534

        /// The clone may live where nobody cannot enter (a `mktemp -d` folder is mode 700),
        /// so nobody runs a copy in a scratch folder of its own, which the system's temporary
        /// folder always lets it reach.
        static func binaryNobodyCanRun() throws -> String {
            let copy = TestSupport.scratch() + "/allot"
            try FileManager.default.copyItem(atPath: TestSupport.allotBinary, toPath: copy)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: copy)
            return copy
        }

        static func giveToNobody(_ folder: String) throws {
            let paths = [folder] + (FileManager.default.subpaths(atPath: folder) ?? []).map { folder + "/" + $0 }
            for path in paths where lchown(path, nobody, nobody) != 0 { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EPERM) }
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

        /// ArgumentParser's own words for a mistake in the command line stay as they are.
        @Test func anUnknownOptionGetsArgumentParsersUsage() async throws {
            try #require(FileManager.default.isExecutableFile(atPath: TestSupport.allotBinary))
            let result = try await TestSupport.allot(["serve", "--hots", "127.0.0.1"])
            #expect(result.status == 64)
            #expect(result.errorText.hasPrefix("Error: Unknown option '--hots'"), "\(result.errorText)")
            #expect(result.errorText.contains("Usage: allot serve"), "\(result.errorText)")
        }

        /// Help is ArgumentParser's to give, in either spelling.
        @Test func helpForACommandIsItsHelp() async throws {
            try #require(FileManager.default.isExecutableFile(atPath: TestSupport.allotBinary))
            for arguments in [["serve", "--help"], ["help", "serve"]] {
                let result = try await TestSupport.allot(arguments)
                #expect(result.status == 0, "\(arguments): \(result.errorText)")
                #expect(result.outputText.contains("USAGE: allot serve"), "\(arguments): \(result.outputText)")
                #expect(result.errorText.isEmpty, "\(arguments): \(result.errorText)")
            }
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
