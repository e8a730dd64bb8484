import Foundation
import Testing

@testable import Allot

extension ProcessHeavyTests {
    /// Each validation error of spec §4 names file, line and field, and leaves the store as it
    /// was, in either kind of store.
    @Suite(.cleansScratch) struct ImportErrorTests {
        static let seats = """
            account,name,team,email,opened,closed
            ann,Ann,red,ann@example.com,2015-01-01,
            bob,Bob,red,,2015-01-01,2015-03-01
            cy,Cy,blue,,2015-01-01,

            """
        static let events = """
            id,time,type,account,message,to,amount,note
            e1,2015-01-05T10:00:00Z,send,ann,m1,,,
            e2,2015-01-06T10:00:00Z,accept,,m1,,,

            """

        struct Case: CustomTestStringConvertible, Sendable {
            var row: String
            var expected: String
            var testDescription: String { expected }
        }

        static let cases: [Case] = [
            Case(row: "x,2015-01-07T10:00:00Z,send,zed,m9,,,", expected: "new.csv:2: account: zed is not a known seat"),
            Case(row: "x,2015-01-07T10:00:00Z,accept,,nope,,,", expected: "new.csv:2: message: nope has no send"),
            Case(
                row: "e1,2015-01-05T10:00:00Z,send,ann,m1,,,changed",
                expected: "new.csv:2: id: e1 is held by events.csv:2 with different content; one id is one event"),
            Case(row: "x,2015-01-05T09:00:00Z,decline,,m1,,,", expected: "new.csv:2: time: 2015-01-05T09:00:00Z is before the send of m1"),
            Case(
                row: "x,2014-12-31T10:00:00Z,send,ann,m9,,,",
                expected: "new.csv:2: time: 2014-12-31T10:00:00Z is outside the open period of seat ann"),
            Case(
                row: "x,2015-03-01T00:00:00Z,grant,bob,,,5,",
                expected: "new.csv:2: time: 2015-03-01T00:00:00Z is outside the open period of seat bob"),
            Case(row: "x,2015-01-07T10:00:00Z,share,ann,,bob,5,", expected: ""),
            Case(
                row: "x,2015-03-07T10:00:00Z,share,ann,,bob,5,",
                expected: "new.csv:2: time: 2015-03-07T10:00:00Z is outside the open period of seat bob"),
            Case(row: "x,2015-01-07T10:00:00Z,adjust,bob,,,-1,", expected: ""),
            Case(row: "x,2015-01-07T10:00:00Z,share,ann,,cy,5,", expected: "new.csv:2: to: cy is in team blue, not red"),
            Case(row: "x,2015-01-07T10:00:00Z,share,ann,,ann,5,", expected: "new.csv:2: to: is the giver itself"),
            Case(row: "x,2015-01-07T10:00:00Z,share,ann,,bob,0,", expected: "new.csv:2: amount: must be more than 0 for a share"),
            Case(row: "x,2015-01-07T10:00:00Z,share,ann,,bob,-3,", expected: "new.csv:2: amount: must be more than 0 for a share"),
            Case(row: "x,2015-01-07 10:00,send,ann,m9,,,", expected: "new.csv:2: time: \"2015-01-07 10:00\" has a time but no offset"),
            Case(row: "x,07/01/2015,send,ann,m9,,,", expected: "new.csv:2: time: \"07/01/2015\" is not an instant"),
            Case(row: "x,2015-01-07T10:00:00Z,refund,ann,,,,", expected: "new.csv:2: type: \"refund\" is not an event type"),
            Case(row: "x,2015-01-07T10:00:00Z,grant,ann,,,ten,", expected: "new.csv:2: amount: \"ten\" is not a whole number"),
            Case(row: "x,2015-01-07T10:00:00Z,adjust,ann,,,0,", expected: "new.csv:2: amount: must not be 0 for an adjust"),
            Case(row: ",2015-01-07T10:00:00Z,send,ann,m9,,,", expected: "new.csv:2: id: is required"),
            Case(row: "x,2015-01-07T10:00:00Z,send,ann,,,,", expected: "new.csv:2: message: is required for a send event"),
            Case(row: "x,2015-01-07T10:00:00Z,send,ann,m1,,,", expected: "new.csv:2: message: m1 was already sent by event e1"),
            Case(row: "x,2015-01-07T10:00:00Z,accept,bob,m1,,,", expected: "new.csv:2: account: is bob but message m1 was sent by ann"),
            Case(row: "x,2015-01-07T10:00:00Z,send,ann,m9,,", expected: "new.csv:2: has 7 fields but the header has 8"),
            Case(
                row: "x,2015-01-07T10:00:00Z,grant,ann,,,1000000001,",
                expected: "new.csv:2: amount: 1000000001 is outside the amounts an event may have, from -1,000,000,000 to 1,000,000,000"),
            Case(
                row: "x,2015-01-07T10:00:00Z,adjust,ann,,,-9223372036854775808,",
                expected: "new.csv:2: amount: -9223372036854775808 is outside the amounts an event may have"),
            Case(row: "x,9999-12-31,grant,ann,,,5,", expected: "new.csv:2: time: \"9999-12-31\" is outside the instants a ledger holds"),
        ]

