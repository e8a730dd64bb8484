import AllotMail
import AllotSupport
import Foundation
import Testing

@testable import Allot

extension ProcessHeavyTests {
    /// Publishing: whole releases, an atomic switch, pruning and rollback, under a real nginx.
    @Suite(.cleansScratch, .processBehaviour) struct PublishTests {
        /// The transition ledger built with the given title: every page differs between titles.
        static func site(titled title: String) throws -> String {
            let folder = TestSupport.copyOfFixture("transition")
            let config = try String(contentsOfFile: folder + "/allot.toml", encoding: .utf8)
            TestSupport.write(config.replacingOccurrences(of: "title = \"t\"", with: "title = \"\(title)\""), to: folder + "/allot.toml")
            _ = try Project(configPath: folder + "/allot.toml").buildSite(into: folder + "/site")
            return folder + "/site"
        }

        func publish(_ p: Publisher, _ site: String, _ id: String) throws -> ReleaseChange {
            try p.publish(site: site, files: SiteWriter.manifest(of: site)!, id: id)
        }

        @Test func rollbackRestoresThePreviousBytesAndKeepPrunes() throws {
            let (a, b) = (try Self.site(titled: "A"), try Self.site(titled: "B"))
            let p = Publisher(folder: TestSupport.scratch() + "/pub")
            let first = try publish(p, a, "r01")
            #expect(first.added.count == SiteWriter.manifest(of: a)!.count)
            let second = try publish(p, b, "r02")
            #expect(second.previous == "r01")
            #expect(second.changed.contains("index.html"))
            #expect(try p.current() == "r02")
            let back = try p.rollback()
            #expect(back.release == "r01")
            #expect(try p.current() == "r01")
            let served = TestSupport.files(under: URL(fileURLWithPath: p.folder + "/current").resolvingSymlinksInPath().path)
            let original = TestSupport.files(under: a).filter { !$0.key.hasPrefix(".allot-") }
            #expect(served == original)
            for i in 3...6 { _ = try publish(p, i % 2 == 0 ? a : b, String(format: "r%02d", i)) }
            let removed = try p.prune(keep: 2)
            #expect(removed == ["r01", "r02", "r03", "r04"])
            #expect(p.releases() == ["r05", "r06"])
            #expect(throws: AllotError.self) { try publish(p, b, "r06") }
            // The same files under an existing id: what a publish killed before switching left.
            _ = try p.rollback()
            #expect(try publish(p, a, "r06").release == "r06")
            #expect(try p.current() == "r06")
        }

        @Test func aReaderNeverSeesAnErrorOrAMixedPageWhileReleasesSwitch() async throws {
            try #require(
                FileManager.default.isExecutableFile(atPath: "/usr/sbin/nginx"),
                "nginx is needed: run scripts/install-dependencies --for-tests")
            let sites = try ["One", "Two", "Three"].map(Self.site(titled:))
            let work = TestSupport.scratch()
            let p = Publisher(folder: work + "/pub")
            _ = try publish(p, sites[0], "r00")
            let nginx = try await NginxServer(root: p.folder + "/current", work: work)
            defer { nginx.stop() }
            let paths = [
                "/index.html", "/accounts/alice/2015-01.html", "/accounts/alice/index.json", "/teams/acme/index.html",
                "/warnings/index.html", "/assets/style.css",
            ]
            let reader = try PageReader(port: nginx.port, paths: paths, work: work)
            defer { reader.kill() }
            try await reader.readEveryPathAgain()
            for i in 1...20 {
                _ = try publish(p, sites[i % 3], String(format: "r%02d", i))
                try await reader.readEveryPathAgain()
                if i == 10 { _ = try p.rollback(); try await reader.readEveryPathAgain() }
            }
            _ = try p.rollback()
            try await reader.readEveryPathAgain()
            let (answers, summary) = try await reader.finish()
            #expect((summary["errors"] as! [String]).isEmpty, "\(summary)")
            #expect((summary["requests"] as! Int) > 50)
            try PageReader.expectOnlyWholePages(answers, from: p.folder + "/releases")
            #expect(Set(answers.map { $0["sha256"] as! String }).count > paths.count, "the reader saw more than one release")
        }
    }

    /// nginx serving a folder on a free loopback port, started and stopped by a test.
    final class NginxServer {
        let process: ChildProcess
        let port: UInt16

        init(root: String, work: String) async throws {
            port = try await TestSupport.freePort()
            let config = """
                daemon off;
                worker_processes 1;
                pid \(work)/nginx.pid;
                error_log \(work)/nginx-error.log;
                events { worker_connections 64; }
                http {
                  access_log off;
                  types { text/html html; text/css css; application/json json; }
                  server {
                    listen 127.0.0.1:\(port);
                    root \(root);
                    location / { try_files $uri $uri/index.html =404; }
                  }
                }
                """
            TestSupport.write(config, to: work + "/nginx.conf")
            process = try ChildProcess("/usr/sbin/nginx", ["-p", work, "-c", work + "/nginx.conf"])
            // Ready when it answers; given up on only when it has exited or a minute has passed.
            let deadline = Date().addingTimeInterval(60)
            while process.isRunning && Date() < deadline {
                if (try? await TestSupport.python("web/fetch.py", [String(port), "/assets/style.css"])) == "" { return }
                try await Task.sleep(for: .milliseconds(50))
            }
            stop()
            _ = await process.ended()
            throw NotAnswering(description: "nginx never answered on port \(port); see \(work)/nginx-error.log")
        }

        struct NotAnswering: Error, CustomStringConvertible { var description: String }

        /// nginx stops at once on SIGTERM (it unblocks the signal itself); nothing needs to
        /// wait for it.
        func stop() { process.kill(SIGTERM) }
    }
}
