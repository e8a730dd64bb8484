import AllotReports
import CSV
import Foundation
import PropertyBased
import Testing

@testable import Allot
@testable import AllotSite

/// Every table on every page has a CSV file beside it, with the table's numbers, and no
/// text in one runs as a spreadsheet formula.
@Suite(.cleansScratch) struct CSVDownloadTests {
    static let seatName = "=HYPERLINK(\"http://x\")"

    @Test func everyTableMatchesItsCSVFile() async throws {
        for fixture in ["transition", "edges"] {
            let folder = TestSupport.copyOfFixture(fixture)
            _ = try Project(configPath: folder + "/allot.toml").buildSite(into: folder + "/site")
            #expect(try await TestSupport.python("sitecheck/csv_check.py", [folder + "/site"]) == "", "\(fixture)")
        }
        let demo = ComparisonTests.demo()
        let site = (demo as NSString).deletingLastPathComponent + "/site"
        _ = try Project(configPath: demo).buildSite(into: site)
        #expect(try await TestSupport.python("sitecheck/csv_check.py", [site]) == "")
        #expect(FileManager.default.fileExists(atPath: site + "/what-if/legacy-only/index.parts.csv"))
    }

    @Test func csvFilesOfPagesThatAreGoneAreRemoved() throws {
        let demo = ComparisonTests.demo()
        let site = (demo as NSString).deletingLastPathComponent + "/site"
        _ = try Project(configPath: demo).buildSite(into: site)
        let csv = { TestSupport.files(under: site).keys.filter { $0.hasPrefix("what-if/response-weighted/") && $0.hasSuffix(".csv") } }
        #expect(!csv().isEmpty)
        let config = try String(contentsOfFile: demo, encoding: .utf8)
        TestSupport.write(config.components(separatedBy: "# What if lots lived longer")[0], to: demo)
        _ = try Project(configPath: demo).buildSite(into: site)
        #expect(csv().isEmpty)
    }

    func hostileSite() throws -> String {
        let folder = TestSupport.scratch()
        TestSupport.write(
            """
            title = "Formulas"
            timezone = "Europe/London"
            sources = ["seats.csv", "events.csv"]
            [[policy]]
            name = "inmail-2015"
            from = "2015-01-01"
            """, to: folder + "/allot.toml")
        var seats = CSVText(header: ["account", "name", "team", "email", "opened", "closed"])
        seats.append(["a", Self.seatName, "-team", "", "2015-01-01", ""])
        seats.append(["b", "@b", "-team", "", "2015-01-01", ""])
        TestSupport.write(seats.text, to: folder + "/seats.csv")
        var events = CSVText(header: ["id", "time", "type", "account", "message", "to", "amount", "note"])
        events.append(["=1+2", "2015-01-05T10:00:00Z", "share", "a", "", "b", "5", "+cmd|calc"])
        events.append(["e2", "2015-01-06T10:00:00Z", "adjust", "a", "", "", "-3", "@SUM(A1:A9)"])
        events.append(["e3", "2015-03-20T10:00:00Z", "send", "b", "\tmsg", "", "", ""])
        events.append(["@rejected", "2015-01-07T10:00:00Z", "share", "a", "", "b", "999", ""])
        TestSupport.write(events.text, to: folder + "/events.csv")
        _ = try Project(configPath: folder + "/allot.toml").buildSite(
            into: folder + "/site", asOf: try InstantParser(calendar: .utc).parseEnd("2015-04-10").get())
        return folder + "/site"
    }

