import FlyingFox
import Foundation
import Testing

@testable import Allot
@testable import AllotServe

extension ProcessHeavyTests {
    /// The preview server: right types, no way out of the site folder, fresh pages after a rebuild.
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

        /// A built transition site served on a free loopback port.
        func serving() async throws -> (server: Task<Void, any Error>, port: UInt16, project: Project, site: String, state: PreviewState) {
            let folder = TestSupport.copyOfFixture("transition")
            let project = try Project(configPath: folder + "/allot.toml")
            _ = try project.buildSite(into: folder + "/site")
            let state = PreviewState()
            await state.built()
            let server = try PreviewServer(
                address: try sockaddr_in.inet(ip4: "127.0.0.1", port: 0), root: folder + "/site", state: state,
                executor: ServerExecutor.shared)
            let running = Task(executorPreference: ServerExecutor.shared) { try await server.run() }
            return (running, server.port, project, folder + "/site", state)
        }

        @Test func pagesAssetsAndJSONAreServedWithTheirTypes() async throws {
            let s = try await serving()
            defer { s.server.cancel() }
            let got = try await fetch(
                s.port, ["/", "/index.html", "/accounts/alice/2015-01.json", "/assets/style.css", "/teams/acme/", "/nope.html"])
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
            defer { s.server.cancel() }
            let secret = (s.site as NSString).deletingLastPathComponent + "/allot.toml"
            try FileManager.default.createSymbolicLink(atPath: s.site + "/out.toml", withDestinationPath: secret)
            try FileManager.default.createSymbolicLink(atPath: s.site + "/up", withDestinationPath: "..")
            let attempts = [
                "/../allot.toml", "/%2e%2e/allot.toml", "/%2E%2E/allot.toml", "/..%2fallot.toml", "/accounts/..%2f..%2fallot.toml",
                "/accounts/%2e%2e/%2e%2e/allot.toml", "/%2e%2e%2fallot.toml", "/..\\allot.toml", "/%5c..%5callot.toml",
                "/out.toml", "/up/allot.toml", "/assets/%00style.css", "//etc/passwd", "/./../allot.toml",
            ]
            let answers = try await fetch(s.port, attempts)
            try #require(answers.count == attempts.count, "the server did not answer every request")
            for r in answers {
                #expect(r.status == 404, "\(r.path) answered \(r.status)")
                #expect(!r.body.contains("inmail-2015"), "\(r.path) leaked the config")
            }
        }

        @Test func aTemplateEditIsServedAfterTheRebuild() async throws {
            let s = try await serving()
            defer { s.server.cancel() }
            let templates = TestSupport.scratch()
            var watcher = ChangeWatcher(paths: [templates])
            TestSupport.write("# Edited team page for {{name}}\n", to: templates + "/team.md")
            let first = watcher.changed(), second = watcher.changed()
            #expect(first)
            #expect(!second)
            let before = await s.state.version
            _ = try s.project.buildSite(into: s.site, templates: templates)
            await s.state.built()
            let got = try await fetch(s.port, ["/teams/acme/index.html", "/__allot/status"])
            try #require(got.count == 2, "the server did not answer every request")
            #expect(got[0].body.contains("<h1>Edited team page for acme</h1>"))
            #expect(got[1].body.contains("\"version\":\(before + 1)"))
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
