import AllotLedger

/// An inline SVG with two step lines over the same months: the balance as it was, and
/// as it would have been under the alternative policies.
struct OverlayChart {
    let format: DisplayFormat

    /// Each series: (instant, balance from then on), in time order.
    func svg(
        base: [(Instant, Int)], alternative: [(Instant, Int)], from start: Instant, to end: Instant,
        months: [Month], label: String
    ) -> String {
        let frame = ChartFrame(height: 240, maxValue: (base + alternative).map(\.1).max() ?? 0)
        let span = Double(max(1, end.millis - start.millis))
        func x(_ t: Instant) -> Double { frame.left + frame.plotWidth * Double(t.millis - start.millis) / span }
        func line(_ series: [(Instant, Int)], _ cls: String) -> String {
            var points: [String] = [], value = 0
            func point(_ t: Instant, _ v: Int) -> String { "\(SVGText.number(x(t))),\(SVGText.number(frame.y(v)))" }
            points.append(point(start, 0))
            for (t, v) in series where t >= start && t < end {
                points.append(point(t, value))
                value = v
                points.append(point(t, value))
            }
            points.append(point(end, value))
            return "<polyline class=\"\(cls)\" points=\"\(points.joined(separator: " "))\"/>"
        }
        var svg = frame.open(label: label)
        svg += frame.monthLabels(months, format, from: start, to: end, x: x)
        svg += line(base, "balance") + line(alternative, "alternative")
        return svg + "</svg>"
            + ChartFrame.legend([("balance", "Balance as it was"), ("alternative", "Under the alternative policies")])
    }
}
