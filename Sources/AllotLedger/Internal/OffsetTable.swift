import Foundation
import Synchronization

/// A zone's UTC offsets from 1900 to 2200, read from the zone a chunk (about a year) at a
/// time on first use: the replay asks for an offset at every calendar step, and asking
/// ICU each time was an eighth of `allot check`. Outside that range the caller asks the
/// zone itself.
///
/// Once a chunk is read, a lookup is an atomic load and a short scan: no lock, no
/// allocation, no reference counting.
final class OffsetTable: @unchecked Sendable {  // `slots` is only touched atomically
    static let start: Int64 = -2_208_988_800  // 1900-01-01T00:00:00Z
    private static let chunkShift: Int64 = 25  // 2^25 s: 388 days
    private static let chunkCount = 283
    static let range: Range<Int64> = start..<start + Int64(chunkCount) << chunkShift

    private let zone: TimeZone
    /// Chunk i covers the seconds from `start + i << chunkShift`; each is retained here once
    /// read, and released with the table.
    private let slots: UnsafeMutablePointer<Atomic<Unmanaged<OffsetChunk>?>>

    init(_ zone: TimeZone) {
        self.zone = zone
        slots = .allocate(capacity: Self.chunkCount)
        for i in 0..<Self.chunkCount { (slots + i).initialize(to: Atomic(nil)) }
    }

    deinit {
        for i in 0..<Self.chunkCount { slots[i].load(ordering: .acquiring)?.release() }
        slots.deinitialize(count: Self.chunkCount)
        slots.deallocate()
    }

    /// The offset in ms at a second since 1970; nil outside `range`.
    func offsetMillis(atSecond s: Int64) -> Int64? {
        guard Self.range.contains(s) else { return nil }
        return withChunk(Int((s - Self.start) >> Self.chunkShift)) { $0.offsetMillis(atSecond: s) }
    }

    /// Runs `body` on chunk i, reading it from the zone first if no thread has yet.
    func withChunk<T>(_ i: Int, _ body: (OffsetChunk) -> T) -> T {
        if let chunk = slots[i].load(ordering: .acquiring) { return chunk._withUnsafeGuaranteedRef(body) }
        let lower = Self.start + Int64(i) << Self.chunkShift
        let read = Unmanaged.passRetained(OffsetChunk(zone, lower..<lower + 1 << Self.chunkShift))
        let (stored, winner) = slots[i].compareExchange(expected: nil, desired: read, ordering: .acquiringAndReleasing)
        if stored { return read._withUnsafeGuaranteedRef(body) }
        read.release()  // another thread read the same chunk first
        return winner!._withUnsafeGuaranteedRef(body)
    }

    static var chunkIndices: Range<Int> { 0..<chunkCount }
}
