import AllotLedger

/// One month's response rates (spec §10): the sums of some seats' statements for it.
public struct MonthResponses: Codable, Sendable, Equatable {
    public var month: Month
    public var responses: ResponseCounts

    public init(month: Month, responses: ResponseCounts) { self.month = month; self.responses = responses }
}

extension MonthResponses {
    /// The seats' response counts month by month, oldest first, from their first
    /// statement month to their last: each month the sum of the seats' statements for it
    /// (a seat without a statement that month adds nothing), so a team's rate is the
    /// ratio of its seats' sums.
    public static func of(_ seats: [AccountLedger], in ledger: Ledger) -> [MonthResponses] {
        let calendar = ledger.settings.calendar
        let days = ledger.settings.responseRateDays
        var byMonth: [Month: ResponseCounts] = [:], covered: [Month] = []
        for seat in seats {
            let months = ledger.statementMonths(of: seat.account.id)
            guard let first = months.first, let last = months.last else { continue }
            covered += [first, last]
            // One pass over the seat's sends, then each month counted as its statement counts it.
            var sends: [Month: [SentMessage]] = [:]
            for m in seat.messages where m.time < ledger.asOf {
                let month = calendar.month(of: m.time)
                if first <= month && month <= last { sends[month, default: []].append(m) }
            }
            for (month, messages) in sends {
                let start = calendar.startOfMonth(month), end = min(calendar.startOfMonth(month.next), ledger.asOf)
                let counts = ResponseCounts(messages[...], from: start, to: end, days: days, asOf: ledger.asOf, calendar: calendar)
                byMonth[month] = (byMonth[month] ?? ResponseCounts()) + counts
            }
        }
        return filled(byMonth, covering: covered)
    }

    /// Several lines added up month by month, over every month any of them covers.
    public static func sum(_ lines: [[MonthResponses]]) -> [MonthResponses] {
        var byMonth: [Month: ResponseCounts] = [:], covered: [Month] = []
        for line in lines {
            for m in line {
                byMonth[m.month] = (byMonth[m.month] ?? ResponseCounts()) + m.responses
                covered.append(m.month)
            }
        }
        return filled(byMonth, covering: covered)
    }

    /// Every month from the first to the last of `months`, zero where `byMonth` has nothing.
    private static func filled(_ byMonth: [Month: ResponseCounts], covering months: [Month]) -> [MonthResponses] {
        guard var m = months.min(), let last = months.max() else { return [] }
        var out: [MonthResponses] = []
        while m <= last {
            out.append(MonthResponses(month: m, responses: byMonth[m] ?? ResponseCounts()))
            m = m.next
        }
        return out
    }
}

/// One month's response rates in a JSON twin: `month` as `YYYY-MM` and its `responses`.
package struct ResponseMonthLine: Codable, Sendable, Equatable {
    package var month: String
    package var responses: ResponsesLine

    package init(_ m: MonthResponses) {
        month = m.month.description
        responses = ResponsesLine(m.responses)
    }
}
