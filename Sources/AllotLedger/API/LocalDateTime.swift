/// A wall-clock date and time in the ledger's zone, with no offset attached.
public struct LocalDateTime: Hashable, Comparable, Sendable {
    public var date: CivilDate
    /// Milliseconds since local midnight.
    public var millisOfDay: Int64

    public init(date: CivilDate, millisOfDay: Int64 = 0) {
        self.date = date; self.millisOfDay = millisOfDay
    }

    /// Milliseconds since 1970-01-01T00:00 as if the wall clock were UTC.
    var wallMillis: Int64 { Int64(date.daysSinceEpoch) * 86_400_000 + millisOfDay }

    init(wallMillis: Int64) {
        let (day, ms) = wallMillis.floorDivided(by: 86_400_000)
        self.init(date: CivilDate(daysSinceEpoch: Int(day)), millisOfDay: ms)
    }

    public static func < (a: LocalDateTime, b: LocalDateTime) -> Bool { a.wallMillis < b.wallMillis }
}
