import Foundation

/// A zone's UTC offsets from 1900 to 2200, read from the zone once: the replay asks for
/// an offset at every calendar step, and asking ICU each time was an eighth of it.
/// The table is checked against the zone at the start of every month of its range and
/// not used at all if any differs; outside the range the zone is asked directly.
struct OffsetTable: Sendable {
    /// Instants (ms) where the offset changes, ascending.
    private let changes: [Int64]
    /// `offsets[i]` holds before `changes[i]` and from `changes[i - 1]` on.
    private let offsets: [Int64]
    static let start: Int64 = -2_208_988_800_000  // 1900-01-01T00:00:00Z
    static let end: Int64 = 7_258_118_400_000     // 2200-01-01T00:00:00Z

    init?(_ zone: TimeZone) {
        let (changes, offsets) = Self.read(zone)
        guard Self.agrees(zone, changes, offsets) else { return nil }
        self.changes = changes
        self.offsets = offsets
    }

    /// nil outside the table's range.
    func offsetMillis(at millis: Int64) -> Int64? {
        guard millis >= Self.start, millis < Self.end else { return nil }
        return Self.lookup(changes, offsets, millis)
    }

    private static func lookup(_ changes: [Int64], _ offsets: [Int64], _ millis: Int64) -> Int64 {
        var low = 0, high = changes.count
        while low < high {
            let mid = (low + high) / 2
            if changes[mid] <= millis { low = mid + 1 } else { high = mid }
        }
        return offsets[low]
    }

    private static func offset(_ zone: TimeZone, _ millis: Int64) -> Int64 {
        Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(millis / 1000)))) * 1000
    }

    private static func read(_ zone: TimeZone) -> (changes: [Int64], offsets: [Int64]) {
        var changes: [Int64] = [], offsets = [offset(zone, start)]
        var at = Date(timeIntervalSince1970: Double(start / 1000))
        let last = Date(timeIntervalSince1970: Double(end / 1000))
        while let next = zone.nextDaylightSavingTimeTransition(after: at), next < last {
            let millis = Int64((next.timeIntervalSince1970 * 1000).rounded())
            let value = offset(zone, millis)
            if value != offsets[offsets.count - 1] {
                changes.append(millis)
                offsets.append(value)
            }
            at = next
        }
        return (changes, offsets)
    }

    /// The table gives the zone's own offset at the start of every month in its range.
    private static func agrees(_ zone: TimeZone, _ changes: [Int64], _ offsets: [Int64]) -> Bool {
        var month = CivilDate(year: 1900, month: 1, day: 1)
        while true {
            let millis = Int64(month.daysSinceEpoch) * 86_400_000
            guard millis < end else { return true }
            guard lookup(changes, offsets, millis) == offset(zone, millis) else { return false }
            month = month.adding(months: 1)
        }
    }
}
