import AllotLedger

/// An inline SVG step chart of an account's balance over time, with expiries and
/// forfeits marked, and its key.
struct BalanceChart {
    let format: DisplayFormat

    /// `end` is the as-of or the seat's closing; postings at `end` (a closing's forfeit)
    /// are drawn.
    func svg(_ account: AccountLedger, from start: Instant, to end: Instant, months: [Month]) -> String {
        let postings = account.postings.lazy.filter { $0.time >= start && $0.time <= end }
        let frame = ChartFrame(height: 220, maxValue: postings.map(\.balance).max() ?? 0)
        let span = Double(max(1, end.millis - start.millis))
        func x(_ t: Instant) -> Double { frame.left + frame.plotWidth * Double(t.millis - start.millis) / span }
        func point(_ t: Instant, _ b: Int) -> String { "\(SVGText.number(x(t))),\(SVGText.number(frame.y(b)))" }
        var points = [point(start, 0)]
        points.reserveCapacity(account.postings.count * 2 + 2)
        var balance = 0
        for p in postings {
            points.append(point(p.time, balance))
            balance = p.balance
            points.append(point(p.time, balance))
        }
        points.append(point(end, balance))
        var svg = frame.open(label: "Balance over time")
        svg += frame.monthLabels(months, format, from: start, to: end, x: x)
        svg += "<polyline class=\"balance\" points=\"\(points.joined(separator: " "))\"/>"
        for p in postings where p.kind == .expire || p.kind == .forfeit {
            let label = "\(format.date(p.time)): \(format.credits(-p.amount)) \(p.kind == .expire ? "expired" : "forfeited")"
            svg +=
                "<circle class=\"expiry\" cx=\"\(SVGText.number(x(p.time)))\" cy=\"\(SVGText.number(frame.y(p.balance)))\" r=\"5\"><title>\(SVGText.escape(label))</title></circle>"
        }
        return svg + "</svg>" + ChartFrame.legend([("balance", "Balance"), ("expiry", "Credits expired or forfeited")])
    }
}
