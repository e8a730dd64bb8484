/// Text made safe for HTML: element content and quoted attribute values alike.
public enum HTMLEscape {
    /// `lineBreaks` also turns CR and LF into character references, for HTML that sits
    /// inside a Markdown document, where a blank line would end the HTML block.
    public static func text(_ text: String, lineBreaks: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
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
}
