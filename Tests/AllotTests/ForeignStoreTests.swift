import Foundation
import Testing

@testable import Allot

extension ProcessHeavyTests {
    /// `--store` pointed at an SQLite file another program made: refused, the file as it was.
    @Suite(.cleansScratch) struct ForeignStoreTests {
        @Test func anotherProgramsDatabaseIsRefusedAndLeftAsItWas() async throws {
            try #require(FileManager.default.isExecutableFile(atPath: TestSupport.allotBinary))
            let config = ComparisonTests.demo(), folder = (config as NSString).deletingLastPathComponent
            let file = TestSupport.scratch() + "/contacts.sqlite"
            let made =
                "import sqlite3, sys; db = sqlite3.connect(sys.argv[1]); db.execute('CREATE TABLE contact (name TEXT)'); "
                + "db.execute(\"INSERT INTO contact VALUES ('Ann')\"); db.commit()"
            #expect(try await ChildProcess("/usr/bin/env", ["python3", "-c", made, file]).ended().status == 0)
            let before = try #require(FileManager.default.contents(atPath: file))
            for command in [["import", folder + "/seats.csv"], ["build", "--out", folder + "/site"], ["check"]] {
                let run = try await TestSupport.allot(command + ["--config", config, "--store", file])
                #expect(run.status == 1, "\(command[0]): \(run.errorText)")
                #expect(
                    run.errorText
                        == "error: the store \(file) is not an Allot store: it holds a database another program made (contact); name another file with --store or the config's store, or move this one away\n"
                )
                #expect(FileManager.default.contents(atPath: file) == before)
            }
            #expect(!FileManager.default.fileExists(atPath: folder + "/site"))
            // An empty file is a new store.
            let empty = TestSupport.scratch() + "/empty.sqlite"
            FileManager.default.createFile(atPath: empty, contents: Data())
            #expect(try await TestSupport.allot(["import", "--config", config, "--store", empty, folder + "/seats.csv"]).status == 0)
        }
    }
}
