import AllotLedger

/// Dates and numbers as a reader sees them, on the ledger's wall clock.
public struct DisplayFormat: Sendable {
    public let calendar: LedgerCalendar

    public init(calendar: LedgerCalendar) { self.calendar = calendar }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    ]
    private static let longNames = monthNames.map { Array($0.utf8) }
    static let shortMonthNames = monthNames.map { Array($0.utf8.prefix(3)) }

    /// `1 Apr 2015`.
    public func date(_ t: Instant) -> String {
        let d = calendar.local(t).date
        return DateText.make(d, monthName: Self.shortMonthNames[d.month - 1])
    }

    /// `1 April 2015`.
    public func longDate(_ t: Instant) -> String {
        let d = calendar.local(t).date
        return DateText.make(d, monthName: Self.longNames[d.month - 1])
    }

    /// `1 Apr 2015, 09:05`.
    public func dateTime(_ t: Instant) -> String {
        let l = calendar.local(t)
        return DateText.make(l.date, monthName: Self.shortMonthNames[l.date.month - 1], minuteOfDay: Int(l.millisOfDay / 60_000))
    }

    /// `2015-04-01T09:05:00+01:00`: ISO 8601 on the ledger's wall clock with its offset
    /// (milliseconds only when present). An offset of seconds, which only old local mean
    /// times have, cannot be written this way; such an instant is written in UTC with `Z`.
    public func iso8601(_ t: Instant) -> String { t.iso8601(offsetMillis: calendar.offsetMillis(at: t)) }

    /// `2015-04-01`: the local date in ISO 8601.
    public func isoDate(_ t: Instant) -> String { calendar.local(t).date.isoDate }

    /// A time as pages show it (`1 Apr 2015, 09:05`) and in ISO 8601 with the offset.
    public func instantCell(_ t: Instant) -> DataCell { .instant(shown: dateTime(t), iso8601: iso8601(t)) }

    /// A day as pages show it (`1 Apr 2015`) and in ISO 8601 (`2015-04-01`).
    public func dateCell(_ t: Instant) -> DataCell { .instant(shown: date(t), iso8601: isoDate(t)) }

    func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// `April 2015`.
    public func month(_ m: Month) -> String { "\(Self.monthNames[m.month - 1]) \(m.year)" }

    /// `Apr 2015`.
    public func shortMonth(_ m: Month) -> String { "\(Self.monthNames[m.month - 1].prefix(3)) \(m.year)" }

    /// `+12`, `-3`, `0`.
    public func signed(_ n: Int) -> String { n > 0 ? "+\(n)" : "\(n)" }

    /// `1 credit`, `12 credits`.
    public func credits(_ n: Int) -> String { counted(n, "credit", "credits") }

    /// `1 seat`, `12 seats`: a count and its noun, agreeing.
    public func counted(_ n: Int, _ singular: String, _ plural: String) -> String {
        "\(n) \(n == 1 || n == -1 ? singular : plural)"
    }
}
