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
    public var iso8601: String { Self.iso8601(wallMillis: millis, offsetMinutes: nil) }

    /// ISO-8601 on a wall clock `offsetMillis` ahead of UTC, with that offset, e.g.
    /// `2015-04-01T09:05:00+01:00` (milliseconds only when present). An offset that is not
    /// a whole number of minutes cannot be written so: the instant is then written in UTC.
    public func iso8601(offsetMillis: Int64) -> String {
        guard offsetMillis % 60_000 == 0 else { return iso8601 }
        return Self.iso8601(wallMillis: millis + offsetMillis, offsetMinutes: Int(offsetMillis / 60_000))
    }

    /// `YYYY-MM-DDTHH:MM:SS[.mmm]` and `Z` (no offset) or `±HH:MM`, written digit by digit:
    /// this runs for every timestamp of every JSON twin and CSV file.
    private static func iso8601(wallMillis: Int64, offsetMinutes: Int?) -> String {
        let (day, msOfDay) = wallMillis.floorDivided(by: 86_400_000)
        let date = CivilDate(daysSinceEpoch: Int(day))
        guard (0...9999).contains(date.year) else {
            return slowISO8601(date, msOfDay: msOfDay, suffix: offsetMinutes.map(offsetText) ?? "Z")
        }
        let seconds = Int(msOfDay / 1000), ms = Int(msOfDay % 1000)
        return String(unsafeUninitializedCapacity: 29) { out in
            func put(_ n: Int, digits: Int, at i: Int) {
                var n = n
                for k in stride(from: i + digits - 1, through: i, by: -1) { out[k] = UInt8(ascii: "0") + UInt8(n % 10); n /= 10 }
            }
            put(date.year, digits: 4, at: 0); out[4] = UInt8(ascii: "-")
            put(date.month, digits: 2, at: 5); out[7] = UInt8(ascii: "-")
            put(date.day, digits: 2, at: 8); out[10] = UInt8(ascii: "T")
            put(seconds / 3600, digits: 2, at: 11); out[13] = UInt8(ascii: ":")
            put(seconds / 60 % 60, digits: 2, at: 14); out[16] = UInt8(ascii: ":")
            put(seconds % 60, digits: 2, at: 17)
            var end = 19
            if ms != 0 {
                out[19] = UInt8(ascii: ".")
                put(ms, digits: 3, at: 20)
                end = 23
            }
            guard let minutes = offsetMinutes else { out[end] = UInt8(ascii: "Z"); return end + 1 }
            out[end] = minutes < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+")
            put(abs(minutes) / 60, digits: 2, at: end + 1); out[end + 3] = UInt8(ascii: ":")
            put(abs(minutes) % 60, digits: 2, at: end + 4)
            return end + 6
        }
    }

    private static func offsetText(_ minutes: Int) -> String {
        (minutes < 0 ? "-" : "+") + twoDigits(Int(minutes.magnitude) / 60) + ":" + twoDigits(Int(minutes.magnitude) % 60)
    }

    private static func slowISO8601(_ date: CivilDate, msOfDay: Int64, suffix: String) -> String {
        let seconds = Int(msOfDay / 1000), ms = Int(msOfDay % 1000)
        var text =
            date.isoDate + "T" + twoDigits(seconds / 3600) + ":" + twoDigits(seconds / 60 % 60)
            + ":" + twoDigits(seconds % 60)
        if ms != 0 { text += "." + String(String(ms + 1000).dropFirst()) }
        return text + suffix
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