        func storedProject(_ kind: StoreKind = .sqlite) async throws -> (Project, String) {
            let folder = TestSupport.scratch()
            TestSupport.write(
                "sources = [\"seats.csv\", \"events.csv\"]\n[[policy]]\nname = \"inmail-2015\"\nfrom = \"2015-01-01\"\n",
                to: folder + "/allot.toml")
            TestSupport.write(Self.seats, to: folder + "/seats.csv")
            TestSupport.write(Self.events, to: folder + "/events.csv")
            let project = try Project(configPath: folder + "/allot.toml", storePath: try await kind.location())
            try project.importSources()
            return (project, folder)
        }

        @Test(arguments: cases, StoreKind.allCases)
        func eachErrorNamesFileLineAndFieldAndChangesNothing(_ c: Case, _ kind: StoreKind) async throws {
            let (project, folder) = try await storedProject(kind)
            let before = try project.store.load()
            let path = folder + "/new.csv"
            TestSupport.write(
                "id,time,type,account,message,to,amount,note\n" + c.row + "\ny,2015-01-08T10:00:00Z,grant,ann,,,5,\n", to: path)
            do {
                try project.importFiles([path])
                #expect(c.expected.isEmpty, "expected an error: \(c.expected)")
                #expect(try project.store.counts().events == before.events.count + 2)
            } catch let failure as ImportFailure {
                #expect(!c.expected.isEmpty, "unexpected: \(failure.report())")
                #expect(failure.issues.map(\.description).contains { $0.hasPrefix(folder + "/" + c.expected) }, "\(failure.report())")
                let after = try project.store.load()
                #expect(after.accounts == before.accounts)
                #expect(after.events == before.events)
            }
        }

        @Test(arguments: StoreKind.allCases) func reimportingTheSameFilesIsANoOp(_ kind: StoreKind) async throws {
            let (project, folder) = try await storedProject(kind)
            let before = try project.store.load()
            let revision = try project.store.revision()
            #expect(try project.importSources().isEmpty)
            // The same bytes under a new modification time: read and hashed, not parsed.
            try FileManager.default.setAttributes(
                [.modificationDate: Date(timeIntervalSince1970: 1e9)], ofItemAtPath: folder + "/events.csv")
            #expect(try project.importSources().isEmpty)
            // The same rows in a file whose bytes changed: parsed, every row already there.
            TestSupport.write(Self.events + "\n", to: folder + "/events.csv")
            let plan = try project.importSources()
            #expect(plan.isEmpty)
            #expect(plan.repeatedEvents == 2)
            let after = try project.store.load()
            #expect(after.events == before.events)
            #expect(after.accounts == before.accounts)
            #expect(try project.store.revision() == revision)
        }

