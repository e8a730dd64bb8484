/// Numbers and text for inline SVG.
enum SVGText {
    static func escape(_ s: String) -> String { HTMLEscape.text(s, lineBreaks: true) }

    /// One decimal at most, no trailing `.0`: `174.4`, `56`, `-0.5`.
    static func number(_ x: Double) -> String {
        var bytes: [UInt8] = []
        write(x, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `number(x)`'s text appended to `bytes`, written from the whole tenths rather than
    /// through `Double.description`: a seat's chart has two points for every posting, and
    /// printing them was a tenth of the seat page's time.
    static func write(_ x: Double, into bytes: inout [UInt8]) {
        guard x.isFinite, abs(x) < 1e12 else {
            bytes += String(x).utf8
            return
        }
        let tenths = Int((x * 10).rounded())
        if tenths < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = tenths.magnitude
        writeDigits(magnitude / 10, into: &bytes)
        if magnitude % 10 != 0 {
            bytes.append(UInt8(ascii: "."))
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
        }
    }

    private static func writeDigits(_ n: UInt, into bytes: inout [UInt8]) {
        if n >= 10 { writeDigits(n / 10, into: &bytes) }
        bytes.append(UInt8(ascii: "0") + UInt8(n % 10))
    }
}
