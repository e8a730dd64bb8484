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
    private static let shortNames = monthNames.map { Array($0.utf8.prefix(3)) }

    /// `1 Apr 2015`.
    public func date(_ t: Instant) -> String {
        let d = calendar.local(t).date
        return DateText.make(d, monthName: Self.shortNames[d.month - 1])
    }

    /// `1 April 2015`.
    public func longDate(_ t: Instant) -> String {
        let d = calendar.local(t).date
        return DateText.make(d, monthName: Self.longNames[d.month - 1])
    }

    /// `1 Apr 2015, 09:05`.
    public func dateTime(_ t: Instant) -> String {
        let l = calendar.local(t)
        return DateText.make(l.date, monthName: Self.shortNames[l.date.month - 1], minuteOfDay: Int(l.millisOfDay / 60_000))
    }

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
