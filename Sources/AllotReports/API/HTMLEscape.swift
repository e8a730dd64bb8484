/// Text made safe for HTML: element content and quoted attribute values alike.
public enum HTMLEscape {
    /// `lineBreaks` also turns CR and LF into character references, for HTML that sits
    /// inside a Markdown document, where a blank line would end the HTML block.
    ///
    /// Works on the UTF-8 bytes (every character it replaces is ASCII, and no byte of a
    /// multi-byte character is), and returns the text itself when nothing needs escaping.
    public static func text(_ text: String, lineBreaks: Bool = false) -> String {
        var text = text
        return text.withUTF8 { input in
            var length = 0
            var changed = false
            for b in input {
                let n = replacementLength(b, lineBreaks)
                if n != 0 { changed = true; length += n } else { length += 1 }
            }
            guard changed else { return nil }
            return String(unsafeUninitializedCapacity: length) { out in
                var i = 0
                func put(_ s: StaticString) {
                    s.withUTF8Buffer { for c in $0 { out[i] = c; i += 1 } }
                }
                for b in input {
                    switch b {
                    case UInt8(ascii: "&"): put("&amp;")
                    case UInt8(ascii: "<"): put("&lt;")
                    case UInt8(ascii: ">"): put("&gt;")
                    case UInt8(ascii: "\""): put("&quot;")
                    case UInt8(ascii: "'"): put("&#39;")
                    case 0: put("\u{FFFD}")
                    case UInt8(ascii: "\n") where lineBreaks: put("&#10;")
                    case UInt8(ascii: "\r") where lineBreaks: put("&#13;")
                    default: out[i] = b; i += 1
                    }
                }
                return i
            }
        } ?? text
    }

    /// The length of what replaces `b`, or 0 when it stays.
    @inline(__always)
    private static func replacementLength(_ b: UInt8, _ lineBreaks: Bool) -> Int {
        switch b {
        case UInt8(ascii: "&"), UInt8(ascii: "'"): 5
        case UInt8(ascii: "\n"), UInt8(ascii: "\r"): lineBreaks ? 5 : 0
        case UInt8(ascii: "<"), UInt8(ascii: ">"): 4
        case UInt8(ascii: "\""): 6
        case 0: 3
        default: 0
        }
    }
}
