import Foundation
import Testing

@testable import Allot

/// What a statement and a seat's page say of lost and waiting messages and of where the
/// seat's credits went, worked by hand.
///
/// In UTC, policy `inmail-2015` from 1 Jan 2015 (100 a month, 90-day lots and windows),
/// as of the end of 30 Jun 2015. Seat a opens on 1 Jan and closes on 20 May. It sends m1
/// on 10 Jan at noon (never answered: its window closes on 10 Apr at noon, lost in April)
/// and m3 on 12 Jan (accepted on 20 Jan: a refund lot of 1, expiring 20 Apr), both paid
/// by January's allotment, which expires on 1 Apr with 98 left. m2 on 1 Apr is paid by the
/// refund lot, the earliest to expire then, and is still waiting when a closes: lost at
/// closing, on 20 May. February's 100 expire on 2 May; a's closing forfeits March, April
/// and May's 300. Seat b sends m4 on 10 Jun and m5 on 20 Jun, both still waiting, both
/// paid by April's allotment; its allotments of January to April expire (398 left of
/// them), and May and June's 200 are held. Seat c opens on 15 Mar.
@Suite(.cleansScratch) struct SeatProvenancePageTests {
    static func site() throws -> String {
        let folder = TestSupport.scratch()
        TestSupport.write(
            """
            timezone = "UTC"
            as_of = "2015-06-30"
            sources = ["seats.csv", "events.csv"]
            [[policy]]
            name = "inmail-2015"
            from = "2015-01-01"
            """, to: folder + "/allot.toml")
        TestSupport.write(
            "account,name,team,email,opened,closed\na,Ana,t,,2015-01-01,2015-05-20\nb,Ben,t,,2015-01-01,\nc,Cy,t,,2015-03-15,\n",
            to: folder + "/seats.csv")
        TestSupport.write(
            """
            id,time,type,account,message,to,amount,note
            s1,2015-01-10T12:00:00Z,send,a,m1,,,
            s3,2015-01-12T09:00:00Z,send,a,m3,,,
            r3,2015-01-20T09:00:00Z,accept,,m3,,,
            s2,2015-04-01T09:00:00Z,send,a,m2,,,
            s4,2015-06-10T08:00:00Z,send,b,m4,,,
            s5,2015-06-20T08:00:00Z,send,b,m5,,,

            """, to: folder + "/events.csv")
        _ = try Project(configPath: folder + "/allot.toml").buildSite(into: folder + "/site")
        return folder + "/site"
    }

    static func json(_ site: String, _ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: site + "/" + path))) as! [String: Any]
    }

    /// `value` as JSON with sorted keys, to compare with the JSON text a test expects.
    static func canonical(_ value: Any?) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: value ?? NSNull(), options: [.sortedKeys]), as: UTF8.self)
    }

    static func text(_ site: String, _ path: String) throws -> String { try String(contentsOfFile: site + "/" + path, encoding: .utf8) }

    @Test func lostMessagesAreListedInTheMonthTheyWereLost() throws {
        let site = try Self.site()
        #expect(
            try Self.canonical(Self.json(site, "accounts/a/2015-04.json")["lostMessages"])
                == #"[{"atClosing":false,"event":"s1","lostAt":"2015-04-10T12:00:00Z","message":"m1","sent":"2015-01-10T12:00:00Z"}]"#)
        #expect(
            try Self.canonical(Self.json(site, "accounts/a/2015-05.json")["lostMessages"])
                == #"[{"atClosing":true,"event":"s2","lostAt":"2015-05-20T00:00:00Z","message":"m2","sent":"2015-04-01T09:00:00Z"}]"#)
        #expect(
            try Self.text(site, "accounts/a/2015-04.html").contains(
                "<tr><td>m1</td><td>10 Jan 2015, 12:00</td><td>10 Apr 2015, 12:00</td><td>No answer before its window closed</td></tr>"))
        #expect(
            try Self.text(site, "accounts/a/2015-05.html").contains(
                "<tr><td>m2</td><td>1 Apr 2015, 09:00</td><td>20 May 2015, 00:00</td><td>The seat closed while it waited</td></tr>"))
        let csv = try Self.text(site, "accounts/a/2015-04.lost.csv")
        #expect(
            csv
                == "Message,Sent,Sent (ISO 8601),Lost,Lost (ISO 8601),Why\r\n"
                + "m1,\"10 Jan 2015, 12:00\",2015-01-10T12:00:00+00:00,\"10 Apr 2015, 12:00\",2015-04-10T12:00:00+00:00,No answer before its window closed\r\n"
        )
        #expect(try Self.json(site, "accounts/a/2015-03.json")["lostMessages"] as? [Any] != nil)
        #expect(!FileManager.default.fileExists(atPath: site + "/accounts/a/2015-03.lost.csv"))
    }

    @Test func theSeatPageListsWhatIsWaitingAndWhereCreditsWent() async throws {
        let site = try Self.site()
        let b = try Self.json(site, "accounts/b/index.json")
        #expect(
            b["waiting"] as? [[String: String]] == [
                ["message": "m4", "event": "s4", "sent": "2015-06-10T08:00:00Z", "closes": "2015-09-08T08:00:00Z", "refundOn": "response"],
                ["message": "m5", "event": "s5", "sent": "2015-06-20T08:00:00Z", "closes": "2015-09-18T08:00:00Z", "refundOn": "response"],
            ])
        #expect(
            try Self.text(site, "accounts/b/index.html").contains(
                "<tr><td>m4</td><td>10 Jun 2015, 08:00</td><td>8 Sep 2015, 08:00</td><td>If answered by then</td></tr>"))
        #expect(
            try Self.canonical(Self.json(site, "accounts/a/index.json")["whereCreditsWent"])
                == #"[{"adjusted":0,"brought":500,"expired":198,"forfeited":300,"held":0,"origin":"allotment","sent":2,"sharedOut":0},"#
                + #"{"adjusted":0,"brought":1,"expired":0,"forfeited":0,"held":0,"origin":"refund","sent":1,"sharedOut":0}]"#)
        let page = try Self.text(site, "accounts/a/index.html")
        #expect(
            page.contains(
                "<tr><td>Allotments</td><td class=\"num\">500</td><td class=\"num\">2</td><td class=\"num\">0</td><td class=\"num\">198</td><td class=\"num\">300</td><td class=\"num\">0</td></tr>"
            ))
        #expect(page.contains("<title>Allotments: 300 credits forfeited</title>"))
        let csv = try Self.text(site, "accounts/b/index.credits-went.csv")
        #expect(
            csv
                == "From,Brought,Sent,Shared out,Expired,Forfeited,Still held\r\nAllotments,600,2,0,398,0,200\r\nTotal,600,2,0,398,0,200\r\n"
        )
        #expect(try await TestSupport.siteProblems(site) == "")
    }

    /// A statement's period is the seat's open days of the month: c's first from 15 Mar,
    /// a's last to 19 May (it closed at the start of 20 May).
    @Test func theFirstAndLastStatementsCoverTheOpenDays() throws {
        let site = try Self.site()
        let first = try Self.text(site, "accounts/c/2015-03.html")
        #expect(first.contains("<dt>Period</dt><dd>15 Mar 2015 – 31 Mar 2015</dd>"))
        #expect(first.contains("<td>Opening allotment</td>"))
        #expect(try Self.text(site, "accounts/a/2015-05.html").contains("<dt>Period</dt><dd>1 May 2015 – 19 May 2015</dd>"))
        #expect(try Self.text(site, "accounts/b/2015-05.html").contains("<dt>Period</dt><dd>1 May 2015 – 31 May 2015</dd>"))
    }
}
