import Foundation
import Testing

@testable import AllotLedger

/// The offset table gives the zone's own `secondsFromGMT` at every second it covers, in
/// zones with DST, half-hour DST, odd offsets, changed standard offsets and a skipped day.
@Suite struct OffsetTableTests {
    static let zones = [
        "America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Kolkata", "Pacific/Apia",
        "America/Sao_Paulo", "Europe/Moscow", "Africa/Casablanca",
    ]

    static func expected(_ zone: TimeZone, _ second: Int64) -> Int64 {
        Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(second)))) * 1000
    }

    @Test(arguments: zones)
    func everyHourFrom1960To2060AndEverySecondOfEachHourWithAChange(_ identifier: String) throws {
        let zone = try #require(TimeZone(identifier: identifier))
        let table = OffsetTables.table(for: identifier, zone)
        var hour: Int64 = -315_619_200, previous = Self.expected(zone, hour)  // 1960-01-01
        var hoursWithChanges = 0
        while hour < 2_840_140_800 {  // 2061-01-01
            let next = hour + 3600, offset = Self.expected(zone, next)
            #expect(table.offsetMillis(atSecond: next) == offset, "\(identifier) at \(next)")
            if offset != previous {
                hoursWithChanges += 1
                for s in hour..<next {
                    #expect(table.offsetMillis(atSecond: s) == Self.expected(zone, s), "\(identifier) at \(s)")
                }
            }
            (hour, previous) = (next, offset)
        }
        #expect(hoursWithChanges > 0 || identifier == "Asia/Kolkata")
    }

    @Test(arguments: zones)
    func eachSideOfEveryChangeAndChunkBoundary(_ identifier: String) throws {
        let zone = try #require(TimeZone(identifier: identifier))
        let table = OffsetTables.table(for: identifier, zone)
        var seconds: [Int64] = []
        for i in OffsetTable.chunkIndices {
            for change in table.withChunk(i, \.changes) { seconds += [change - 1, change, change + 1] }
        }
        let chunk = (OffsetTable.range.upperBound - OffsetTable.range.lowerBound) / Int64(OffsetTable.chunkIndices.count)
        for boundary in stride(from: OffsetTable.range.lowerBound, through: OffsetTable.range.upperBound, by: Int(chunk)) {
            seconds += [boundary - 1, boundary, boundary + 1]
        }
        for s in seconds where OffsetTable.range.contains(s) {
            #expect(table.offsetMillis(atSecond: s) == Self.expected(zone, s), "\(identifier) at \(s)")
        }
        #expect(table.offsetMillis(atSecond: OffsetTable.range.lowerBound - 1) == nil)
        #expect(table.offsetMillis(atSecond: OffsetTable.range.upperBound) == nil)
    }

    /// Through the calendar, which floors milliseconds to seconds and asks the zone outside the table.
    @Test(arguments: zones)
    func randomInstantsMatchTheZone(_ identifier: String) throws {
        let zone = try #require(TimeZone(identifier: identifier))
        let calendar = try #require(LedgerCalendar(identifier: identifier))
        var random = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let millis = Int64.random(in: -3_000_000_000_000..<8_000_000_000_000, using: &random)
            let second = millis >= 0 ? millis / 1000 : (millis - 999) / 1000
            #expect(calendar.offsetMillis(at: Instant(millis: millis)) == Self.expected(zone, second), "\(identifier) at \(millis) ms")
        }
    }

    @Test func knownChanges() {
        let ny = LedgerCalendar(identifier: "America/New_York")!
        #expect(ny.offsetMillis(at: Instant(seconds: 1_425_797_999)) == -5 * 3_600_000)  // 2015-03-08 01:59:59 EST
        #expect(ny.offsetMillis(at: Instant(seconds: 1_425_798_000)) == -4 * 3_600_000)  // 03:00 EDT
        let lordHowe = LedgerCalendar(identifier: "Australia/Lord_Howe")!
        #expect(lordHowe.offsetMillis(at: Instant(seconds: 1_428_159_599)) == 39_600_000)  // 2015-04-05 01:59:59 +11
        #expect(lordHowe.offsetMillis(at: Instant(seconds: 1_428_159_600)) == 37_800_000)  // 01:30 +10:30
        let apia = LedgerCalendar(identifier: "Pacific/Apia")!
        #expect(apia.offsetMillis(at: Instant(seconds: 1_325_239_199)) == -10 * 3_600_000)  // 2011-12-29 23:59:59 -10
        #expect(apia.offsetMillis(at: Instant(seconds: 1_325_239_200)) == 14 * 3_600_000)  // 2011-12-31 00:00 +14
    }

    /// Zones no other test uses, so that this is their first use in the process.
    @Test func concurrentFirstUseGivesTheZonesAnswers() async throws {
        let identifiers = ["America/Havana", "Asia/Tehran", "America/Santiago", "Europe/Dublin"]
        let seconds = (0..<2_000).map { Int64($0) * 1_234_567 + 946_684_800 }  // 2000 to 2078
        let results = await withTaskGroup(of: [[Int64?]].self) { group in
            for task in 0..<8 {
                group.addTask {
                    // Each task starts on a different zone and a different chunk.
                    let order = identifiers.indices.map { identifiers[($0 + task) % identifiers.count] }
                    var answers = [[Int64?]](repeating: [], count: identifiers.count)
                    for id in order {
                        let calendar = LedgerCalendar(identifier: id)!
                        let start = task * seconds.count / 8
                        let shifted = seconds[start...] + seconds[..<start]
                        let values = Dictionary(
                            uniqueKeysWithValues: shifted.map {
                                ($0, calendar.offsetMillis(at: Instant(seconds: $0)))
                            })
                        answers[identifiers.firstIndex(of: id)!] = seconds.map { values[$0] }
                    }
                    return answers
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        for (i, id) in identifiers.enumerated() {
            let zone = try #require(TimeZone(identifier: id))
            let expected = seconds.map { Self.expected(zone, $0) }
            for answers in results { #expect(answers[i] == expected, "\(id)") }
            #expect(OffsetTables.table(for: id, zone) === OffsetTables.table(for: id, zone))
        }
    }
}
