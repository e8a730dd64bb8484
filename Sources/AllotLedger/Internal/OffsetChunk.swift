import Foundation

/// A zone's UTC offsets over one stretch of time (about a year), read from the zone with
/// `secondsFromGMT(for:)` only: that is the call the calendar has always made from many
/// threads at once, while `nextDaylightSavingTimeTransition` crashed inside ICU.
///
/// The zone is sampled every six hours and each change is bisected to its second. Two
/// changes less than six hours apart that cancel out would be missed; in the tz database
/// the closest changes are days apart.
final class OffsetChunk: Sendable {
    static let sampleStep: Int64 = 6 * 3600

    /// Seconds since 1970 at which the offset changes, ascending.
    let changes: [Int64]
    /// Offsets in ms: `offsets[i]` holds from `changes[i - 1]` (or the chunk's start) until `changes[i]`.
    private let offsets: [Int64]

    /// Reads the offsets for the seconds in `range`.
    init(_ zone: TimeZone, _ range: Range<Int64>) {
        var changes: [Int64] = [], offsets = [Self.offsetMillis(zone, atSecond: range.lowerBound)]
        var sample = range.lowerBound
        while sample < range.upperBound {
            let next = min(sample + Self.sampleStep, range.upperBound)
            let target = Self.offsetMillis(zone, atSecond: next)
            var from = sample  // its offset is the last one recorded
            while target != offsets[offsets.count - 1] {
                from = Self.change(zone, after: from, upTo: next, leaving: offsets[offsets.count - 1])
                changes.append(from)
                offsets.append(Self.offsetMillis(zone, atSecond: from))
            }
            sample = next
        }
        self.changes = changes
        self.offsets = offsets
    }

    /// The offset in ms at a second inside the chunk's range.
    func offsetMillis(atSecond s: Int64) -> Int64 {
        var k = 0
        while k < changes.count, changes[k] <= s { k += 1 }
        return offsets[k]
    }

    static func offsetMillis(_ zone: TimeZone, atSecond s: Int64) -> Int64 {
        Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(s)))) * 1000
    }

    /// A second in (low, high] where the offset stops being `current`, given that `high`'s is not.
    private static func change(_ zone: TimeZone, after low: Int64, upTo high: Int64, leaving current: Int64) -> Int64 {
        var low = low, high = high
        while high - low > 1 {
            let mid = low + (high - low) / 2
            if offsetMillis(zone, atSecond: mid) == current { low = mid } else { high = mid }
        }
        return high
    }
}
