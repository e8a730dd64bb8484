import AllotLedger

/// Expiries as a reader acts on them: the last day the credits can still be used. Credits
/// that expire at midnight are gone when that day begins, so "use by" is the day before;
/// credits that expire during a day (a refund's lot keeps the hour it came back) can be used
/// that day until the hour.
extension DisplayFormat {
    /// The last local day on which credits expiring at `expires` can be used.
    public func useByDay(_ expires: Instant) -> CivilDate {
        calendar.local(Instant(millis: expires.millis - 1)).date
    }

    /// `29 Jul 2015`, or `3 Jul 2015, before 19:15` when the credits expire during the day.
    public func useBy(_ expires: Instant) -> String {
        let day = useByDay(expires)
        let text = DateText.make(day, monthName: Self.shortMonthNames[day.month - 1])
        let at = calendar.local(expires)
        guard at.date == day else { return text }
        let minute = Int(at.millisOfDay / 60_000)
        return text + ", before " + twoDigits(minute / 60) + ":" + twoDigits(minute % 60)
    }

    /// The day by which to act on an expiry or a closing answer window (`3 Jul 2015`):
    /// the use-by day, without the hour.
    public func actBy(_ deadline: Instant) -> String {
        let day = useByDay(deadline)
        return DateText.make(day, monthName: Self.shortMonthNames[day.month - 1])
    }

    /// `actBy` as shown and in ISO 8601 (`2015-07-03`).
    public func actByCell(_ deadline: Instant) -> DataCell { .instant(shown: actBy(deadline), iso8601: useByDay(deadline).isoDate) }

    /// Whole days from the local day of `now` to the use-by day of `expires`: 0 is today.
    public func daysLeft(_ expires: Instant, from now: Instant) -> Int {
        useByDay(expires).daysSinceEpoch - calendar.local(now).date.daysSinceEpoch
    }

    /// `today`, `tomorrow`, `in 28 days`.
    public func daysLeftText(_ days: Int) -> String {
        switch days {
        case ..<0: "past"
        case 0: "today"
        case 1: "tomorrow"
        default: "in \(days) days"
        }
    }

    /// The zone named once per page: `New York time (America/New_York)`, or `UTC`.
    public var zoneText: String {
        let id = calendar.identifier
        guard let city = id.split(separator: "/").last, id.contains("/") else { return id }
        return String(city.map { $0 == "_" ? " " : $0 }) + " time (" + id + ")"
    }
}

extension DisplayFormat {
    /// The warning horizon in the one form every page uses: `in the 30 days to 21 Jun 2015,
    /// inclusive`, for `days` days ending (exclusively) at `end`.
    public func horizon(days: Int, end: Instant) -> String {
        "in the \(counted(days, "day", "days")) to \(actBy(end)), inclusive"
    }
}
