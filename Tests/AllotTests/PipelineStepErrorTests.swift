import Foundation
import Testing

extension ProcessHeavyTests {
    /// A team that fails part way through the steps every build runs for it (read it from
    /// the store, replay it, render it) is named with the step, and the site is left alone.
    @Suite(.cleansScratch) struct PipelineStepErrorTests {
        @Test func aTeamTheStoreCannotGiveBackIsNamedWithTheStep() async throws {
            try #require(FileManager.default.isExecutableFile(atPath: TestSupport.allotBinary))
            let config = ComparisonTests.demo(), folder = (config as NSString).deletingLastPathComponent
            let store = folder + "/.allot/ledger.sqlite"
            let imported = try await TestSupport.allot(["import", "--config", config, folder + "/seats.csv", folder + "/events.csv"])
            #expect(imported.status == 0, "\(imported.errorText)")
            // An event of a type no version of Allot wrote, in Ana's team (helix).
            let damage =
                "import sqlite3, sys; db = sqlite3.connect(sys.argv[1]); "
                + "db.execute(\"UPDATE event SET type = 'gift' WHERE id = 'e0002'\"); db.commit()"
            #expect(try await ChildProcess("/usr/bin/env", ["python3", "-c", damage, store]).ended().status == 0)
            let run = try await TestSupport.allot(["build", "--config", config, "--out", folder + "/site"])
            #expect(run.status == 1)
            #expect(
                run.errorText.hasPrefix("error: team helix: reading its seats and events from the store failed: the store "),
                "\(run.errorText)")
            #expect(run.errorText.contains("holds event e0002 of type gift, which this version of Allot does not know"))
            #expect(!FileManager.default.fileExists(atPath: folder + "/site/index.html"))
        }
    }
}
