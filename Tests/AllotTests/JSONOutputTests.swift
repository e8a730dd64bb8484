import Foundation
import Testing

@testable import Allot
@testable import AllotReports

/// `JSONOutput` writes JSON itself; its bytes must be JSONEncoder's, for every page
/// model and for the awkward values below.
@Suite(.cleansScratch) struct JSONOutputTests {
    @Test(arguments: ["transition", "edges"])
    func everyPageModelMatchesJSONEncoder(_ fixture: String) throws {
        let folder = TestSupport.copyOfFixture(fixture)
        let project = try Project(configPath: folder + "/allot.toml")
        try project.importSources()
        let (ledger, comparisons) = try project.replayWithComparisons()
        let context = ReportContext(ledger: ledger, title: project.config.title, comparisons: comparisons)
        let pages = BuiltInReports.all.flatMap { $0.pages(context) }
        #expect(!pages.isEmpty)
        for page in pages {
            let direct = try JSONBytesWriter.encode(page.model)
            #expect(Data(direct + [0x0A]) == (try JSONOutput.foundationEncode(page.model)), "\(page.path)")
        }
    }

    struct Awkward: Encodable {
        var text: String
        var number: Int
        var big: UInt64 = .max
        var small: Int64 = .min
        var flag: Bool
        var missing: String?
        var present: String? = "here"
        var list: [Int]
        var nested: [[String]]
        var map: [String: Int]
        var byInt: [Int: String]
        var empty: [String: Int] = [:]
        var emptyList: [[Int]] = [[]]
    }

    struct ExplicitNull: Encodable {
        var a: String?
        enum CodingKeys: String, CodingKey { case a, b, c }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(a, forKey: .a)
            try c.encodeNil(forKey: .b)
            var nested = c.nestedContainer(keyedBy: CodingKeys.self, forKey: .c)
            try nested.encode(1, forKey: .a)
            try nested.encode(2, forKey: .a)
            var list = nested.nestedUnkeyedContainer(forKey: .b)
            try list.encodeNil()
            try list.encode("x")
        }
    }

    @Test func awkwardValuesMatchJSONEncoder() throws {
        let texts = [
            "", "plain", "a/b\\c\"d", "tab\there\nnew\r\u{8}\u{C}", "\0\u{1}\u{1F}\u{7F}", "é李😀\u{2028}\u{85}",
            "</script>", "ünïcödé keys",
        ]
        for (i, t) in texts.enumerated() {
            let value = Awkward(
                text: t, number: -i, flag: i % 2 == 0, list: Array(0..<i), nested: [[], [t], [t, t]],
                map: Dictionary(
                    uniqueKeysWithValues: texts.enumerated().map { ($0.element + "\(i)", $0.offset) } + [
                        ("B", 1), ("a", 2), ("a10", 3), ("a2", 4), ("Z", 5), ("é", 6), ("e", 7),
                    ]),
                byInt: [10: t, 2: "two", -1: "minus"])
            #expect(try JSONBytesWriter.encode(value) + [0x0A] == [UInt8](try JSONOutput.foundationEncode(value)), "\(t.debugDescription)")
        }
        let explicit = ExplicitNull(a: nil)
        #expect(try JSONBytesWriter.encode(explicit) + [0x0A] == [UInt8](try JSONOutput.foundationEncode(explicit)))
        #expect(try JSONBytesWriter.encode([String]()) + [0x0A] == [UInt8](try JSONOutput.foundationEncode([String]())))
    }

    struct Row: Encodable { var b: String?; var a: Int; var c: String? }

    /// Rows of one type with different fields present, and dictionaries with different
    /// keys, in one document: the reused key order must follow each object's own keys.
    @Test func objectsOfOneTypeWithDifferentKeysMatchJSONEncoder() throws {
        let rows = [Row(b: "x", a: 1, c: nil), Row(b: nil, a: 2, c: "y"), Row(b: "x", a: 1, c: nil), Row(b: "z", a: 3, c: "w")]
        let maps: [[String: Int]] = [["b": 1, "a": 2], ["a": 1], ["zz": 1, "b": 2, "a": 3], ["b": 1, "a": 2]]
        #expect(try JSONBytesWriter.encode(rows) + [0x0A] == [UInt8](try JSONOutput.foundationEncode(rows)))
        #expect(try JSONBytesWriter.encode(maps) + [0x0A] == [UInt8](try JSONOutput.foundationEncode(maps)))
        let ints = [0, -1, 7, 9, 10, -10, 99, 100, 1_234_567_890, Int.max, Int.min, Int.min + 1]
        #expect(try JSONBytesWriter.encode(ints) + [0x0A] == [UInt8](try JSONOutput.foundationEncode(ints)))
    }

    struct WithDouble: Encodable { var x = 0.1; var when = Date(timeIntervalSince1970: 0); var data = Data([1, 2]) }

    @Test func whatTheWriterDoesNotHandleGoesToJSONEncoder() throws {
        #expect(throws: JSONBytesWriter.Unsupported.self) { try JSONBytesWriter.encode(WithDouble()) }
        #expect(try JSONOutput.encode(WithDouble()) == (try JSONOutput.foundationEncode(WithDouble())))
    }
}
