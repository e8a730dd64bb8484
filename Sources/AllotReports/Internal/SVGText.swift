/// Numbers and text for inline SVG.
enum SVGText {
    static func escape(_ s: String) -> String { HTMLEscape.text(s, lineBreaks: true) }

    /// One decimal at most, no trailing `.0`: `174.4`, `56`, `-0.5`. Written from the
    /// whole tenths, not through `Double.description`: a seat's chart has a point for
    /// every posting, and printing them was a tenth of the seat page's time.
    static func number(_ x: Double) -> String {
        guard x.isFinite, abs(x) < 1e12 else { return String(x) }
        let tenths = Int((x * 10).rounded())
        let whole = tenths / 10, digit = tenths % 10
        guard digit != 0 else { return String(whole) }
        return (tenths < 0 && whole == 0 ? "-0" : String(whole)) + "." + String(abs(digit))
    }
}
