/// A point in time: milliseconds since 1970-01-01T00:00:00Z.
public struct Instant: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var millis: Int64

    public init(millis: Int64) { self.millis = millis }
    public init(seconds: Int64) { self.millis = seconds * 1000 }

    /// Later than every instant a ledger can hold; stands for "never".
    public static let distantFuture = Instant(millis: .max)

    public static func < (a: Instant, b: Instant) -> Bool { a.millis < b.millis }

    public func adding(hours: Int) -> Instant { Instant(millis: millis + Int64(hours) * 3_600_000) }

    /// ISO-8601 in UTC with `Z`, e.g. `2015-01-05T14:03:00Z` (milliseconds only when present).
    public var iso8601: String {
        let (day, msOfDay) = millis.floorDivided(by: 86_400_000)
        let date = CivilDate(daysSinceEpoch: Int(day))
        let seconds = Int(msOfDay / 1000), ms = Int(msOfDay % 1000)
        var text = date.isoDate + "T" + twoDigits(seconds / 3600) + ":" + twoDigits(seconds / 60 % 60)
            + ":" + twoDigits(seconds % 60)
        if ms != 0 { text += "." + String(String(ms + 1000).dropFirst()) }
        return text + "Z"
    }

    public var description: String { iso8601 }
}

func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

extension Int64 {
    /// Floor division and its non-negative remainder.
    func floorDivided(by d: Int64) -> (quotient: Int64, remainder: Int64) {
        let q = self >= 0 ? self / d : (self - d + 1) / d
        return (q, self - q * d)
    }
}
