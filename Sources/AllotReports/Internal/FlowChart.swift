import AllotLedger

/// An inline SVG bar chart of credits shared within a team, month by month.
struct FlowChart {
    let format: DisplayFormat

    func svg(_ totals: [(month: Month, credits: Int)]) -> String {
        let frame = ChartFrame(height: 180, maxValue: totals.map(\.credits).max() ?? 0, maxSteps: 4)
        let slot = frame.plotWidth / Double(max(1, totals.count))
        var svg = frame.open(label: "Credits shared per month")
        let labelEvery = max(1, totals.count / 8)
        for (i, entry) in totals.enumerated() {
            let x = frame.left + slot * Double(i)
            let label = "\(format.month(entry.month)): \(format.credits(entry.credits)) shared"
            svg +=
                "<rect class=\"flow\" x=\"\(SVGText.number(x + slot * 0.15))\" y=\"\(SVGText.number(frame.y(entry.credits)))\" width=\"\(SVGText.number(slot * 0.7))\" height=\"\(SVGText.number(frame.y(0) - frame.y(entry.credits)))\"><title>\(SVGText.escape(label))</title></rect>"
            if i % labelEvery == 0 {
                svg += frame.axisLabel(format.shortMonth(entry.month), at: x + slot * 0.15, alternate: i / labelEvery % 2 == 1)
            }
        }
        return svg + "</svg>"
    }
}
