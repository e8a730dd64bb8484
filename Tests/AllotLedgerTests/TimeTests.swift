import AllotLedger
import Testing

@Suite struct TimeTests {
    let ny = LedgerCalendar(identifier: "America/New_York")!

    func parse(_ text: String, _ calendar: LedgerCalendar = .utc) -> Instant? {
        try? InstantParser(calendar: calendar).parse(text).get()
    }

    /// The digit-by-digit ISO text against one built from the civil date's fields,
    /// across years, milliseconds, epoch edges and the years it hands to the slow path.
    @Test func iso8601TextMatchesTheCivilDate() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var samples: [Int64] = [
            0, -1, 1, 999, 1000, 86_399_999, -86_400_000, 253_402_300_799_999, 253_402_300_800_000, -62_167_219_200_001,
        ]
        for _ in 0..<5000 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            samples.append(Int64(bitPattern: state % 400_000_000_000_000) - 100_000_000_000_000)
        }
        func pad(_ n: Int, _ width: Int) -> String { String(repeating: "0", count: max(0, width - String(n).count)) + String(n) }
        for millis in samples {
            let (day, ms) = millis.quotientAndRemainder(dividingBy: 86_400_000)
            let days = ms < 0 ? day - 1 : day, msOfDay = ms < 0 ? ms + 86_400_000 : ms
            let d = CivilDate(daysSinceEpoch: Int(days))
            let s = Int(msOfDay / 1000)
            var expected = d.isoDate + "T" + pad(s / 3600, 2) + ":" + pad(s / 60 % 60, 2) + ":" + pad(s % 60, 2)
            if msOfDay % 1000 != 0 { expected += "." + pad(Int(msOfDay % 1000), 3) }
            #expect(Instant(millis: millis).iso8601 == expected + "Z", "\(millis)")
        }
    }

    /// With an offset: the wall time and `±HH:MM`, read back by the parser as the same
    /// instant; an offset of seconds (old local mean time) falls back to UTC.
    @Test func iso8601WithAnOffsetIsTheWallTimeAndReadsBack() {
        let t = parse("2015-01-05T14:03:00.250Z")!
        #expect(t.iso8601(offsetMillis: 0) == "2015-01-05T14:03:00.250+00:00")
        #expect(t.iso8601(offsetMillis: -5 * 3_600_000) == "2015-01-05T09:03:00.250-05:00")
        #expect(t.iso8601(offsetMillis: -(3 * 60 + 30) * 60_000) == "2015-01-05T10:33:00.250-03:30")
        #expect(Instant(seconds: 0).iso8601(offsetMillis: (5 * 60 + 45) * 60_000) == "1970-01-01T05:45:00+05:45")
        #expect(Instant(seconds: 0).iso8601(offsetMillis: -17_762_000) == "1970-01-01T00:00:00Z")
        #expect(Instant(millis: 253_402_300_800_000).iso8601(offsetMillis: 3_600_000) == "10000-01-01T01:00:00+01:00")
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        for _ in 0..<5000 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            let millis = Int64(state % UInt64(LedgerLimits.instants.upperBound.millis))
            let offset = (Int64((state >> 40) % 1_681) - 840) * 60_000
            let text = Instant(millis: millis).iso8601(offsetMillis: offset)
            #expect(parse(text)?.millis == millis, "\(millis) \(offset): \(text)")
        }
    }

    /// Spec §1: instants lie in [1970-01-01T00:00:00Z, 2200-01-01T00:00:00Z), whatever
    /// offset writes them; an export's "no date" marker is refused, not read as a year.
    @Test func instantsOutsideTheLedgersRangeAreRefused() {
        let parser = InstantParser(calendar: .utc)
        #expect(parse("1970-01-01T00:00:00Z")?.millis == 0)
        #expect(parse("1970-01-01T01:00:00+01:00")?.millis == 0)
        #expect(parse("2199-12-31T23:59:59.999Z")?.millis == 7_258_118_399_999)
        for text in [
            "1969-12-31T23:59:59.999Z", "1970-01-01T00:59:59+01:00", "2200-01-01T00:00:00Z", "2199-12-31T20:00:00-04:00",
            "9999-12-31", "0001-01-01", "1969-12-31",
        ] {
            #expect(parser.parse(text) == .failure(.outOfRange(text)), "\(text)")
        }
        #expect(parser.parseEnd("2199-12-30").map(\.millis) == .success(7_258_032_000_000))
        #expect(parser.parseEnd("2199-12-31") == .failure(.outOfRange("2199-12-31")))
    }

    @Test func instantsWithOffsetsAreExact() {
        #expect(parse("2015-01-05T14:03:00Z")?.iso8601 == "2015-01-05T14:03:00Z")
        #expect(parse("2015-01-05T09:03:00-05:00")?.iso8601 == "2015-01-05T14:03:00Z")
        #expect(parse("2015-01-05T19:33:00+0530")?.iso8601 == "2015-01-05T14:03:00Z")
        #expect(parse("2015-01-05T14:03:00.250Z")?.iso8601 == "2015-01-05T14:03:00.250Z")
    }

    @Test func bareDateIsLocalMidnight() {
        #expect(parse("2015-01-05", ny)?.iso8601 == "2015-01-05T05:00:00Z")
        #expect(parse("2015-07-05", ny)?.iso8601 == "2015-07-05T04:00:00Z")
    }

    @Test func asOfBareDateIsEndOfThatDay() throws {
        let end = try InstantParser(calendar: ny).parseEnd("2015-05-20").get()
        #expect(end.iso8601 == "2015-05-21T04:00:00Z")
    }

    @Test(arguments: ["2015-01-05T14:03:00", "2015-13-01", "2015-02-30", "yesterday", "2015-01-05T25:00:00Z", "", "2015-01-05T14:03:00+5"])
    func malformedInstantsAreRejected(_ text: String) {
        #expect(parse(text) == nil)
    }

    @Test func timeWithoutOffsetSaysSo() {
        let result = InstantParser(calendar: .utc).parse("2015-01-05T14:03:00")
        #expect(result == .failure(.missingOffset("2015-01-05T14:03:00")))
    }

    @Test func addingDaysKeepsWallClockAcrossDST() {
        // 2015-03-08: clocks go forward in New York; one "day" is 23 hours.
        let before = parse("2015-03-07T12:00:00-05:00")!
        let after = ny.adding(days: 1, to: before)
        #expect(after.iso8601 == "2015-03-08T16:00:00Z")
        #expect(after.millis - before.millis == 23 * 3_600_000)
        // 90 days from local midnight of Jan 1 is local midnight of Apr 1 (EDT).
        #expect(ny.adding(days: 90, to: parse("2015-01-01", ny)!).iso8601 == "2015-04-01T04:00:00Z")
    }

    /// `adding(days:)` moves the wall clock in place; it must equal moving the local date.
    @Test(arguments: ["America/New_York", "Australia/Lord_Howe", "Pacific/Apia", "Europe/London"])
    func addingDaysIsMovingTheLocalDate(_ identifier: String) {
        let calendar = LedgerCalendar(identifier: identifier)!
        var random = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let t = Instant(millis: Int64.random(in: 0..<2_000_000_000_000, using: &random))
            let days = Int.random(in: -400...400, using: &random)
            var l = calendar.local(t)
            l.date = l.date.adding(days: days)
            #expect(calendar.adding(days: days, to: t) == calendar.instant(l), "\(identifier) \(t) + \(days) days")
        }
    }

    @Test func skippedLocalTimeLandsAfterTheGapAndRepeatedTimeTakesTheEarlier() {
        let gap = LocalDateTime(date: CivilDate(year: 2015, month: 3, day: 8), millisOfDay: 2 * 3_600_000 + 30 * 60_000)
        #expect(ny.instant(gap).iso8601 == "2015-03-08T07:30:00Z")  // 03:30 EDT
        let repeated = LocalDateTime(date: CivilDate(year: 2015, month: 11, day: 1), millisOfDay: 3_600_000 + 30 * 60_000)
        #expect(ny.instant(repeated).iso8601 == "2015-11-01T05:30:00Z")  // 01:30 EDT, the first one
    }

    @Test func addingMonthsClampsToTheMonthsLastDay() {
        let jan31 = CivilDate(year: 2015, month: 1, day: 31)
        #expect(jan31.adding(months: 1).isoDate == "2015-02-28")
        #expect(CivilDate(year: 2016, month: 1, day: 31).adding(months: 1).isoDate == "2016-02-29")
        #expect(jan31.adding(months: 2).isoDate == "2015-03-31")
        #expect(jan31.adding(months: 3).isoDate == "2015-04-30")
        #expect(CivilDate(year: 2015, month: 11, day: 30).adding(months: 3).isoDate == "2016-02-29")
    }

    @Test func monthsStartAtLocalMidnight() {
        #expect(ny.startOfMonth(Month("2015-04")!).iso8601 == "2015-04-01T04:00:00Z")
        #expect(ny.month(of: parse("2015-05-01T03:59:59Z")!) == Month("2015-04"))
        #expect(Month("2015-4") == nil)
        #expect(Month("2015-00") == nil)
    }

    @Test func civilDateRoundTripsOverFourCenturies() {
        for days in stride(from: -200_000, through: 200_000, by: 37) {
            #expect(CivilDate(daysSinceEpoch: days).daysSinceEpoch == days)
        }
    }
}
