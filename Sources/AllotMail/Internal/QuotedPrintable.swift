/// Quoted-printable (RFC 2045 §6.7) with CRLF line ends: no encoded line is longer than
/// 76 characters, and `=` never appears unencoded, so a boundary holding `=_` is safe.
enum QuotedPrintable {
    static func encode(_ text: String) -> String {
        var out = ""
        let lines = text.replacingCRLF().split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            var current = ""
            let bytes = Array(line.utf8)
            for (i, b) in bytes.enumerated() {
                let last = i == bytes.count - 1
                let piece: String
                if (b >= 33 && b <= 126 && b != 61) || ((b == 32 || b == 9) && !last) {
                    piece = String(UnicodeScalar(b))
                } else {
                    piece = "=" + hex(b)
                }
                if current.count + piece.count > 75 {
                    out += current + "=\r\n"
                    current = ""
                }
                current += piece
            }
            out += current
            if index < lines.count - 1 { out += "\r\n" }
        }
        return out
    }

    private static func hex(_ b: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String(digits[Int(b >> 4)]) + String(digits[Int(b & 15)])
    }
}

extension String {
    /// CRLF and lone CR as LF.
    func replacingCRLF() -> String {
        var out = ""
        var previousCR = false
        for s in unicodeScalars {
            if s == "\r" { out += "\n"; previousCR = true; continue }
            if s == "\n" && previousCR { previousCR = false; continue }
            previousCR = false
            out.unicodeScalars.append(s)
        }
        return out
    }
}
