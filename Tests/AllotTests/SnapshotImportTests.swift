import AllotImport
import AllotStore
import Foundation
import Testing

@testable import Allot

extension ProcessHeavyTests {
    /// Spec §8: the store holds what the sources say now, never what they no longer say, in
    /// either kind of store.
    @Suite(.cleansScratch) struct SnapshotImportTests {
        static let seats = """
            account,name,team,email,opened,closed
            ann,Ann,red,ann@example.com,2015-01-01,
            bob,Bob,red,,2015-01-01,
            cy,Cy,blue,,2015-01-01,

            """
        static let header = "id,time,type,account,message,to,amount,note"
        static let events = [
            "e1,2015-01-05T10:00:00Z,send,ann,m1,,,",
            "e2,2015-01-06T10:00:00Z,accept,,m1,,,",
            "g1,2015-01-07T10:00:00Z,grant,ann,,,5,bought",
            "s1,2015-01-08T10:00:00Z,share,ann,,bob,2,",
            "g2,2015-01-09T10:00:00Z,grant,cy,,,3,",
        ]

        /// A project whose sources are `seats.csv` and the given event files, with a new store
        /// of the given kind.
        func project(_ files: [String: [String]], _ kind: StoreKind = .sqlite) async throws -> (Project, String) {
            let folder = TestSupport.scratch()
            let names = files.keys.sorted()
            let list = (["seats.csv"] + names).map { "\"\($0)\"" }.joined(separator: ", ")
            TestSupport.write(
                "sources = [\(list)]\n[[policy]]\nname = \"inmail-2015\"\nfrom = \"2015-01-01\"\n", to: folder + "/allot.toml")
            TestSupport.write(Self.seats, to: folder + "/seats.csv")
            for (name, rows) in files { write(rows, folder + "/" + name) }
            return (try Project(configPath: folder + "/allot.toml", storePath: try await kind.location()), folder)
        }

        func write(_ rows: [String], _ path: String) {
            TestSupport.write(([Self.header] + rows).joined(separator: "\n") + "\n", to: path)
        }

        /// What a fresh store holds after importing the project's sources as they are now.
        func fresh(_ project: Project, _ folder: String) throws -> (accounts: [Account], events: [LedgerEvent]) {
            let again = try Project(configPath: project.configPath, storePath: TestSupport.scratch() + "/fresh.sqlite")
            try again.importSources()
            return try again.store.load()
        }

        func expectSameAsFresh(_ project: Project, _ folder: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let now = try project.store.load(), expected = try fresh(project, folder)
            #expect(now.accounts == expected.accounts, sourceLocation: sourceLocation)
            #expect(now.events == expected.events, sourceLocation: sourceLocation)
        }

        @Test(arguments: StoreKind.allCases) func editedRowsAreReplacedRemovedRowsLeaveAndTheImportSaysSo(_ kind: StoreKind) async throws {
            let (project, folder) = try await project(["events.csv": Self.events], kind)
            try project.importSources()
            var rows = Self.events
            rows.removeAll { $0.hasPrefix("g2,") }
            rows[2] = "g1,2015-01-07T10:00:00Z,grant,ann,,,5,bought again"
            rows.append("g3,2015-01-10T10:00:00Z,grant,bob,,,1,")
            write(rows, folder + "/events.csv")
            let plan = try project.importSources()
            #expect(plan.sourceChanges == [SourceChange(source: "events.csv", added: 1, changed: 1, removed: 1, ids: ["g1", "g2"])])
            #expect(plan.sourceChanges[0].description == "events.csv: 1 added, 1 changed, 1 removed: g1, g2")
            #expect(try project.store.load().events.map(\.id) == ["e1", "e2", "g1", "g3", "s1"])
            #expect(try project.store.load().events.first { $0.id == "g1" }?.note == "bought again")
            try expectSameAsFresh(project, folder)
        }

