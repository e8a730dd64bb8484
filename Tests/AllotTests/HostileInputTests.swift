import AllotStore
import Foundation
import Testing

@testable import Allot

extension ProcessHeavyTests {
    /// Input that used to be read wrongly, crash or hang, through the real binary: each is
    /// refused with the file, line and field (or key) and exit 1, the store as it was, or
    /// read as written with a warning.
    @Suite(.cleansScratch) struct HostileInputTests {
        static let header = "id,time,type,account,message,to,amount,note\n"
        static let goodEvents = header + "e0,2015-01-05T10:00:00Z,grant,alice,,,7,\n"

        /// A ledger folder whose store holds one seat and `goodEvents`, and whose
        /// `events.csv` then holds `events`.
        func ledger(events: String, config: String = "") async throws -> String {
            let folder = TestSupport.scratch()
            TestSupport.write("sources = [\"seats.csv\", \"events.csv\"]\n" + config, to: folder + "/allot.toml")
            TestSupport.write("account,name,team,email,opened,closed\nalice,Alice,t1,,2015-01-01,\n", to: folder + "/seats.csv")
            TestSupport.write(Self.goodEvents, to: folder + "/events.csv")
            if config.isEmpty {
                let first = try await TestSupport.allot(["check", "--config", folder + "/allot.toml"])
                try #require(first.status == 0, "\(first.errorText)")
            }
            TestSupport.write(events, to: folder + "/events.csv")
            return folder
        }

        /// The events the store holds: what a failed command must leave as it was.
        func storedEvents(_ folder: String) throws -> [String] {
            try LedgerStore(path: folder + "/.allot/ledger.sqlite").load().events.map { "\($0.id) \($0.amount ?? 0)" }
        }

        func expectRefused(_ result: ChildProcess.Ended, _ expected: [String], folder: String) throws {
            #expect(result.status == 1, "\(result.outputText)")
            for line in expected { #expect(result.errorText.contains(folder + "/" + line), "\(result.errorText)") }
            #expect(try storedEvents(folder) == ["e0 7"])
        }

        @Test(arguments: [
            (
                "e1,2015-01-10T10:00:00Z,grant,alice,,,5,\"unterminated\ne2,2015-01-11T10:00:00Z,grant,alice,,,5,x\n",
                "events.csv:2: note: the quote that opens this field on this line is never closed"
            ),
            (
                "e1,2015-01-10T10:00:00Z,grant,alice,,,5,x\ne2,2015-01-11T10:00:00Z,grant,alice,,,5,\"cut off mid-quo",
                "events.csv:3: note: the quote that opens this field on this line is never closed"
            ),
            (
                "e1,2015-01-10T10:00:00Z,grant,alice,,,5,\"a\nb\"\ne2,2015-01-11T10:00:00Z,grant,\"alice\n",
                "events.csv:4: account: the quote that opens this field on this line is never closed"
            ),
        ])
        func aQuoteLeftOpenIsAnErrorNamingTheLineItOpenedOn(_ body: String, _ expected: String) async throws {
            let folder = try await ledger(events: Self.header + body)
            let result = try await TestSupport.allot(["check", "--config", folder + "/allot.toml"])
            try expectRefused(result, [expected], folder: folder)
            #expect(!result.errorText.contains("fields but the header has"), "the cause alone: \(result.errorText)")
        }

        @Test func aQuotedFieldHoldingWhatReadsAsARowIsKeptWithAWarning() async throws {
            let body =
                "e1,2015-01-10T10:00:00Z,grant,alice,,,5,\"unterminated\n"
                + "e2,2015-01-11T10:00:00Z,grant,alice,,,5,x\n"
                + "e3,2015-01-12T10:00:00Z,grant,alice,,,5,\"fo\"o\"\n"
                + "e4,2015-01-13T10:00:00Z,grant,alice,,,5,\"two\nlines, no row\"\n"
            let folder = try await ledger(events: Self.header + body)
            let result = try await TestSupport.allot(["check", "--config", folder + "/allot.toml"])
            #expect(result.status == 0, "\(result.errorText)")
            #expect(
                result.errorText
                    == "warning: \(folder)/events.csv:2: note: the quoted field that opens on this line holds what looks like the row on line 3; a closing quote may be missing\n"
            )
            #expect(try storedEvents(folder) == ["e1 5", "e4 5"])
        }

