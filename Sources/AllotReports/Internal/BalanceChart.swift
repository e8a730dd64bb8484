import AllotLedger

/// An inline SVG step chart of an account's balance over time, with expiries and
/// forfeits marked, and its key.
struct BalanceChart {
    let format: DisplayFormat

    /// `end` is the as-of or the seat's closing; postings at `end` (a closing's forfeit)
    /// are drawn.
    func svg(_ account: AccountLedger, from start: Instant, to end: Instant, months: [Month]) -> String {
        // By index, so no posting is copied with its strings.
        let all = account.postings
        let shown = all.indices.filter { all[$0].time >= start && all[$0].time <= end }
        let frame = ChartFrame(height: 220, maxValue: shown.map { all[$0].balance }.max() ?? 0)
        let span = Double(max(1, end.millis - start.millis))
        func x(_ t: Instant) -> Double { frame.left + frame.plotWidth * Double(t.millis - start.millis) / span }
        var points: [UInt8] = []
        points.reserveCapacity(shown.count * 24 + 32)
        func point(_ t: Instant, _ b: Int) {
            if !points.isEmpty { points.append(UInt8(ascii: " ")) }
            SVGText.write(x(t), into: &points)
            points.append(UInt8(ascii: ","))
            SVGText.write(frame.y(b), into: &points)
        }
        point(start, 0)
        var balance = 0
        for i in shown {
            point(all[i].time, balance)
            balance = all[i].balance
            point(all[i].time, balance)
        }
        point(end, balance)
        var svg = frame.open(label: "Balance over time")
        svg += frame.monthLabels(months, format, from: start, to: end, x: x)
        svg += "<polyline class=\"balance\" points=\"" + String(decoding: points, as: UTF8.self) + "\"/>"
        for i in shown where all[i].kind == .expire || all[i].kind == .forfeit {
            let p = all[i]
            let label = "\(format.date(p.time)): \(format.credits(-p.amount)) \(p.kind == .expire ? "expired" : "forfeited")"
            svg +=
                "<circle class=\"expiry\" cx=\"\(SVGText.number(x(p.time)))\" cy=\"\(SVGText.number(frame.y(p.balance)))\" r=\"5\"><title>\(SVGText.escape(label))</title></circle>"
        }
        return svg + "</svg>" + ChartFrame.legend([("balance", "Balance"), ("expiry", "Credits expired or forfeited")])
    }
}