        @Test(arguments: StoreKind.allCases) func reorderedRowsChangeNothing(_ kind: StoreKind) async throws {
            let (project, folder) = try await project(["events.csv": Self.events], kind)
            try project.importSources()
            let revision = try project.store.revision()
            write(Self.events.reversed(), folder + "/events.csv")
            let plan = try project.importSources()
            #expect(plan.isEmpty)
            #expect(plan.sourceChanges == [SourceChange(source: "events.csv", added: 0, changed: 0, removed: 0, ids: [])])
            #expect(try project.store.revision() == revision)
            try expectSameAsFresh(project, folder)
        }

        @Test(arguments: StoreKind.allCases) func editedSeatRowsAreReplacedAndRemovedSeatsLeave(_ kind: StoreKind) async throws {
            let (project, folder) = try await project(["events.csv": Array(Self.events.prefix(4))], kind)
            try project.importSources()
            TestSupport.write(
                Self.seats.replacingOccurrences(of: "ann,Ann,red,ann@example.com", with: "ann,Ann Lee,red,ann.lee@example.com")
                    .replacingOccurrences(of: "cy,Cy,blue,,2015-01-01,\n", with: ""), to: folder + "/seats.csv")
            let plan = try project.importSources()
            #expect(plan.sourceChanges == [SourceChange(source: "seats.csv", added: 0, changed: 1, removed: 1, ids: ["ann", "cy"])])
            #expect(try project.store.load().accounts.map(\.name) == ["Ann Lee", "Bob"])
            try expectSameAsFresh(project, folder)
        }

        @Test(arguments: StoreKind.allCases) func aSeatWhoseEventsStayCannotBeRemovedOrClosedBeforeThem(_ kind: StoreKind) async throws {
            let (project, folder) = try await project(["events.csv": Self.events], kind)
            try project.importSources()
            let before = try project.store.load()
            TestSupport.write(Self.seats.replacingOccurrences(of: "cy,Cy,blue,,2015-01-01,\n", with: ""), to: folder + "/seats.csv")
            let removed = try #require(throws: ImportFailure.self) { try project.importSources() }
            #expect(removed.issues.map(\.description) == ["events.csv:6: account: cy is not a known seat; add it to a seats file"])
            TestSupport.write(
                Self.seats.replacingOccurrences(of: "cy,Cy,blue,,2015-01-01,", with: "cy,Cy,blue,,2015-01-01,2015-01-08"),
                to: folder + "/seats.csv")
            let closed = try #require(throws: ImportFailure.self) { try project.importSources() }
            #expect(
                closed.issues.map(\.description) == [
                    "events.csv:6: time: 2015-01-09T10:00:00Z is outside the open period of seat cy (from 2015-01-01T00:00:00Z to 2015-01-08T00:00:00Z)"
                ])
            #expect(try project.store.load().accounts == before.accounts)
            #expect(try project.store.load().events == before.events)
        }

        @Test(arguments: StoreKind.allCases) func aSeatThatOnlyItsSourceHoldsMayMoveTeamAndItsEventsFollow(_ kind: StoreKind) async throws {
            let (project, folder) = try await project(["events.csv": [Self.events[4]]], kind)
            try project.importSources()
            TestSupport.write(Self.seats.replacingOccurrences(of: "cy,Cy,blue", with: "cy,Cy,green"), to: folder + "/seats.csv")
            try project.importSources()
            #expect(try project.store.load(team: "green").events.map(\.id) == ["g2"])
            #expect(try project.store.load(team: "blue").events.isEmpty)
            try expectSameAsFresh(project, folder)
        }

        @Test(arguments: StoreKind.allCases) func overlappingExportsHoldOneEventWhileEitherHoldsIt(_ kind: StoreKind) async throws {
            let (project, folder) = try await project(["a.csv": Array(Self.events.prefix(3)), "b.csv": Array(Self.events[2...])], kind)
            let plan = try project.importSources()
            #expect(plan.addedEvents == 5)
            #expect(try project.store.counts().events == 5)
            write(Array(Self.events.prefix(2)), folder + "/a.csv")
            try project.importSources()
            #expect(try project.store.load().events.map(\.id).contains("g1"))
            write(Array(Self.events[3...]), folder + "/b.csv")
            let gone = try project.importSources()
            #expect(gone.sourceChanges == [SourceChange(source: "b.csv", added: 0, changed: 0, removed: 1, ids: ["g1"])])
            #expect(try project.store.load().events.map(\.id) == ["e1", "e2", "g2", "s1"])
            try expectSameAsFresh(project, folder)
        }

