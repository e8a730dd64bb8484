import AllotLedger

/// "Response rates" on a team page (spec §10): a sentence with the team's figures of all
/// time, a table with a row per seat and a column per month (oldest first) and all time,
/// the team's row (the ratio of the seats' sums, never an average of their rates), and a
/// chart of the rates month by month.
struct ResponseSection: Sendable, Encodable {
    struct Head: Sendable, Encodable {
        var name: String
    }

    struct Cell: Sendable, Encodable {
        /// `60.0 % of 5`, `–` when no send of the month counts, empty when the seat had no
        /// statement that month.
        var text: String
    }

    struct Row: Sendable, Encodable {
        var name: String
        var href: String?
        var closed = false
        var cells: [Cell]
        var allTime: String
    }

    var sentence: String
    var hasMonths: Bool
    var months: [Head]
    var seats: [Row]
    var team: Row
    var chart: String
    var chartCaption: String
    /// `30 days`, and the as-of day: what the rates count.
    var responseDays, asOfDay: String
    /// The table as CSV cells, row for row: the rate alone, as an account's months give it.
    private var cellRows: [[DataCell]]
    private var headers: [String]

    enum CodingKeys: String, CodingKey {
        case sentence, hasMonths, months, seats, team, chart, chartCaption, responseDays, asOfDay
    }

    /// `seats`: each seat's name, link, whether it closed, its counts by month (nil where
    /// it had no statement) and of all time.
    init(
        months: [MonthResponses], seats: [(name: String, href: String, closed: Bool, months: [Month: ResponseCounts], all: ResponseCounts)],
        days: Int, asOf: Instant, format: DisplayFormat
    ) {
        let total = seats.reduce(ResponseCounts()) { $0 + $1.all }
        responseDays = format.counted(days, "day", "days")
        asOfDay = format.date(Instant(millis: asOf.millis - 1))
        sentence = Self.sentence(total, days: responseDays, asOfDay: asOfDay, format: format)
        hasMonths = !months.isEmpty
        self.months = months.map { Head(name: format.shortMonth($0.month)) }
        headers = ["Seat"] + months.map { format.shortMonth($0.month) } + ["All time"]
        func text(_ c: ResponseCounts?) -> String { c.map(AccountReport.rateText) ?? "" }
        func cell(_ c: ResponseCounts?) -> DataCell { c.map(AccountReport.rateCell) ?? .empty }
        self.seats = seats.map { s in
            Row(
                name: s.name, href: s.href, closed: s.closed, cells: months.map { Cell(text: text(s.months[$0.month])) },
                allTime: AccountReport.rateText(s.all))
        }
        team = Row(name: "All seats", cells: months.map { Cell(text: text($0.responses)) }, allTime: AccountReport.rateText(total))
        cellRows =
            seats.map { s in [.text(s.name)] + months.map { cell(s.months[$0.month]) } + [AccountReport.rateCell(s.all)] }
            + [[.text("All seats")] + months.map { cell($0.responses) } + [AccountReport.rateCell(total)]]
        let monthList = months.map(\.month)
        chart = RateChart(format: format).svg(
            months: monthList, team: months.map(\.responses),
            seats: seats.map { s in RateChart.Series(name: s.name, counts: monthList.map { s.months[$0] }) })
        chartCaption =
            RateChart.drawsSeats(seats.count)
            ? "The share of each month's messages answered within \(responseDays): the team's, and each seat's."
            : "The share of each month's messages answered within \(responseDays), over all the team's seats."
    }

    /// `Of the team's 10 messages old enough to count, 7 were answered within 30 days (5
    /// accepted): 70.0 %. 3 more, sent less than 30 days before 22 May 2015, are not counted
    /// yet.`
    static func sentence(_ total: ResponseCounts, days: String, asOfDay: String, format: DisplayFormat) -> String {
        guard let tenths = total.rateTenths else {
            guard total.tooRecent > 0 else { return "The team sent no messages." }
            return "None of the team's messages is old enough to count yet: "
                + "\(format.counted(total.tooRecent, "message was", "messages were")) sent less than \(days) before \(asOfDay)."
        }
        var text =
            "Of the team's \(format.counted(total.sent, "message", "messages")) old enough to count, \(total.answered) "
            + "\(total.answered == 1 ? "was" : "were") answered within \(days) (\(total.accepted) accepted): "
            + "\(OneDecimal(tenths: tenths).text) %."
        if total.tooRecent > 0 {
            text +=
                " \(total.tooRecent) more, sent less than \(days) before \(asOfDay), \(total.tooRecent == 1 ? "is" : "are") not counted yet."
        }
        return text
    }

    /// The table as a CSV: `response-rates`.
    var table: DataTable {
        DataTable(name: "response-rates", columns: headers.map { DataColumn($0) }, rows: cellRows)
    }
}
