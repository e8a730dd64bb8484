import Foundation
import Testing

@testable import Allot
@testable import AllotImport

/// Import validates and stores events a chunk at a time: what one chunk needs from
/// another (the first use of an id, a send given after its response) still holds.
@Suite(.cleansScratch) struct ImportStreamingTests {
    static let header = "id,time,type,account,message,to,amount,note\n"
    /// More sends than one chunk holds.
    static let count = BatchValidator.chunkSize + 10_000

    func project() throws -> (Project, String) {
        let folder = TestSupport.scratch()
        TestSupport.write("[[policy]]\nname = \"inmail-2015\"\nfrom = \"2015-01-01\"\n", to: folder + "/allot.toml")
        TestSupport.write(ProcessHeavyTests.ImportErrorTests.seats, to: folder + "/seats.csv")
        let project = try Project(configPath: folder + "/allot.toml")
        try project.importFiles([folder + "/seats.csv"])
        return (project, folder)
    }

    /// Sends s0… one second apart, on the lines from 2.
    static func sends(_ count: Int) -> [String] {
        (0..<count).map { "s\($0),\(Instant(millis: 1_420_632_000_000 + Int64($0) * 1000).iso8601),send,ann,m\($0),,," }
    }

    @Test func anIdReusedFarApartNamesItsFirstUse() throws {
        let (project, folder) = try project()
        let n = Self.count
        var rows = Self.sends(n)
        rows.append("s2,2015-01-07T12:00:00Z,send,ann,other,,,")  // reuses line 4's id, a chunk later
        rows.append("s\(n - 1),2015-01-07T12:00:00Z,grant,ann,,,5,")  // reuses the line before's id
        TestSupport.write(Self.header + rows.joined(separator: "\n") + "\n", to: folder + "/events.csv")
        let failure = try #require(throws: ImportFailure.self) { try project.importFiles([folder + "/events.csv"]) }
        #expect(
            failure.issues.map(\.description) == [
                "\(folder)/events.csv:\(n + 2): id: s2 is used again with different content (first at \(folder)/events.csv:4)",
                "\(folder)/events.csv:\(n + 3): id: s\(n - 1) is used again with different content (first at \(folder)/events.csv:\(n + 1))",
            ])
        #expect(try project.store.counts().events == 0)
    }

    @Test func responsesBeforeTheirSendsBelongToTheSendersTeam() throws {
        let (project, folder) = try project()
        var rows = ["r,2015-02-01T00:00:00Z,accept,,m\(Self.count - 1),,,", "q,2015-02-01T00:00:00Z,decline,,late,,,"]
        rows += Self.sends(Self.count)
        rows.append("l,2015-01-20T00:00:00Z,send,cy,late,,,")
        TestSupport.write(Self.header + rows.joined(separator: "\n") + "\n", to: folder + "/events.csv")
        let plan = try project.importFiles([folder + "/events.csv"])
        #expect(plan.addedEvents == Self.count + 3)
        #expect(try project.store.load(team: "red").events.contains { $0.id == "r" })
        #expect(try project.store.load(team: "blue").events.map(\.id).sorted() == ["l", "q"])
        // Again: every row is already there.
        TestSupport.write(Self.header + rows.reversed().joined(separator: "\n") + "\n", to: folder + "/again.csv")
        let again = try project.importFiles([folder + "/again.csv"])
        #expect(again.isEmpty && again.repeatedEvents == Self.count + 3)
    }
}
