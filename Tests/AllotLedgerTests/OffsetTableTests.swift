import Foundation
import Testing
@testable import AllotLedger

/// The offset table gives the zone's own offset at every instant it covers, in zones with
/// DST, half-hour DST, odd offsets, changed standard offsets and a skipped day.
@Suite struct OffsetTableTests {
    @Test(arguments: ["America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Kathmandu", "America/Sao_Paulo",
                      "Pacific/Apia", "Europe/Moscow", "Africa/Casablanca", "Asia/Tokyo"])
    func theTableAgreesWithTheZone(_ identifier: String) throws {
        let zone = try #require(TimeZone(identifier: identifier))
        let table = try #require(OffsetTable(zone), "the table was refused for \(identifier)")
        var random = SystemRandomNumberGenerator()
        var instants: [Int64] = (0..<20_000).map { _ in Int64.random(in: -2_208_988_800_000..<7_258_118_400_000, using: &random) }
        // Each side of every transition from 2000 to 2030, to the millisecond.
        var at = Date(timeIntervalSince1970: 946_684_800)
        while let next = zone.nextDaylightSavingTimeTransition(after: at), next.timeIntervalSince1970 < 1_893_456_000 {
            let ms = Int64(next.timeIntervalSince1970 * 1000)
            instants += [ms - 1001, ms - 1000, ms - 1, ms, ms + 1, ms + 999, ms + 1000]
            at = next
        }
        for ms in instants {
            let seconds = ms >= 0 ? ms / 1000 : (ms - 999) / 1000
            let expected = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds)))) * 1000
            #expect(table.offsetMillis(at: ms) == expected, "\(identifier) at \(ms)")
        }
        #expect(table.offsetMillis(at: -2_208_988_800_001) == nil)
    }
}