        @Test(arguments: [
            ("e1,2015-01-10T10:00:00Z,grant,alice,,,9223372036854775807,", "events.csv:2: amount: 9223372036854775807 is outside"),
            ("e1,2015-01-10T10:00:00Z,grant,alice,,,5000000000000000000,", "events.csv:2: amount: 5000000000000000000 is outside"),
            ("e1,2015-01-10T10:00:00Z,adjust,alice,,,-1000000001,", "events.csv:2: amount: -1000000001 is outside"),
            ("e1,2015-01-10T10:00:00Z,grant,alice,,,99999999999999999999999,", "events.csv:2: amount: 99999999999999999999999 is outside"),
            ("e1,9999-12-31,grant,alice,,,5,", "events.csv:2: time: \"9999-12-31\" is outside the instants a ledger holds"),
            ("e1,1969-12-31T23:59:59Z,grant,alice,,,5,", "events.csv:2: time: \"1969-12-31T23:59:59Z\" is outside"),
            ("e1,2200-01-01T00:00:00Z,grant,alice,,,5,", "events.csv:2: time: \"2200-01-01T00:00:00Z\" is outside"),
        ])
        func anAmountOrInstantOutsideTheContractsRangeIsRefused(_ row: String, _ expected: String) async throws {
            let folder = try await ledger(events: Self.header + row + "\n")
            try expectRefused(try await TestSupport.allot(["check", "--config", folder + "/allot.toml"]), [expected], folder: folder)
            // Nothing was stored, so every later command still works.
            TestSupport.write(Self.goodEvents, to: folder + "/events.csv")
            let statement = try await TestSupport.allot(["statement", "alice", "2015-01", "--config", folder + "/allot.toml"])
            #expect(statement.status == 0, "\(statement.errorText)")
        }

        @Test func theLargestAmountsInTwoTeamsAddUpWithoutOverflow() async throws {
            let folder = TestSupport.scratch()
            TestSupport.write("sources = [\"seats.csv\", \"events.csv\"]\n", to: folder + "/allot.toml")
            TestSupport.write(
                "account,name,team,email,opened,closed\na,A,t1,,2015-01-01,\nb,B,t2,,2015-01-01,\n", to: folder + "/seats.csv")
            TestSupport.write(
                Self.header + "g1,2015-01-10T10:00:00Z,grant,a,,,1000000000,\ng2,2015-01-10T10:00:00Z,grant,b,,,1000000000,\n",
                to: folder + "/events.csv")
            let out = folder + "/site"
            let result = try await TestSupport.allot(["build", "--config", folder + "/allot.toml", "--out", out])
            #expect(result.status == 0, "\(result.errorText)")
            let index = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/index.json")))
            #expect("\(index)".contains("2000000000"))
        }

        @Test(arguments: [
            ("warn_days = 100000000", "allot.toml: warn_days: must be a whole number from 0 to 36,600"),
            ("response_rate_days = 0", "allot.toml: response_rate_days: must be a whole number from 1 to 366"),
            ("refund_delay_hours = 9223372036854775807", "allot.toml: refund_delay_hours: must be a whole number from 0 to 8,784"),
            (
                "[[policy]]\nname = \"inmail-2015\"\nfrom = \"2015-01-01\"\nallotment = 9223372036854775807",
                "allot.toml: policy[1].allotment: must be a whole number from 0 to 1,000,000,000"
            ),
            (
                "[[policy]]\nname = \"inmail-2015\"\nfrom = \"2015-01-01\"\nlifetime_days = 36601",
                "allot.toml: policy[1].lifetime_days: must be a whole number from 1 to 36,600"
            ),
            (
                "[[policy]]\nname = \"legacy\"\nfrom = \"2015-01-01\"\ncap = 1000000001",
                "allot.toml: policy[1].cap: must be a whole number from 0 to 1,000,000,000"
            ),
            (
                "[[bonus]]\nmonth = \"2015-01\"\namount = 9223372036854775807",
                "allot.toml: bonus[1].amount: must be a whole number from 0 to 1,000,000,000"
            ),
            ("[[bonus]]\nmonth = \"9999-01\"\namount = 5", "allot.toml: bonus[1].month: \"9999-01\" is outside the years"),
            ("as_of = \"1969-12-30\"", "allot.toml: as_of: \"1969-12-30\" is outside the instants a ledger holds"),
        ])
        func aConfigValueOutsideItsRangeIsRefusedBeforeAnythingIsStored(_ config: String, _ expected: String) async throws {
            let folder = try await ledger(events: Self.goodEvents, config: config + "\n")
            let result = try await TestSupport.allot(["check", "--config", folder + "/allot.toml"])
            #expect(result.status == 1)
            #expect(result.errorText.contains(folder + "/" + expected), "\(result.errorText)")
            #expect(!result.errorText.contains("is required"), "no echo of the cause: \(result.errorText)")
            #expect(!FileManager.default.fileExists(atPath: folder + "/.allot/ledger.sqlite"))
        }

        @Test func warningsAsFarAheadAsTheContractAllowsStayQuick() async throws {
            let folder = try await ledger(events: Self.goodEvents, config: "warn_days = 36600\n")
            let result = try await TestSupport.allot(["build", "--config", folder + "/allot.toml", "--out", folder + "/site"])
            #expect(result.status == 0, "\(result.errorText)")
        }

        @Test(arguments: ["/dev/zero", "fifo"])
        func aSourceThatIsNotARegularFileIsRefusedNotReadForever(_ source: String) async throws {
            let folder = TestSupport.scratch()
            #expect(mkfifo(folder + "/fifo", 0o600) == 0)
            TestSupport.write("sources = [\"\(source)\"]\n", to: folder + "/allot.toml")
            let path = source.hasPrefix("/") ? source : folder + "/" + source
            let result = try await ChildProcess(
                "/usr/bin/timeout", ["60", TestSupport.allotBinary, "check", "--config", folder + "/allot.toml"], keepErrors: true
            ).ended()
            #expect(result.status == 1)
            let what = source == "fifo" ? "is a pipe (FIFO), not a file" : "is a device, not a file"
            #expect(result.errorText.contains("\(path): \(what)"), "\(result.errorText)")
        }

