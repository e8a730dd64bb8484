import Foundation
import Testing

@testable import Allot

extension ProcessHeavyTests {
    /// A 1,000,000-row events file through the real `allot` binary: it imports whole and
    /// replays in time (a quadratic lot queue once made this take hours).
    @Suite(.cleansScratch, .disabled(if: TestSupport.sanitized, "proves speed and size, not memory safety"))
    struct LargeInputTests {
        static let rows = 1_000_000

        /// One adjustment of +1 a second through February 2015, alternating two seats.
        static func ledger() -> String {
            let folder = TestSupport.scratch()
            TestSupport.write(
                "title = \"Million\"\n[[policy]]\nname = \"inmail-2015\"\nfrom = \"2015-01-01\"\n", to: folder + "/allot.toml")
            TestSupport.write(
                "account,name,team,email,opened,closed\na1,A,t,,2015-01-01,\na2,B,t,,2015-01-01,\n", to: folder + "/seats.csv")
            var text = "id,time,type,account,message,to,amount,note\n"
            text.reserveCapacity(45_000_000)
            let start = Instant(millis: 1_422_748_800_000)  // 2015-02-01T00:00:00Z
            for i in 0..<rows {
                text += "e\(i),\(Instant(millis: start.millis + Int64(i) * 2_000).iso8601),adjust,a\(1 + i % 2),,,1,\n"
            }
            TestSupport.write(text, to: folder + "/events.csv")
            return folder
        }

        @Test func aMillionRowFileImportsWholeAndReplays() async throws {
            try #require(FileManager.default.isExecutableFile(atPath: TestSupport.allotBinary))
            let folder = Self.ledger(), config = folder + "/allot.toml"
            let imported = try await TestSupport.allot(["import", "--config", config, folder + "/seats.csv", folder + "/events.csv"])
            #expect(imported.status == 0, "\(imported.errorText)")
            #expect(imported.outputText.contains("\(Self.rows) events"))
            // Replayed in this process (each `statement` command would replay it again).
            let ledger = try Project(configPath: config).replay(asOf: try InstantParser(calendar: .utc).parseEnd("2015-06-30").get())
            for account in ["a1", "a2"] {
                let february = try #require(ledger.statement(of: account, for: Month(year: 2015, month: 2)))
                #expect(february.entries.filter { $0.kind == .adjust }.reduce(0) { $0 + $1.amount } == Self.rows / 2)
                // Each adjustment lives 90 days: by the end of May every one has expired.
                let may = try #require(ledger.statement(of: account, for: Month(year: 2015, month: 5)))
                #expect(may.entries.filter { $0.kind == .expire }.reduce(0) { $0 + $1.amount } <= -Self.rows / 2)
                #expect(may.closing == may.opening + may.entries.reduce(0) { $0 + $1.amount })
                #expect(may.closing < 1_000)
            }
        }
    }
}