    @Test func formulaTextNeverStartsACellAndNegativeNumbersStayNumbers() async throws {
        let site = try hostileSite()
        #expect(try await TestSupport.python("sitecheck/csv_check.py", [site]) == "")
        let files = TestSupport.files(under: site).filter { $0.key.hasSuffix(".csv") }
        #expect(files.count > 10)
        // A cell starts after a line end or a comma, perhaps with a quote.
        let formulaStart = try Regex(#"(^|,|\r\n)"?([=+@\t\r]|-[^0-9])"#)
        for (path, data) in files {
            let text = try #require(String(data: data, encoding: .utf8), "\(path)")
            #expect(text.firstMatch(of: formulaStart) == nil, "\(path)")
        }
        let csv = { (path: String) in String(decoding: files[path] ?? Data(), as: UTF8.self) }
        let teamSlug = try #require(files.keys.first { $0.hasPrefix("teams/") }?.split(separator: "/")[1])
        #expect(csv("teams/\(teamSlug)/index.seats.csv").contains(#""'=HYPERLINK(""http://x"")","#))
        #expect(csv("teams/\(teamSlug)/index.rejected.csv").hasSuffix(#","'=HYPERLINK(""http://x"")",'@b,999,92,'@rejected"# + "\r\n"))
        let postings = csv("accounts/a/2015-01.postings.csv")
        #expect(postings.contains(",Adjustment: 3 from the opening allotment – @SUM(A1:A9),-3,"))
        #expect(postings.contains(",'=1+2\r\n"))
        #expect(csv("accounts/a/2015-01.summary.csv").contains("Adjustments,-3\r\n"))
    }

    @Test func cellsAreWrittenByRFC4180WithTheFormulaRule() throws {
        let table = DataTable(
            name: "t", columns: [DataColumn("Name"), DataColumn("When", instant: true), DataColumn("Credits")],
            rows: [
                [.text("-5"), .instant(shown: "1 Apr 2015, 09:05", iso8601: "2015-04-01T09:05:00+01:00"), .number(-5)],
                [.text("\r\nx"), .empty, .number(0)],
                [.text("a \"b\", c"), .instant(shown: "never", iso8601: ""), .empty],
                [.text("\tx"), .text("@x"), .text("+x")],
            ])
        let text = String(decoding: TableCSV.data(table), as: UTF8.self)
        #expect(
            text == "Name,When,When (ISO 8601),Credits\r\n'-5,\"1 Apr 2015, 09:05\",2015-04-01T09:05:00+01:00,-5\r\n"
                + "\"'\r\nx\",,,0\r\n\"a \"\"b\"\", c\",never,,\r\n'\tx,'@x,,'+x\r\n")
    }

    /// Random tables (quotes, commas, line breaks, formula starts, non-ASCII text, empty
    /// cells) read back by CSV.swift's reader give every field as written, formula text
    /// with its leading `'`.
    @Test func csvSwiftReadsBackEveryField() async throws {
        let pieces = ["a", "\"", ",", "\r\n", "\n", "\r", "=", "-", "+", "@", "\t", "é", "名", " ", "1", "''", "x y"]
        await propertyCheck(count: 300, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            var rng = SeededRandom(seed: seed)
            func text() -> String { (0..<Int.random(in: 0...5, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined() }
            let columns = (0..<Int.random(in: 1...4, using: &rng)).map { _ in DataColumn(text(), instant: Bool.random(using: &rng)) }
            let rows: [[DataCell]] = (0..<Int.random(in: 0...5, using: &rng)).map { _ in
                columns.map { _ in
                    switch Int.random(in: 0..<4, using: &rng) {
                    case 0: .number(Int.random(in: -1000...1000, using: &rng))
                    case 1: .text(text())
                    case 2: .instant(shown: text(), iso8601: text())
                    default: .empty
                    }
                }
            }
            let table = DataTable(name: "t", columns: columns, rows: rows)
            let guarded = { (s: String) in (s.utf8.first.map { "=+-@\t\r".utf8.contains($0) } ?? false) ? "'" + s : s }
            var expected = [table.headers.map(guarded)]
            for row in rows {
                expected.append(
                    zip(columns, row).flatMap { column, cell -> [String] in
                        let fields: [String] =
                            switch cell {
                            case .number(let n): [String(n)]
                            case .text(let s): [guarded(s)]
                            case .instant(let shown, let iso): [guarded(shown), guarded(iso)]
                            case .empty: [""]
                            }
                        return column.isInstant ? [fields[0], fields.count == 2 ? fields[1] : ""] : [fields[0]]
                    })
            }
            let written = String(decoding: TableCSV.data(table), as: UTF8.self)
            #expect(written.hasSuffix("\r\n"))
            let reader = try CSVReader(string: written)
            var read: [[String]] = []
            while let row = reader.next() { read.append(row) }
            #expect(read == expected, "\(written.debugDescription)")
        }
    }

    @Test func isoTimesCarryTheLedgerZonesOffset() throws {
        let format = DisplayFormat(calendar: try #require(LedgerCalendar(identifier: "America/New_York")))
        #expect(format.iso8601(Instant(seconds: 1_420_470_180)) == "2015-01-05T10:03:00-05:00")
        #expect(format.iso8601(Instant(seconds: 1_436_101_380)) == "2015-07-05T09:03:00-04:00")
        #expect(format.iso8601(Instant(millis: 1_436_101_380_250)) == "2015-07-05T09:03:00.250-04:00")
        #expect(DisplayFormat(calendar: .utc).iso8601(Instant(seconds: 0)) == "1970-01-01T00:00:00+00:00")
    }
}