        @Test(arguments: ["3000000", "-1", "soon", "nan"])
        func aBusyTimeoutOutOfRangeIsNamedNotACrash(_ value: String) async throws {
            let folder = try await ledger(events: Self.goodEvents)
            let result = try await AllotBinary.run(
                ["check", "--config", folder + "/allot.toml"], environment: ["ALLOT_BUSY_TIMEOUT": value])
            #expect(result.status == 1)
            #expect(
                result.err
                    == "error: ALLOT_BUSY_TIMEOUT is \"\(value)\"; it must be a number of seconds from 0 to 86400 (a day), such as 30\n")
        }

        @Test(arguments: ["EST", "GMT+5", "US/Eastern", "Mars/Olympus"])
        func aZoneThatIsNotAnIANAAreaAndPlaceIsRefused(_ zone: String) async throws {
            let folder = try await ledger(events: Self.goodEvents, config: "timezone = \"\(zone)\"\n")
            let result = try await TestSupport.allot(["check", "--config", folder + "/allot.toml"])
            #expect(result.status == 1)
            #expect(result.errorText.contains("allot.toml: timezone: \"\(zone)\" is not an IANA time zone"), "\(result.errorText)")
        }

        /// `Etc/GMT+5` is five hours behind UTC, as IANA's database says (POSIX signs).
        @Test func etcGMTPlusFiveIsFiveHoursBehindUTC() async throws {
            let folder = try await ledger(events: Self.header + "e1,2015-01-10,grant,alice,,,5,\n", config: "timezone = \"Etc/GMT+5\"\n")
            let result = try await TestSupport.allot(["statement", "alice", "2015-01", "--json", "--config", folder + "/allot.toml"])
            #expect(result.status == 0, "\(result.errorText)")
            #expect(result.outputText.contains("\"time\" : \"2015-01-10T05:00:00Z\""), "\(result.outputText)")
        }

        @Test func jsonLinesNumbersMeetTheRuleCSVCellsMeet() async throws {
            let folder = TestSupport.scratch()
            TestSupport.write("sources = [\"seats.csv\", \"events.jsonl\"]\n", to: folder + "/allot.toml")
            TestSupport.write("account,name,team,email,opened,closed\nalice,Alice,t1,,2015-01-01,\n", to: folder + "/seats.csv")
            let event = #"{"id":"ID","time":"2015-01-10T10:00:00Z","type":"grant","account":"alice","amount":AMOUNT}"#
            let rows = ["5.0", "1e3", "99999999999999999999", "7"].enumerated().map { i, amount in
                event.replacingOccurrences(of: "ID", with: "e\(i)").replacingOccurrences(of: "AMOUNT", with: amount)
            }
            TestSupport.write(rows.joined(separator: "\n") + "\n", to: folder + "/events.jsonl")
            let result = try await TestSupport.allot(["check", "--config", folder + "/allot.toml"])
            #expect(result.status == 1)
            let file = folder + "/events.jsonl"
            #expect(
                result.errorText
                    == """
                    error: 3 problems in the input; nothing was imported:
                    \(file):1: amount: "5.0" is not a whole number
                    \(file):2: amount: "1e3" is not a whole number
                    \(file):3: amount: 99999999999999999999 is outside the amounts an event may have, from -1,000,000,000 to 1,000,000,000

                    """)
            TestSupport.write("id,time,type,account,message,to,amount,note\ne0,2015-01-10T10:00:00Z,grant,alice,,,5.0,\n", to: file)
            TestSupport.write("sources = [\"seats.csv\", \"events.csv\"]\n", to: folder + "/allot.toml")
            try FileManager.default.moveItem(atPath: file, toPath: folder + "/events.csv")
            let csv = try await TestSupport.allot(["check", "--config", folder + "/allot.toml"])
            #expect(csv.errorText.contains("events.csv:2: amount: \"5.0\" is not a whole number"), "\(csv.errorText)")
        }

        @Test func aLoneSurrogateIsNamedAsSuch() async throws {
            let folder = TestSupport.scratch()
            TestSupport.write("sources = [\"seats.csv\", \"events.jsonl\"]\n", to: folder + "/allot.toml")
            TestSupport.write("account,name,team,email,opened,closed\nalice,Alice,t1,,2015-01-01,\n", to: folder + "/seats.csv")
            TestSupport.write(
                #"{"id":"e1","time":"2015-01-10T10:00:00Z","type":"grant","account":"alice","amount":5,"note":"\ud800"}"# + "\n",
                to: folder + "/events.jsonl")
            let result = try await TestSupport.allot(["check", "--config", folder + "/allot.toml"])
            #expect(result.status == 1)
            #expect(
                result.errorText.contains(
                    "events.jsonl:1: note: holds an escape that is no character (a lone UTF-16 surrogate such as \\ud800)"),
                "\(result.errorText)")
        }
    }
}
