import Foundation

/// Calendar arithmetic in the ledger's IANA time zone (spec §1): local midnights,
/// months, and `+ N days` / `+ N months` that keep the local wall-clock time.
public struct LedgerCalendar: Sendable {
    public let identifier: String
    private let zone: TimeZone
    /// nil for UTC, whose offset is always zero.
    private let offsets: OffsetTable?

    /// nil when the identifier is not a known IANA zone named by its area and place
    /// (`America/New_York`, `Etc/GMT+5`), or `UTC`. Foundation also takes abbreviations
    /// such as `EST` and offsets such as `GMT+5` (UTC+5, where IANA's `Etc/GMT+5` is
    /// UTC−5): those are refused, so that a zone means what the IANA database says.
    public init?(identifier: String) {
        guard identifier == "UTC" || Self.isAreaAndPlace(identifier), let zone = TimeZone(identifier: identifier) else {
            return nil
        }
        self.identifier = identifier
        self.zone = zone
        self.offsets = identifier == "UTC" ? nil : OffsetTables.table(for: identifier, zone)
    }

    public static let utc = LedgerCalendar(identifier: "UTC")!

    /// The areas of the IANA database's zone names.
    private static let areas: Set<Substring> = [
        "Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific", "Etc",
    ]

    private static func isAreaAndPlace(_ identifier: String) -> Bool {
        guard let slash = identifier.firstIndex(of: "/") else { return false }
        return areas.contains(identifier[..<slash]) && identifier.index(after: slash) < identifier.endIndex
    }

    /// The zone's offset from UTC at an instant, in milliseconds.
    public func offsetMillis(at t: Instant) -> Int64 {
        guard let offsets else { return 0 }
        let second = t.millis.floorDivided(by: 1000).quotient
        return offsets.offsetMillis(atSecond: second) ?? OffsetChunk.offsetMillis(zone, atSecond: second)
    }

    public func local(_ t: Instant) -> LocalDateTime {
        LocalDateTime(wallMillis: t.millis + offsetMillis(at: t))
    }

    /// The instant a wall-clock time names. A time that occurs twice (clocks go back)
    /// is the earlier one; a time skipped by clocks going forward is read with the
    /// offset in force before the change, so it lands just after the gap.
    public func instant(_ local: LocalDateTime) -> Instant { instant(wallMillis: local.wallMillis) }

    private func instant(wallMillis wall: Int64) -> Instant {
        let before = offsetMillis(at: Instant(millis: wall - 86_400_000))
        let after = offsetMillis(at: Instant(millis: wall + 86_400_000))
        let early = Instant(millis: wall - before), late = Instant(millis: wall - after)
        let earlyValid = offsetMillis(at: early) == before
        let lateValid = offsetMillis(at: late) == after
        switch (earlyValid, lateValid) {
        case (true, true): return min(early, late)
        case (false, true): return late
        default: return early
        }
    }

    public func startOfDay(_ date: CivilDate) -> Instant { instant(LocalDateTime(date: date)) }

    /// Local midnight of the day after the one holding `t`.
    public func endOfDay(containing t: Instant) -> Instant { startOfDay(local(t).date.adding(days: 1)) }

    public func startOfMonth(_ month: Month) -> Instant { startOfDay(month.firstDay) }

    public func month(of t: Instant) -> Month {
        let d = local(t).date
        return Month(year: d.year, month: d.month)
    }

    /// `t + N days`: N calendar days later at the same local wall-clock time.
    public func adding(days: Int, to t: Instant) -> Instant {
        instant(wallMillis: t.millis + offsetMillis(at: t) + Int64(days) * 86_400_000)
    }

    /// `t + N months`: N calendar months later, day clamped to the month's end.
    public func adding(months: Int, to t: Instant) -> Instant {
        var l = local(t)
        l.date = l.date.adding(months: months)
        return instant(l)
    }
}
