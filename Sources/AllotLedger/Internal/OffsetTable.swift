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
    private let start: Int64, end: Int64

    init?(_ zone: TimeZone) {
        let first = Date(timeIntervalSince1970: -2_208_988_800)  // 1900-01-01
        let last = Date(timeIntervalSince1970: 7_258_118_400)    // 2200-01-01
        var changes: [Int64] = [], offsets = [Int64(zone.secondsFromGMT(for: first)) * 1000]
        var at = first
        while let next = zone.nextDaylightSavingTimeTransition(after: at), next < last {
            let offset = Int64(zone.secondsFromGMT(for: next)) * 1000
            if offset != offsets.last! {
                changes.append(Int64((next.timeIntervalSince1970 * 1000).rounded()))
                offsets.append(offset)
            }
            at = next
        }
        self.changes = changes
        self.offsets = offsets
        self.start = Int64(first.timeIntervalSince1970) * 1000
        self.end = Int64(last.timeIntervalSince1970) * 1000
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var month = 0
        while true {
            var components = DateComponents()
            components.year = 1900 + month / 12
            components.month = month % 12 + 1
            components.day = 1
            guard let date = calendar.date(from: components), date < last else { break }
            let ms = Int64(date.timeIntervalSince1970) * 1000
            guard offsetMillis(at: ms) == Int64(zone.secondsFromGMT(for: date)) * 1000 else { return nil }
            month += 1
        }
    }

    /// nil outside the table's range.
    func offsetMillis(at millis: Int64) -> Int64? {
        guard millis >= start, millis < end else { return nil }
        var low = 0, high = changes.count
        while low < high {
            let mid = (low + high) / 2
            if changes[mid] <= millis { low = mid + 1 } else { high = mid }
        }
        return offsets[low]
    }
}
