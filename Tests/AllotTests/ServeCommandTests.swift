import Foundation
import Testing

extension ProcessHeavyTests {
    /// `allot serve` as a user starts it.
    @Suite(.cleansScratch) struct ServeCommandTests {
        @Test func servingOnPortZeroPrintsThePortItGot() async throws {
            let folder = TestSupport.copyOfFixture("transition")
            let served = try await ServingBinary(["--config", folder + "/allot.toml", "--out", folder + "/site", "--port", "0"])
            let answer = served.port == 0 ? "" : try await TestSupport.python("web/fetch.py", [String(served.port), "/"])
            await served.stop()
            #expect(served.port != 0, "\(served.outputText)")
            #expect(answer == "", "nothing answered on the printed port \(served.port): \(answer)")
        }
    }
}
