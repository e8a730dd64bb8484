import AllotLedger

/// An inline SVG step chart of an account's balance over time, with expiries marked.
struct BalanceChart {
    let format: DisplayFormat
    let width = 720.0, height = 220.0
    let left = 48.0, right = 12.0, top = 12.0, bottom = 28.0

    func svg(_ account: AccountLedger, from start: Instant, to end: Instant, months: [Month]) -> String {
        let postings = account.postings
        let maxBalance = max(10, postings.map(\.balance).max() ?? 0)
        let span = Double(max(1, end.millis - start.millis))
        func x(_ t: Instant) -> Double { left + (width - left - right) * Double(t.millis - start.millis) / span }
        func y(_ b: Int) -> Double { top + (height - top - bottom) * (1 - Double(b) / Double(maxBalance)) }
        var points: [String] = ["\(SVGText.number(x(start))),\(SVGText.number(y(0)))"]
        var balance = 0
        for p in postings where p.time >= start && p.time < end {
            points.append("\(SVGText.number(x(p.time))),\(SVGText.number(y(balance)))")
            balance = p.balance
            points.append("\(SVGText.number(x(p.time))),\(SVGText.number(y(balance)))")
        }
        points.append("\(SVGText.number(x(end))),\(SVGText.number(y(balance)))")
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"Balance over time\" xmlns=\"http://www.w3.org/2000/svg\">"
        for step in 0...4 {
            let b = maxBalance * step / 4
            svg += "<line class=\"grid\" x1=\"\(Int(left))\" x2=\"\(Int(width - right))\" y1=\"\(SVGText.number(y(b)))\" y2=\"\(SVGText.number(y(b)))\"/>"
            svg += "<text class=\"axis\" x=\"\(Int(left - 6))\" y=\"\(SVGText.number(y(b) + 4))\" text-anchor=\"end\">\(b)</text>"
        }
        let labelEvery = max(1, months.count / 8)
        for (i, m) in months.enumerated() where i % labelEvery == 0 {
            let t = format.calendar.startOfMonth(m)
            guard t >= start, t < end else { continue }
            svg += "<text class=\"axis\" x=\"\(SVGText.number(x(t)))\" y=\"\(Int(height - 8))\">\(SVGText.escape(format.shortMonth(m)))</text>"
        }
        svg += "<polyline class=\"balance\" points=\"\(points.joined(separator: " "))\"/>"
        for p in postings where (p.kind == .expire || p.kind == .forfeit) && p.time >= start && p.time < end {
            let label = "\(format.date(p.time)): \(-p.amount) credits \(p.kind == .expire ? "expired" : "forfeited")"
            svg += "<circle class=\"expiry\" cx=\"\(SVGText.number(x(p.time)))\" cy=\"\(SVGText.number(y(p.balance)))\" r=\"4\"><title>\(SVGText.escape(label))</title></circle>"
        }
        return svg + "</svg>"
    }
}