        @Test(arguments: StoreKind.allCases) func seatRowsReplaceNameEmailAndClosingButNotOpeningOrTeam(_ kind: StoreKind) async throws {
            let (project, folder) = try await storedProject(kind)
            TestSupport.write(
                "account,name,team,email,opened,closed\nann,Ann Smith,red,new@example.com,2015-01-01,2015-06-01\n",
                to: folder + "/roster.csv")
            try project.importFiles([folder + "/roster.csv"])
            let ann = try project.store.load().accounts.first { $0.id == "ann" }!
            #expect(ann.name == "Ann Smith")
            #expect(ann.email == "new@example.com")
            #expect(ann.closed?.iso8601 == "2015-06-01T00:00:00Z")

            TestSupport.write(
                "account,name,team,email,opened,closed\nann,Ann,blue,,2015-01-01,\nbob,Bob,red,,2015-01-02,\n",
                to: folder + "/bad.csv")
            let failure = try #require(throws: ImportFailure.self) { try project.importFiles([folder + "/bad.csv"]) }
            #expect(failure.issues.map { "\($0.line) \($0.field ?? "")" } == ["2 team", "3 opened"])
        }

        @Test(arguments: StoreKind.allCases) func aClosingThatWouldStrandStoredEventsIsRejected(_ kind: StoreKind) async throws {
            let (project, folder) = try await storedProject(kind)
            TestSupport.write("account,name,team,email,opened,closed\nann,Ann,red,,2015-01-01,2015-01-03\n", to: folder + "/roster.csv")
            let failure = try #require(throws: ImportFailure.self) { try project.importFiles([folder + "/roster.csv"]) }
            #expect(failure.issues.first?.description.contains("closed: would close seat ann before its event e1") == true)
        }

        @Test(arguments: StoreKind.allCases) func filesInOneBatchMayReferToEachOtherInAnyOrder(_ kind: StoreKind) async throws {
            let folder = TestSupport.scratch()
            TestSupport.write("[[policy]]\nname = \"inmail-2015\"\nfrom = \"2015-01-01\"\n", to: folder + "/allot.toml")
            TestSupport.write("id,time,type,account,message,to,amount,note\nr,2015-01-09T00:00:00Z,accept,,m,,,\n", to: folder + "/b.csv")
            TestSupport.write("id,time,type,account,message,to,amount,note\ns,2015-01-08T00:00:00Z,send,ann,m,,,\n", to: folder + "/a.csv")
            TestSupport.write(Self.seats, to: folder + "/seats.csv")
            let project = try Project(configPath: folder + "/allot.toml", storePath: try await kind.location())
            let plan = try project.importFiles([folder + "/b.csv", folder + "/a.csv", folder + "/seats.csv"])
            #expect(plan.addedEvents == 2)
            #expect(plan.accounts.count == 3)
        }

        @Test func unreadableFilesAreNamed() async throws {
            let (project, folder) = try await storedProject()
            var bytes = Array("account,name,team,email,opened,closed\nann,An".utf8)
            bytes += [0xFF, 0xFE]
            bytes += Array("n,red,,2015-01-01,\n".utf8)
            #expect(FileManager.default.createFile(atPath: folder + "/latin1.csv", contents: Data(bytes)))
            TestSupport.write("account,name,nickname\n", to: folder + "/odd.csv")
            TestSupport.write("id,time,type,type\n", to: folder + "/twice.csv")
            let failure = try #require(throws: ImportFailure.self) {
                try project.importFiles([folder + "/latin1.csv", folder + "/missing.csv", folder + "/odd.csv", folder + "/twice.csv"])
            }
            let text = failure.issues.map(\.description)
            #expect(text.contains { $0.hasPrefix(folder + "/latin1.csv:2: is not valid UTF-8 text") })
            #expect(text.contains { $0.hasPrefix(folder + "/missing.csv: cannot be read") })
            #expect(text.contains { $0.hasPrefix(folder + "/odd.csv:1: ") && $0.contains("cannot tell seats from events") })
            #expect(text.contains { $0.hasPrefix(folder + "/twice.csv:1: type: column appears twice") })
        }
    }
}
