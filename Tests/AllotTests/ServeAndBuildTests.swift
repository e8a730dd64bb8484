import Foundation
import Testing

extension ProcessHeavyTests {
    /// `allot serve` (which builds when it starts and again on every change) and manual
    /// builds into the same folder, through the real binary: they take turns, and the
    /// site is byte for byte the one a lone build makes.
    @Suite(.cleansScratch, .processBehaviour) struct ServeAndBuildTests {
        /// The builds wait for each other as long as it takes: under the sanitizers, or
        /// beside the whole suite, one takes longer than the default 30 s.
        func launch(_ arguments: [String]) throws -> ChildProcess {
            try ChildProcess(
                TestSupport.allotBinary, arguments, keepOutput: true, keepErrors: true, environment: ["ALLOT_BUSY_TIMEOUT": "3600"])
        }

        /// Every entry but the lock file, which stays (empty) once made.
        func site(_ folder: String) -> [String: Data?] {
            TestSupport.entries(under: folder).filter { $0.key != ".allot-lock" }
        }

        @Test func serveRebuildingWhileABuildRunsLeavesTheSiteOfOneBuild() async throws {
            let folder = TestSupport.scratch() + "/ledger"
            let made = try await TestSupport.allot(["generate", "--accounts", "30", "--months", "4", "--seed", "3", "--out", folder])
            try #require(made.status == 0, "\(made.errorText)")
            let config = folder + "/allot.toml", out = folder + "/site"
            #expect(try await TestSupport.allot(["build", "--config", config, "--out", folder + "/clean"]).status == 0)
            let port = try await TestSupport.freePort()
            let serve = try launch(["serve", "--config", config, "--out", out, "--port", "\(port)"])
            defer { serve.kill() }
            // Beside serve's first build.
            let first = await (try launch(["build", "--config", config, "--out", out])).ended()
            #expect(first.status == 0, "\(first.errorText)")
            // The config written again as it was: serve builds again (it looks every half
            // second) while a second build runs.
            let text = try String(contentsOfFile: config, encoding: .utf8)
            try await Task.sleep(for: .seconds(1))
            try text.write(toFile: config, atomically: true, encoding: .utf8)
            try await Task.sleep(for: .milliseconds(400))
            let second = await (try launch(["build", "--config", config, "--out", out])).ended()
            #expect(second.status == 0, "\(second.errorText)")
            // Serve's rebuild holds the lock until it is done: it is done once a build can take it.
            let last = await (try launch(["build", "--config", config, "--out", out])).ended()
            #expect(last.outputText.contains(": 0 files written"), "\(last.outputText)")
            serve.kill()
            let served = await serve.ended()
            #expect(served.outputText.components(separatedBy: "Rebuilt:").count >= 3, "\(served.outputText)\(served.errorText)")
            let differences = TestSupport.differences(site(folder + "/clean"), site(out))
            #expect(differences.isEmpty, "\(differences.prefix(5))")
        }
    }
}
