import AllotLedger

/// The plot area, value axis and SVG wrapper the site's charts share.
struct ChartFrame {
    var width = 720.0, height = 220.0
    let left = 56.0, right = 12.0, top = 12.0, bottom = 28.0
    /// The top of the value axis: a whole number of `step`s at or above the largest value
    /// (at least 10, so an empty chart still has a scale).
    let maxValue: Int
    /// The distance between labelled grid lines: 1, 2 or 5 × 10ⁿ.
    let step: Int

    init(height: Double, maxValue: Int, maxSteps: Int = 5) {
        self.height = height
        let largest = max(10, maxValue)
        step = Self.roundStep(covering: largest, in: maxSteps)
        self.maxValue = (largest + step - 1) / step * step
    }

    /// The smallest of 1, 2, 5, 10, 20, 50, … that reaches `value` in `steps` steps or fewer.
    static func roundStep(covering value: Int, in steps: Int) -> Int {
        var magnitude = 1
        while true {
            for m in [1, 2, 5] where m * magnitude * steps >= value { return m * magnitude }
            magnitude *= 10
        }
    }

    /// The values of the labelled grid lines, from 0 to `maxValue`.
    var ticks: [Int] { Array(stride(from: 0, through: maxValue, by: step)) }

    var plotWidth: Double { width - left - right }

    func y(_ v: Int) -> Double { y(Double(v)) }

    /// A value between the ticks, such as a rate with its decimal.
    func y(_ v: Double) -> Double { top + (height - top - bottom) * (1 - v / Double(maxValue)) }

    /// `<svg …>` with a labelled grid line at every tick, to be closed with `</svg>`.
    func open(label: String) -> String {
        var svg =
            "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(SVGText.escape(label))\" xmlns=\"http://www.w3.org/2000/svg\">"
        for v in ticks {
            svg +=
                "<line class=\"grid\" x1=\"\(Int(left))\" x2=\"\(Int(width - right))\" y1=\"\(SVGText.number(y(v)))\" y2=\"\(SVGText.number(y(v)))\"/>"
            svg += "<text class=\"axis\" x=\"\(Int(left - 6))\" y=\"\(SVGText.number(y(v) + 4))\" text-anchor=\"end\">\(v)</text>"
        }
        return svg
    }

    /// A label under the plot at `x`; every other one (`alternate`) is hidden on narrow
    /// screens, where the labels are drawn larger.
    func axisLabel(_ text: String, at x: Double, alternate: Bool = false) -> String {
        "<text class=\"axis\(alternate ? " alternate" : "")\" x=\"\(SVGText.number(x))\" y=\"\(Int(height - 8))\">\(SVGText.escape(text))</text>"
    }

    /// Month names under the plot at the months' starts, eight or so at most.
    func monthLabels(_ months: [Month], _ format: DisplayFormat, from start: Instant, to end: Instant, x: (Instant) -> Double)
        -> String
    {
        let every = max(1, months.count / 8)
        var svg = "", shown = 0
        for (i, m) in months.enumerated() where i % every == 0 {
            let t = format.calendar.startOfMonth(m)
            guard t >= start, t < end else { continue }
            // A label near the right edge would run off it when drawn larger.
            svg += axisLabel(format.shortMonth(m), at: x(t), alternate: shown % 2 == 1 || x(t) > width - 100)
            shown += 1
        }
        return svg
    }

    /// The key under a chart: each entry's class names its swatch in style.css.
    static func legend(_ entries: [(swatch: String, text: String)]) -> String {
        let items = entries.map { "<li><span class=\"swatch \($0.swatch)\"></span>\(SVGText.escape($0.text))</li>" }
        return "<ul class=\"legend\">\(items.joined())</ul>"
    }
}
