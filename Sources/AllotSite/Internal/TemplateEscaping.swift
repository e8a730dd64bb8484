import AllotReports
import Mustache

/// Escapes a value for Markdown text: every ASCII punctuation character is
/// backslash-escaped and line breaks and edge spaces become character references, so
/// a value is always literal text and can never start a block, a link or emphasis.
struct MarkdownTextContentType: MustacheContentType {
    func escapeText(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
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
    func escapeText(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
    }
}

/// The content types templates use, registered once with swift-mustache before any
/// template is parsed (its registry is process-wide; registering again is harmless).
enum TemplateContentTypes {
    static let markdown = "MARKDOWN"
    static let htmlBlock = "HTML_BLOCK"
    static let plainLine = "PLAIN_LINE"

    static let registered: Bool = {
        MustacheContentTypes.register(MarkdownTextContentType(), named: markdown)
        MustacheContentTypes.register(HTMLBlockContentType(), named: htmlBlock)
        MustacheContentTypes.register(PlainLineContentType(), named: plainLine)
        return true
    }()
}
