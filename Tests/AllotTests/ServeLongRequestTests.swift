import Foundation
import Testing

extension ProcessHeavyTests {
    /// The `allot serve` binary against request lines and headers far past any sensible
    /// length: refused at once, linearly, and nothing left working for a client that left.
    @Suite(.cleansScratch) struct ServeLongRequestTests {
        struct Report: Decodable {
            struct Answer: Decodable {
                var what: String?
                var status: Int
                var seconds: Double
            }
            var answers: [Answer]
            var afterFlood: Answer
            var keptAlive: [Int]
        }

        @Test func longLinesAndHeadersAreRefusedAtOnceAndTheServerStaysFree() async throws {
            let served = try await ServeLoadTests.Served()
            defer { served.process.kill() }
            let run = try await ChildProcess(
                "/usr/bin/env", ["python3", TestSupport.fixture("web/long-lines.py"), String(served.port)],
                keepOutput: true, keepErrors: true
            ).ended()
            try #require(run.status == 0, "long-lines.py failed: \(run.errorText)")
            let report = try JSONDecoder().decode(Report.self, from: run.output)
            // Before the front door, FlyingFox took 17 s over the 200 KB line and over
            // 100 s to answer anyone after the two 1 MB lines.
            let quick = TestSupport.sanitized ? 20.0 : 5.0
            #expect(report.answers.map(\.status) == [414, 414, 431, 431])
            for answer in report.answers {
                #expect(answer.seconds < quick, "\(answer.what ?? ""): \(answer.seconds) s")
            }
            #expect(report.afterFlood.status == 200)
            #expect(report.afterFlood.seconds < quick, "after two clients sent 1 MB lines: \(report.afterFlood.seconds) s")
            #expect(report.keptAlive == [200, 200], "two requests on one connection")
        }
    }
}