        @Test(arguments: StoreKind.allCases) func oneIdWithTwoContentsInTwoSourcesNamesBoth(_ kind: StoreKind) async throws {
            let (project, folder) = try await project(
                ["a.csv": Array(Self.events.prefix(3)), "b.csv": ["g1,2015-01-07T10:00:00Z,grant,ann,,,6,bought"]], kind)
            let failure = try #require(throws: ImportFailure.self) { try project.importSources() }
            #expect(
                failure.issues.map(\.description) == [
                    "\(folder)/b.csv:2: id: g1 is used again with different content (first at \(folder)/a.csv:4)"
                ])
            write(["g1,2015-01-07T10:00:00Z,grant,ann,,,5,bought"], folder + "/b.csv")
            try project.importSources()
            write(["g1,2015-01-07T10:00:00Z,grant,ann,,,6,bought"], folder + "/b.csv")
            let later = try #require(throws: ImportFailure.self) { try project.importSources() }
            #expect(
                later.issues.map(\.description) == [
                    "\(folder)/b.csv:2: id: g1 is held by a.csv:4 with different content; one id is one event"
                ])
        }

        @Test(arguments: StoreKind.allCases) func removingASendWhoseResponseStaysIsRefusedAndChangesNothing(_ kind: StoreKind) async throws
        {
            let (project, folder) = try await project(["events.csv": [Self.events[0]], "responses.csv": [Self.events[1]]], kind)
            try project.importSources()
            let before = try project.store.load()
            write([], folder + "/events.csv")
            let failure = try #require(throws: ImportFailure.self) { try project.importSources() }
            #expect(
                failure.issues.map(\.description) == [
                    "responses.csv:2: message: m1 has no send; import the file with its send in the same batch or first"
                ])
            #expect(try project.store.load().events == before.events)
            // Moved later than its response, the send is refused too.
            write(["e1,2015-01-07T10:00:00Z,send,ann,m1,,,"], folder + "/events.csv")
            let late = try #require(throws: ImportFailure.self) { try project.importSources() }
            #expect(
                late.issues.map(\.description) == [
                    "responses.csv:2: time: 2015-01-06T10:00:00Z is before the send of m1 at 2015-01-07T10:00:00Z"
                ])
            #expect(try project.store.load().events == before.events)
        }

        @Test(arguments: StoreKind.allCases) func aSourceTakenOutOfTheConfigStaysUntilForgotten(_ kind: StoreKind) async throws {
            let (project, folder) = try await project(["events.csv": Array(Self.events.prefix(2)), "old.csv": [Self.events[4]]], kind)
            try project.importSources()
            TestSupport.write(
                "sources = [\"seats.csv\", \"events.csv\"]\n[[policy]]\nname = \"inmail-2015\"\nfrom = \"2015-01-01\"\n",
                to: folder + "/allot.toml")
            let later = try Project(configPath: folder + "/allot.toml", storePath: project.store.location)
            try later.importSources()
            #expect(try later.unlistedSources() == ["old.csv"])
            #expect(try later.store.counts().events == 3)
            let forgotten = try later.forget(sources: ["old.csv"])
            #expect(forgotten == [SourceChange(source: "old.csv", added: 0, changed: 0, removed: 1, ids: ["g2"])])
            #expect(try later.unlistedSources().isEmpty)
            try expectSameAsFresh(later, folder)
            let unknown = try #require(throws: ImportFailure.self) { try later.forget(sources: ["nope.csv"]) }
            #expect(unknown.issues.map(\.description) == ["nope.csv: is not a source of this store; the sources are events.csv, seats.csv"])
        }

        @Test(arguments: StoreKind.allCases) func forgettingASourceOthersNeedIsRefused(_ kind: StoreKind) async throws {
            let (project, _) = try await project(["events.csv": [Self.events[0]], "responses.csv": [Self.events[1]]], kind)
            try project.importSources()
            let failure = try #require(throws: ImportFailure.self) { try project.forget(sources: ["events.csv"]) }
            #expect(failure.issues.first?.description.hasPrefix("responses.csv:2: message: m1 has no send") == true)
            #expect(try project.store.counts().events == 2)
        }

        @Test(arguments: StoreKind.allCases) func aListedSourceThatIsGoneIsAnErrorAndChangesNothing(_ kind: StoreKind) async throws {
            let (project, folder) = try await project(["events.csv": Self.events], kind)
            try project.importSources()
            try FileManager.default.removeItem(atPath: folder + "/events.csv")
            let failure = try #require(throws: ImportFailure.self) { try project.importSources() }
            #expect(failure.issues.map(\.description) == ["\(folder)/events.csv: cannot be read; does it exist?"])
            #expect(try project.store.counts().events == 5)
        }

        @Test(arguments: StoreKind.allCases) func theSameFileFromAnotherFolderIsTheSameSource(_ kind: StoreKind) async throws {
            let (project, folder) = try await project(["events.csv": Self.events], kind)
            try project.importSources()
            #expect(project.sourceName(folder + "/./events.csv") == "events.csv")
            #expect(project.sourceName("/elsewhere/events.csv") == "/elsewhere/events.csv")
            let plan = try project.importFiles([folder + "/../" + (folder as NSString).lastPathComponent + "/events.csv"])
            #expect(plan.isEmpty)
        }
    }

    /// What the commands say about sources (spec §8), through the real binary.
    @Suite(.cleansScratch) struct SnapshotCommandTests {
        @Test func importBuildCheckAndForgetSayWhatChanged() async throws {
            try #require(FileManager.default.isExecutableFile(atPath: TestSupport.allotBinary))
            let tests = SnapshotImportTests()
            let (_, folder) = try await tests.project([
                "events.csv": Array(SnapshotImportTests.events.prefix(3)), "old.csv": [SnapshotImportTests.events[4]],
            ])
            let config = folder + "/allot.toml"
            #expect(
                try await TestSupport.allot([
                    "import", "--config", config, folder + "/seats.csv", folder + "/events.csv", folder + "/old.csv",
                ]).status == 0)
            tests.write(Array(SnapshotImportTests.events.prefix(2)), folder + "/events.csv")
            let build = try await TestSupport.allot(["build", "--config", config, "--out", folder + "/site"])
            #expect(build.status == 0)
            #expect(build.outputText.hasPrefix("events.csv: 0 added, 0 changed, 1 removed: g1\n"), "\(build.outputText)")
            TestSupport.write(
                "sources = [\"seats.csv\", \"events.csv\"]\n[[policy]]\nname = \"inmail-2015\"\nfrom = \"2015-01-01\"\n", to: config)
            let check = try await TestSupport.allot(["check", "--config", config])
            #expect(
                check.outputText.contains(
                    "old.csv is no longer in the config's sources, but its rows stay in the store; remove them with allot import --forget old.csv"
                ),
                "\(check.outputText)")
            let forget = try await TestSupport.allot(["import", "--config", config, "--forget", "old.csv"])
            #expect(forget.status == 0)
            #expect(forget.outputText == "Forgot old.csv: 1 row removed.\n")
            #expect(!(try await TestSupport.allot(["check", "--config", config])).outputText.contains("no longer in the config"))
            let again = try await TestSupport.allot(["import", "--config", config, "--forget", "old.csv"])
            #expect(again.status == 1)
            #expect(
                again.errorText.contains("old.csv: is not a source of this store; the sources are events.csv, seats.csv"),
                "\(again.errorText)")
        }
    }
}
