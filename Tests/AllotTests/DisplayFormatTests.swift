import AllotLedger
import AllotReports
import Testing

/// Dates read as they did when they were built by interpolation, in any zone and year.
@Suite(.cleansScratch) struct DisplayFormatTests {
    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    ]

    @Test(arguments: ["UTC", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata"])
    func datesMatchTheInterpolatedText(_ identifier: String) throws {
        let calendar = try #require(LedgerCalendar(identifier: identifier))
        let format = DisplayFormat(calendar: calendar)
        var random = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let t = Instant(millis: Int64.random(in: -70_000_000_000_000..<300_000_000_000_000, using: &random))
            let l = calendar.local(t), d = l.date
            let minutes = Int(l.millisOfDay / 60_000)
            let date = "\(d.day) \(Self.monthNames[d.month - 1].prefix(3)) \(d.year)"
            let time = (minutes / 60 < 10 ? "0" : "") + "\(minutes / 60):" + (minutes % 60 < 10 ? "0" : "") + "\(minutes % 60)"
            #expect(format.date(t) == date)
            #expect(format.longDate(t) == "\(d.day) \(Self.monthNames[d.month - 1]) \(d.year)")
            #expect(format.dateTime(t) == date + ", " + time)
        }
    }

    @Test func examples() {
        let format = DisplayFormat(calendar: LedgerCalendar(identifier: "America/New_York")!)
        let t = Instant(seconds: 1_427_893_500)  // 2015-04-01T13:05:00Z
        #expect(format.date(t) == "1 Apr 2015")
        #expect(format.longDate(t) == "1 April 2015")
        #expect(format.dateTime(t) == "1 Apr 2015, 09:05")
        let day = Int64(CivilDate(year: -1, month: 12, day: 30).daysSinceEpoch)
        #expect(DisplayFormat(calendar: .utc).dateTime(Instant(millis: day * 86_400_000 + 68_400_000)) == "30 Dec -1, 19:00")
    }
}
