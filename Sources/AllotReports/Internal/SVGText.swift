/// Numbers and text for inline SVG.
enum SVGText {
    static func escape(_ s: String) -> String { HTMLEscape.text(s, lineBreaks: true) }

    /// One decimal at most, no trailing `.0`.
    static func number(_ x: Double) -> String {
        let r = (x * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }
}
