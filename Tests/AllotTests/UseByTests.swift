import AllotLedger
import AllotReports
import Foundation
import Testing

@testable import Allot

/// Credits expiring at midnight are gone when that day begins: pages say the day before
/// ("use by 29 Jul 2015 (in 28 days)"), name the zone once, and JSON twins carry both.
@Suite(.cleansScratch) struct UseByTests {
    static let newYork = DisplayFormat(calendar: LedgerCalendar(identifier: "America/New_York")!)
    /// 1 Jul 2015, 00:00 in New York (EDT, UTC−4).
    static let asOf = Instant(seconds: 1_435_723_200)

    @Test func aMidnightExpiryIsUsedByTheDayBefore() {
        let expires = Instant(seconds: 1_438_228_800)  // 30 Jul 2015, 00:00 EDT
        #expect(Self.newYork.useBy(expires) == "29 Jul 2015")
        #expect(Self.newYork.daysLeft(expires, from: Self.asOf) == 28)
        #expect(Self.newYork.daysLeftText(28) == "in 28 days")
    }

    @Test func anExpiryDuringTheDayIsUsedThatDayBeforeTheHour() {
        let expires = Instant(seconds: 1_435_965_300)  // 3 Jul 2015, 19:15 EDT
        #expect(Self.newYork.useBy(expires) == "3 Jul 2015, before 19:15")
        #expect(Self.newYork.daysLeft(expires, from: Self.asOf) == 2)
        // One minute past midnight: usable for that whole minute of the day.
        #expect(Self.newYork.useBy(Instant(seconds: 1_435_723_260)) == "1 Jul 2015, before 00:01")
        #expect(Self.newYork.daysLeft(Instant(seconds: 1_435_723_260), from: Self.asOf) == 0)
        #expect(Self.newYork.daysLeftText(0) == "today")
        #expect(Self.newYork.daysLeftText(1) == "tomorrow")
    }

    @Test func theZoneIsNamedByItsCityAndId() {
        #expect(Self.newYork.zoneText == "New York time (America/New_York)")
        #expect(DisplayFormat(calendar: .utc).zoneText == "UTC")
        let buenosAires = DisplayFormat(calendar: LedgerCalendar(identifier: "America/Argentina/Buenos_Aires")!)
        #expect(buenosAires.zoneText == "Buenos Aires time (America/Argentina/Buenos_Aires)")
    }

    /// The demo as of 1 Jul 2015: Maya's 100 credits allotted on 1 May expire at the start of 30 Jul.
    @Test func theDemoSaysUseByNamesItsZoneOnceAndStampsEveryJSONTwin() throws {
        let config = ComparisonTests.demo()
        let site = (config as NSString).deletingLastPathComponent + "/site"
        _ = try Project(configPath: config).buildSite(into: site)
        let maya = try String(contentsOfFile: site + "/accounts/maya/index.html", encoding: .utf8)
        #expect(maya.contains("<li><strong>100 credits</strong>: use by 29 Jul 2015 (in 28 days)</li>"))
        #expect(maya.contains("<tr><td class=\"num\">100</td><td>29 Jul 2015</td><td class=\"num\">28</td></tr>"))
        let csv = try String(contentsOfFile: site + "/accounts/maya/index.credits.csv", encoding: .utf8)
        #expect(csv.hasPrefix("Credits,Use by,Use by (ISO 8601),Days left\r\n"))
        #expect(csv.contains("\r\n100,29 Jul 2015,2015-07-29,28\r\n"))

        let zoneLine = "<p class=\"zone\">Dates and times are New York time (America/New_York).</p>"
        let files = TestSupport.files(under: site)
        let pages = files.filter { $0.key.hasSuffix(".html") && !$0.key.hasPrefix("notices/") }
        #expect(pages.count > 50)
        for (path, bytes) in pages {
            let html = String(decoding: bytes, as: UTF8.self)
            #expect(html.components(separatedBy: "New York time").count == 2, "\(path)")
            // A statement names the zone in its header block, everything else under the site's header.
            let isStatement = path.hasPrefix("accounts/") && !path.hasSuffix("/index.html")
            #expect(html.contains(isStatement ? "<dd>New York time (America/New_York)</dd>" : zoneLine), "\(path)")
        }
        for (path, bytes) in files where path.hasSuffix(".json") && !path.hasPrefix("schema/") {
            let object = try #require(try JSONSerialization.jsonObject(with: bytes) as? [String: Any], "\(path)")
            // A final statement (`"final": true`) has no as-of: no later one can change it.
            if object["final"] as? Bool == true {
                #expect(object["asOf"] == nil, "\(path)")
            } else {
                #expect(object["asOf"] as? String == "2015-07-01T04:00:00Z", "\(path)")
            }
            #expect(object["timeZone"] as? String == "America/New_York", "\(path)")
        }

        let notice = try #require(try Project(configPath: config).notices().notices.first { $0.account.id == "maya" })
        let text = notice.message.text
        #expect(text.contains("- 100 credits: use by 29 Jul 2015 (in 28 days)"), "\(text)")
        #expect(text.contains("Dates and times are New York time (America/New_York)."), "\(text)")
    }
}
