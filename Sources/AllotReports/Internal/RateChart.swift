import AllotLedger

/// An inline SVG line chart of response rates month by month, 0 to 100 %: the team's
/// rate as a bold line, and each seat's as a thin one when there are few enough seats to
/// tell apart. A month with no counted send has no point, and its line breaks there.
struct RateChart {
    let format: DisplayFormat
    /// The most seats drawn line by line; a larger team shows its own line alone.
    static let seatLimit = 8

    struct Series {
        var name: String
        /// One per month of the chart; nil where the seat had no statement.
        var counts: [ResponseCounts?]
    }

    /// Whether `seats` many seats get lines of their own.
    static func drawsSeats(_ seats: Int) -> Bool { seats > 1 && seats <= seatLimit }

    func svg(months: [Month], team: [ResponseCounts], seats: [Series]) -> String {
        let frame = ChartFrame(height: 200, maxValue: 100)
        let slot = frame.plotWidth / Double(max(1, months.count))
        func x(_ i: Int) -> Double { frame.left + slot * (Double(i) + 0.5) }
        func y(_ tenths: Int) -> Double { frame.y(Double(tenths) / 10) }
        var svg = frame.open(label: "Response rate per month, in percent")
        let labelEvery = max(1, months.count / 8)
        for (i, m) in months.enumerated() where i % labelEvery == 0 {
            svg += frame.axisLabel(format.shortMonth(m), at: x(i) - slot * 0.35, alternate: i / labelEvery % 2 == 1)
        }
        /// Polylines over runs of months with a rate, and a dot with its figures at each.
        func series(_ counts: [ResponseCounts?], line: String, dot: String, radius: Int, title: (Int, ResponseCounts) -> String) -> String {
            var out = "", run: [String] = []
            func close() {
                if run.count > 1 { out += "<polyline class=\"\(line)\" points=\"\(run.joined(separator: " "))\"/>" }
                run = []
            }
            var dots = ""
            for (i, c) in counts.enumerated() {
                guard let c, let tenths = c.rateTenths else {
                    close()
                    continue
                }
                run.append("\(SVGText.number(x(i))),\(SVGText.number(y(tenths)))")
                dots +=
                    "<circle class=\"\(dot)\" cx=\"\(SVGText.number(x(i)))\" cy=\"\(SVGText.number(y(tenths)))\" r=\"\(radius)\"><title>\(SVGText.escape(title(i, c)))</title></circle>"
            }
            close()
            return out + dots
        }
        let drawsSeats = Self.drawsSeats(seats.count)
        if drawsSeats {
            for s in seats {
                svg += series(s.counts, line: "seat-rate", dot: "seat-rate-point", radius: 3) { i, c in
                    "\(s.name), \(format.month(months[i])): \(AccountReport.rateText(c))"
                }
            }
        }
        svg += series(team, line: "rate", dot: "rate-point", radius: 4) { i, c in
            "The team, \(format.month(months[i])): \(AccountReport.rateText(c))"
        }
        let legend = [("rate", "The team")] + (drawsSeats ? [("seat-rate", "Each seat")] : [])
        return svg + "</svg>" + ChartFrame.legend(legend)
    }
}
