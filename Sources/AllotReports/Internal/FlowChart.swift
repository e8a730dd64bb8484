import AllotLedger

/// An inline SVG bar chart of credits shared within a team, month by month.
struct FlowChart {
    let format: DisplayFormat
    let width = 720.0, height = 180.0
    let left = 48.0, right = 12.0, top = 12.0, bottom = 28.0

    func svg(_ totals: [(month: Month, credits: Int)]) -> String {
        let maxValue = max(10, totals.map(\.credits).max() ?? 0)
        let slot = (width - left - right) / Double(max(1, totals.count))
        func y(_ v: Int) -> Double { top + (height - top - bottom) * (1 - Double(v) / Double(maxValue)) }
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"Credits shared per month\" xmlns=\"http://www.w3.org/2000/svg\">"
        for step in 0...2 {
            let v = maxValue * step / 2
            svg += "<line class=\"grid\" x1=\"\(Int(left))\" x2=\"\(Int(width - right))\" y1=\"\(SVGText.number(y(v)))\" y2=\"\(SVGText.number(y(v)))\"/>"
            svg += "<text class=\"axis\" x=\"\(Int(left - 6))\" y=\"\(SVGText.number(y(v) + 4))\" text-anchor=\"end\">\(v)</text>"
        }
        let labelEvery = max(1, totals.count / 8)
        for (i, entry) in totals.enumerated() {
            let x = left + slot * Double(i)
            let label = "\(format.month(entry.month)): \(format.credits(entry.credits)) shared"
            svg += "<rect class=\"flow\" x=\"\(SVGText.number(x + slot * 0.15))\" y=\"\(SVGText.number(y(entry.credits)))\" width=\"\(SVGText.number(slot * 0.7))\" height=\"\(SVGText.number(y(0) - y(entry.credits)))\"><title>\(SVGText.escape(label))</title></rect>"
            if i % labelEvery == 0 {
                svg += "<text class=\"axis\" x=\"\(SVGText.number(x + slot * 0.15))\" y=\"\(Int(height - 8))\">\(SVGText.escape(format.shortMonth(entry.month)))</text>"
            }
        }
        return svg + "</svg>"
    }
}
