import Testing

@testable import AllotReports
@testable import AllotSite

/// The escapers work on UTF-8 bytes; they must give exactly what the straightforward
/// scalar-by-scalar definitions below give, for any text.
@Suite(.cleansScratch) struct FastEscapingTests {
    static func referenceMarkdown(_ text: String) -> String {
        var out = ""
        let scalars = Array(text.unicodeScalars)
        let firstKept = scalars.firstIndex { $0 != " " && $0 != "\t" } ?? scalars.count
        let lastKept = scalars.lastIndex { $0 != " " && $0 != "\t" } ?? -1
        for (i, s) in scalars.enumerated() {
            if (s == " " || s == "\t") && (i < firstKept || i > lastKept) {
                out += "&#32;"
                continue
            }
            switch s.value {
            case 0: out += "\u{FFFD}"
            case 0x0A: out += "&#10;"
            case 0x0D: out += "&#13;"
            case 0x09: out += " "
            case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E:
                out += "\\"
                out.unicodeScalars.append(s)
            default: out.unicodeScalars.append(s)
            }
        }
        return out
    }

    static func referenceHTML(_ text: String, lineBreaks: Bool) -> String {
        var out = ""
        for s in text.unicodeScalars {
            switch s {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\0": out += "\u{FFFD}"
            case "\n" where lineBreaks: out += "&#10;"
            case "\r" where lineBreaks: out += "&#13;"
            default: out.unicodeScalars.append(s)
            }
        }
        return out
    }

    static func referencePlainLine(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
    }

    static let alphabet: [Unicode.Scalar] =
        Array(" \t\n\r\0\u{7F}\u{1F}\u{0B}ab Z09-_.:/\\*#[](){}<>&\"'`~!|+=^%$@?;,".unicodeScalars)
        + ["é", "\u{301}", "李", "😀", "\u{FFFD}", "\u{85}", "\u{2028}", "\u{A0}"]

    /// Fixed cases and a few thousand seeded random strings.
    static var samples: [String] {
        var out = [
            "", " ", "\t", "  \t ", "plain", "2015-01-05 14:03", "−1", "+100", " a ", "\ta\t", "a\0b", "é\u{301}",
            "\r\n", "a\n\n# b <i>\"'&", "*bold* [x](y)", String(repeating: "x", count: 40),
        ]
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: seed >> 33)
        }
        for _ in 0..<3000 {
            var s = String.UnicodeScalarView()
            for _ in 0..<(next() % 24) { s.append(alphabet[next() % alphabet.count]) }
            out.append(String(s))
        }
        return out
    }

    @Test func markdownMatchesTheReference() {
        let md = MarkdownTextContentType()
        for s in Self.samples { #expect(md.escapeText(s) == Self.referenceMarkdown(s), "\(s.debugDescription)") }
    }

    @Test func htmlMatchesTheReference() {
        for s in Self.samples {
            #expect(HTMLEscape.text(s) == Self.referenceHTML(s, lineBreaks: false), "\(s.debugDescription)")
            #expect(HTMLEscape.text(s, lineBreaks: true) == Self.referenceHTML(s, lineBreaks: true), "\(s.debugDescription)")
            #expect(HTMLBlockContentType().escapeText(s) == Self.referenceHTML(s, lineBreaks: true))
        }
    }

    @Test func plainLineMatchesTheReference() {
        for s in Self.samples { #expect(PlainLineContentType().escapeText(s) == Self.referencePlainLine(s), "\(s.debugDescription)") }
    }
}
