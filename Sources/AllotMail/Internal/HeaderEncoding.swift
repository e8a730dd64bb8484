import Foundation

/// Header values as RFC 5322 and RFC 2047 want them: printable ASCII passes, anything
/// else becomes UTF-8 encoded-words; line breaks and control characters in data become
/// spaces first, so no value can start another header.
enum HeaderEncoding {
    static func flatten(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
    }

    static func isPlain(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F } && !text.contains("=?")
    }

    /// Unstructured text (Subject): plain ASCII as is, otherwise encoded-words of at
    /// most 75 characters, split on character boundaries, separated by folding white space.
    static func unstructured(_ text: String) -> String {
        let flat = flatten(text)
        return isPlain(flat) ? flat : encodedWords(flat)
    }

    /// A display name: an atom run or quoted string when ASCII, else encoded-words.
    static func displayName(_ name: String) -> String {
        let flat = flatten(name)
        guard isPlain(flat) else { return encodedWords(flat) }
        let atext = flat.unicodeScalars.allSatisfy { c in
            (c.properties.isAlphabetic && c.isASCII) || ("0"..."9").contains(c) || " !#$%&'*+-/=?^_`{|}~".unicodeScalars.contains(c)
        }
        if atext && !flat.hasPrefix(" ") && !flat.hasSuffix(" ") && !flat.contains("  ") { return flat }
        return "\"" + flat.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func mailbox(_ a: MailAddress) -> String {
        guard let name = a.name else { return a.address }
        return displayName(name) + " <" + a.address + ">"
    }

    /// A whole header line folded (RFC 5322 §2.2.3) at its spaces into lines of at most
    /// `width` octets where a space allows; unfolding gives the line back.
    static func folded(_ header: String, width: Int = 76) -> String {
        let tokens = header.replacingOccurrences(of: "\r\n ", with: " ").split(separator: " ", omittingEmptySubsequences: false)
        var lines: [String] = [], line = String(tokens[0])
        for token in tokens.dropFirst() {
            if line.utf8.count + 1 + token.utf8.count > width && !line.trimmingCharacters(in: .whitespaces).hasSuffix(":") {
                lines.append(line)
                line = " " + token
            } else {
                line += " " + token
            }
        }
        return (lines + [line]).joined(separator: "\r\n")
    }

    /// `=?UTF-8?B?…?=` words, each whole characters, at most 64 characters long, so the
    /// first fits on a line after `Subject: `.
    static func encodedWords(_ text: String) -> String {
        var words: [String] = [], chunk: [UInt8] = []
        let maxBytes = 39  // 39 bytes → 52 base64 characters + 12 of wrapping = 64
        for ch in text {
            let bytes = Array(String(ch).utf8)
            if chunk.count + bytes.count > maxBytes, !chunk.isEmpty {
                words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=") }
        return words.joined(separator: "\r\n ")
    }
}
