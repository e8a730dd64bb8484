import Foundation
import Testing

@testable import AllotServe

extension ProcessHeavyTests {
    /// The preview server, run as `allot serve` is: right types, no way out of the site
    /// folder, fresh pages after a rebuild. (In the test process the server's tasks shared
    /// the cores with the suite's builds, and under CI's load waited past the clients'
    /// patience; a program of its own is also what users run.)
    @Suite(.cleansScratch) struct ServeTests {
        struct Fetched: Decodable { var path: String; var status: Int; var type: String?; var body: String }

        /// The answers to `paths`, in order; a request the server did not answer is an issue
        /// naming what the fetching script said.
        func fetch(_ port: UInt16, _ paths: [String]) async throws -> [Fetched] {
            let fetched = try await ChildProcess(
                "/usr/bin/env", ["python3", TestSupport.fixture("web/fetch.py"), String(port)] + paths, keepOutput: true,
                keepErrors: true
            ).ended()
            #expect(fetched.status == 0, "fetch.py: \(fetched.errorText)")
            return try fetched.output.split(separator: 0x0A).map { try JSONDecoder().decode(Fetched.self, from: Data($0)) }
        }

        /// `allot serve` of the transition ledger on a port of the system's choosing, with
        /// `templates` as its overrides when given; the site folder.
        func serving(templates: String? = nil) async throws -> (served: ServingBinary, site: String) {
            let folder = TestSupport.copyOfFixture("transition")
            let served = try await ServingBinary(
                ["--config", folder + "/allot.toml", "--out", folder + "/site", "--port", "0"]
                    + (templates.map { ["--templates", $0] } ?? []))
            return (served, folder + "/site")
        }

        @Test func pagesAssetsAndJSONAreServedWithTheirTypes() async throws {
            let s = try await serving()
            let got = try await fetch(
                s.served.port, ["/", "/index.html", "/accounts/alice/2015-01.json", "/assets/style.css", "/teams/acme/", "/nope.html"])
            await s.served.stop()
            try #require(got.count == 6, "the server did not answer every request")
            #expect(got.map(\.status) == [200, 200, 200, 200, 200, 404])
            #expect(
                got.map { $0.type ?? "" } == [
                    "text/html; charset=utf-8", "text/html; charset=utf-8", "application/json",
                    "text/css; charset=utf-8", "text/html; charset=utf-8", "text/html; charset=utf-8",
                ])
            #expect(got[2].body.contains("\"kind\" : \"statement\""))
            #expect(got[5].body.contains("Not found"))
            // The reload script is served, never written.
            #expect(got[0].body.contains("/__allot/status"))
            #expect(!(try String(contentsOfFile: s.site + "/index.html", encoding: .utf8)).contains("__allot"))
        }

        @Test func noRequestReadsOutsideTheSite() async throws {
            let s = try await serving()
            let secret = (s.site as NSString).deletingLastPathComponent + "/allot.toml"
            try FileManager.default.createSymbolicLink(atPath: s.site + "/out.toml", withDestinationPath: secret)
            try FileManager.default.createSymbolicLink(atPath: s.site + "/up", withDestinationPath: "..")
            let attempts = [
                "/../allot.toml", "/%2e%2e/allot.toml", "/%2E%2E/allot.toml", "/..%2fallot.toml", "/accounts/..%2f..%2fallot.toml",
                "/accounts/%2e%2e/%2e%2e/allot.toml", "/%2e%2e%2fallot.toml", "/..\\allot.toml", "/%5c..%5callot.toml",
                "/out.toml", "/up/allot.toml", "/assets/%00style.css", "//etc/passwd", "/./../allot.toml",
            ]
            let answers = try await fetch(s.served.port, attempts)
            await s.served.stop()
            try #require(answers.count == attempts.count, "the server did not answer every request")
            for r in answers {
                #expect(r.status == 404, "\(r.path) answered \(r.status)")
                #expect(!r.body.contains("inmail-2015"), "\(r.path) leaked the config")
            }
        }

        @Test func aTemplateEditIsServedAfterTheRebuild() async throws {
            let templates = TestSupport.scratch()
            TestSupport.write("# Team page for {{name}}\n", to: templates + "/team.md")
            let s = try await serving(templates: templates)
            struct Status: Decodable { var version: Int }
            func version() async throws -> Int? {
                let answers = try await fetch(s.served.port, ["/__allot/status"])
                guard let body = answers.first?.body else { return nil }
                return try? JSONDecoder().decode(Status.self, from: Data(body.utf8)).version
            }
            let before = try #require(try await version())
            TestSupport.write("# Edited team page for {{name}}\n", to: templates + "/team.md")
            let deadline = Date().addingTimeInterval(60)
            var now = before
            while now == before && Date() < deadline {
                try await Task.sleep(for: .milliseconds(200))
                now = try await version() ?? before
            }
            let got = try await fetch(s.served.port, ["/teams/acme/index.html"])
            await s.served.stop()
            // More than one rebuild may land between two looks on a loaded machine (CI saw
            // version 1 become 3); the page's bytes say the edit was built.
            #expect(now > before, "no rebuild was seen: \(s.served.errorText)")
            #expect(got.first?.body.contains("<h1>Edited team page for acme</h1>") == true)
        }

        @Test func aTemplateEditIsSeenOnce() {
            let templates = TestSupport.scratch()
            var watcher = ChangeWatcher(paths: [templates])
            TestSupport.write("# Edited team page for {{name}}\n", to: templates + "/team.md")
            let first = watcher.changed(), second = watcher.changed()
            #expect(first)
            #expect(!second)
        }

        @Test func sitePathRefusesEveryWayOut() {
            let root = TestSupport.scratch()
            TestSupport.write("<p>x</p>", to: root + "/index.html")
            let site = SitePath(root: root)
            #expect(site.file(forRawPath: "/") == site.root + "/index.html")
            #expect(site.file(forRawPath: "/index.html?x=1") == site.root + "/index.html")
            for bad in ["/..", "/%2e%2e/", "/a/%2F..%2F..", "relative", "/index.html%00", "/%2e"] {
                #expect(site.file(forRawPath: bad) == nil, "\(bad)")
            }
        }
    }
}
