import AllotReports
import Mustache

/// Escapes a value for Markdown text: every ASCII punctuation character is
/// backslash-escaped and line breaks and edge spaces become character references, so
/// a value is always literal text and can never start a block, a link or emphasis.
struct MarkdownTextContentType: MustacheContentType {
    /// Works on the UTF-8 bytes: every character it replaces is ASCII, and no byte of a
    /// multi-byte character is. A value with nothing to escape is returned as it is.
    func escapeText(_ text: String) -> String {
        var text = text
        return text.withUTF8 { input in
            let count = input.count
            var firstKept = 0
            while firstKept < count && isSpace(input[firstKept]) { firstKept += 1 }
            var lastKept = count - 1
            while lastKept >= 0 && isSpace(input[lastKept]) { lastKept -= 1 }
            var length = 0
            var changed = false
            for (i, b) in input.enumerated() {
                let n = isSpace(b) && (i < firstKept || i > lastKept) ? 5 : replacementLength(b)
                if n != 0 { changed = true; length += n } else { length += 1 }
            }
            guard changed else { return nil }
            return String(unsafeUninitializedCapacity: length) { out in
                var o = 0
                func put(_ s: StaticString) {
                    s.withUTF8Buffer { for c in $0 { out[o] = c; o += 1 } }
                }
                for (i, b) in input.enumerated() {
                    if isSpace(b) && (i < firstKept || i > lastKept) {
                        put("&#32;")
                        continue
                    }
                    switch b {
                    case 0: put("\u{FFFD}")
                    case 0x0A: put("&#10;")
                    case 0x0D: put("&#13;")
                    case 0x09: out[o] = UInt8(ascii: " "); o += 1
                    case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E:
                        out[o] = UInt8(ascii: "\\"); out[o + 1] = b; o += 2
                    default: out[o] = b; o += 1
                    }
                }
                return o
            }
        } ?? text
    }

    @inline(__always)
    private func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

    /// The length of what replaces `b` inside the value, or 0 when it stays.
    @inline(__always)
    private func replacementLength(_ b: UInt8) -> Int {
        switch b {
        case 0: 3
        case 0x0A, 0x0D: 5
        case 0x09: 1
        case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: 2
        default: 0
        }
    }
}

/// Escapes a value for HTML inside a Markdown document (tables and other HTML blocks):
/// markup characters and quotes become references, and line breaks too, because a
/// blank line would end the HTML block and let Markdown in.
struct HTMLBlockContentType: MustacheContentType {
    func escapeText(_ text: String) -> String { HTMLEscape.text(text, lineBreaks: true) }
}

/// Plain text on one line: line breaks and other control characters become spaces, so
/// a value cannot break a subject header or the layout of a plain-text mail.
struct PlainLineContentType: MustacheContentType {
    /// On the UTF-8 bytes: control characters are ASCII, and no byte of a multi-byte
    /// character is below 0x80.
    func escapeText(_ text: String) -> String {
        var text = text
        return text.withUTF8 { input in
            guard input.contains(where: { $0 < 0x20 || $0 == 0x7F }) else { return nil }
            return String(unsafeUninitializedCapacity: input.count) { out in
                for (i, b) in input.enumerated() { out[i] = b < 0x20 || b == 0x7F ? UInt8(ascii: " ") : b }
                return input.count
            }
        } ?? text
    }
}

/// The content types templates use, registered once with swift-mustache before any
/// template is parsed (its registry is process-wide; registering again is harmless).
enum TemplateContentTypes {
    static let markdown = "MARKDOWN"
    static let htmlBlock = "HTML_BLOCK"
    static let plainLine = "PLAIN_LINE"

    /// Every content type a template's pragma may name, for `TemplateParser`: these three,
    /// and swift-mustache's own `HTML` and `TEXT`.
    static let all: [String: any MustacheContentType] = [
        "HTML": HTMLTextContentType(), "TEXT": UnescapedContentType(), markdown: MarkdownTextContentType(),
        htmlBlock: HTMLBlockContentType(), plainLine: PlainLineContentType(),
    ]

    static let registered: Bool = {
        for name in [markdown, htmlBlock, plainLine] { MustacheContentTypes.register(all[name]!, named: name) }
        return true
    }()
}

/// HTML text: `& < > " '` become references, and nothing else changes, as swift-mustache's
/// `HTML` escapes them (`HTMLEscape` also replaces NUL, which that does not).
struct HTMLTextContentType: MustacheContentType {
    func escapeText(_ text: String) -> String {
        guard text.utf8.contains(0) else { return HTMLEscape.text(text) }
        return text.split(separator: "\0", omittingEmptySubsequences: false).map { HTMLEscape.text(String($0)) }
            .joined(separator: "\0")
    }
}

/// Values as they are, as swift-mustache's `TEXT`.
struct UnescapedContentType: MustacheContentType {
    func escapeText(_ text: String) -> String { text }
}
