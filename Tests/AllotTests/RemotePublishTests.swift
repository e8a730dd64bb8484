import Foundation
import Testing

@testable import Allot

extension ProcessHeavyTests {
    /// Publishing to another host over ssh, against a real sshd on a loopback port
    /// (`SSHServer`). The other host is this one, so the test sees the folder published to,
    /// and nginx serves it while releases switch.
    @Suite(
        .cleansScratch, .processBehaviour,
        .enabled(
            if: SSHServer.installed && FileManager.default.isExecutableFile(atPath: "/usr/bin/rsync"),
            "needs sshd, ssh and rsync: run scripts/install-dependencies --for-tests"))
    struct RemotePublishTests {
        /// The transition ledger, to be published from `site` in its folder.
        struct Ledger {
            let folder = TestSupport.copyOfFixture("transition")
            var config: String { folder + "/allot.toml" }
            var site: String { folder + "/site" }

            /// Sets the ledger's title: every page then differs from another title's.
            func retitle(_ title: String) throws {
                let text = try String(contentsOfFile: config, encoding: .utf8)
                let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("title = ") })
                TestSupport.write(text.replacingOccurrences(of: line, with: "title = \"\(title)\""), to: config)
            }
        }

        func current(_ folder: String) -> String? { try? FileManager.default.destinationOfSymbolicLink(atPath: folder + "/current") }

        func releases(_ folder: String) -> Set<String> {
            Set((try? FileManager.default.contentsOfDirectory(atPath: folder + "/releases")) ?? [])
        }

        func inode(_ path: String) throws -> Int? { try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int }

        /// Release ids are to the second: a publish started in a later second than the last
        /// one ended gets an id that sorts after it.
        func nextSecond() async throws {
            let now = Date().timeIntervalSince1970
            try await Task.sleep(for: .seconds(now.rounded(.down) + 1.05 - now))
        }

        @Test func publishingTwiceLinksWhatDidNotChangeAndRollsBack() async throws {
            let server = try await SSHServer()
            defer { server.stop() }
            let ledger = Ledger(), folder = TestSupport.scratch() + "/www"
            let remote = ["--to", server.address(folder), "--ssh", server.ssh()]
            let publish = ["publish", "--config", ledger.config, "--out", ledger.site, "--keep", "2"] + remote
            let first = try await TestSupport.allot(publish)
            #expect(first.status == 0, "\(first.errorText)")
            #expect(first.outputText.hasPrefix("Published release "), "\(first.outputText)")
            let one = try #require(current(folder))
            let manifest = Set(try #require(SiteWriter.manifest(of: ledger.site)))
            #expect(
                TestSupport.files(under: folder + "/" + one) == TestSupport.files(under: ledger.site).filter { manifest.contains($0.key) })

            try ledger.retitle("Two")
            try await nextSecond()
            let second = try await TestSupport.allot(publish)
            #expect(second.status == 0, "\(second.errorText)")
            #expect(second.outputText.contains("\nPages: 0 added, "), "\(second.outputText)")
            let two = try #require(current(folder))
            #expect(two != one)
            #expect(
                TestSupport.files(under: folder + "/" + two) == TestSupport.files(under: ledger.site).filter { manifest.contains($0.key) })
            // The style sheet did not change: the new release holds a hard link to the old one's.
            #expect(try inode(folder + "/" + two + "/assets/style.css") == inode(folder + "/" + one + "/assets/style.css"))
            #expect(try inode(folder + "/" + two + "/index.html") != inode(folder + "/" + one + "/index.html"))

            let again = try await TestSupport.allot(publish)
            #expect(
                again.status == 0 && again.outputText.hasPrefix("Nothing changed since release"), "\(again.outputText)\(again.errorText)")
            #expect(current(folder) == two)

            let back = try await TestSupport.allot(["publish", "--rollback"] + remote)
            #expect(back.status == 0 && back.outputText.hasPrefix("Rolled back "), "\(back.outputText)\(back.errorText)")
            #expect(current(folder) == one)

            try ledger.retitle("Three")
            try await nextSecond()
            let third = try await TestSupport.allot(publish)
            #expect(
                third.status == 0 && third.outputText.contains("Removed 1 old releases (keeping 2)."),
                "\(third.outputText)\(third.errorText)")
            let three = try #require(current(folder))
            #expect(releases(folder) == Set([two, three].map { ($0 as NSString).lastPathComponent }))
        }

        @Test func aReaderNeverSeesAnErrorOrAMixedPageWhileRemoteReleasesSwitch() async throws {
            try #require(
                FileManager.default.isExecutableFile(atPath: "/usr/sbin/nginx"),
                "nginx is needed: run scripts/install-dependencies --for-tests")
            let server = try await SSHServer()
            defer { server.stop() }
            let sites = try ["One", "Two", "Three"].map(PublishTests.site(titled:))
            let work = TestSupport.scratch(), folder = work + "/www"
            let host = RemotePublisher(user: server.user, host: "127.0.0.1", port: Int(server.port), path: folder, ssh: server.ssh())
            func publish(_ i: Int) async throws {
                let site = sites[i % 3], id = String(format: "r%02d", i)
                _ = try await TestSupport.onOwnThread { try host.publish(site: site, files: SiteWriter.manifest(of: site)!, id: id) }
            }
            func rollback() async throws { _ = try await TestSupport.onOwnThread { try host.rollback() } }

            try await publish(0)
            let nginx = try await NginxServer(root: folder + "/current", work: work)
            defer { nginx.stop() }
            let paths = [
                "/index.html", "/accounts/alice/2015-01.html", "/accounts/alice/index.json", "/teams/acme/index.html", "/assets/style.css",
            ]
            // Each switch takes several ssh logins: under load the whole run takes far longer than locally.
            let reader = try PageReader(port: nginx.port, paths: paths, work: work, seconds: 900)
            defer { reader.kill() }
            try await reader.readEveryPathAgain()
            for i in 1...4 {
                try await publish(i)
                try await reader.readEveryPathAgain()
                if i == 2 {
                    try await rollback()
                    try await reader.readEveryPathAgain()
                }
            }
            try await rollback()
            try await reader.readEveryPathAgain()
            let (answers, summary) = try await reader.finish()
            #expect((summary["errors"] as? [String])?.isEmpty == true, "\(summary)")
            try PageReader.expectOnlyWholePages(answers, from: folder + "/releases")
            #expect(Set(answers.map { $0["sha256"] as! String }).count > paths.count, "the reader saw more than one release")
        }
    }
}
