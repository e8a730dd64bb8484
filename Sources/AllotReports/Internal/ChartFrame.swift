/// The plot area, value axis and SVG wrapper the site's charts share.
struct ChartFrame {
    var width = 720.0, height = 220.0
    let left = 48.0, right = 12.0, top = 12.0, bottom = 28.0
    /// The largest value on the axis (at least 10, so an empty chart still has a scale).
    let maxValue: Int

    init(height: Double, maxValue: Int) {
        self.height = height
        self.maxValue = max(10, maxValue)
    }

    var plotWidth: Double { width - left - right }

    func y(_ v: Int) -> Double { top + (height - top - bottom) * (1 - Double(v) / Double(maxValue)) }

    /// `<svg …>` with `steps + 1` labelled grid lines, to be closed with `</svg>`.
    func open(label: String, steps: Int) -> String {
        var svg =
            "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(SVGText.escape(label))\" xmlns=\"http://www.w3.org/2000/svg\">"
        for step in 0...steps {
            let v = maxValue * step / steps
            svg +=
                "<line class=\"grid\" x1=\"\(Int(left))\" x2=\"\(Int(width - right))\" y1=\"\(SVGText.number(y(v)))\" y2=\"\(SVGText.number(y(v)))\"/>"
            svg += "<text class=\"axis\" x=\"\(Int(left - 6))\" y=\"\(SVGText.number(y(v) + 4))\" text-anchor=\"end\">\(v)</text>"
        }
        return svg
    }

    /// A label under the plot at `x`.
    func axisLabel(_ text: String, at x: Double) -> String {
        "<text class=\"axis\" x=\"\(SVGText.number(x))\" y=\"\(Int(height - 8))\">\(SVGText.escape(text))</text>"
    }
}
