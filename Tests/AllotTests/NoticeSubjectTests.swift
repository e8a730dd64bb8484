import AllotLedger
import Foundation
import Testing

@testable import Allot
@testable import AllotReports

/// A notice's subject leads with the credits that expire soonest.
///
/// In UTC, policy `inmail-2015` from 1 Jan 2015, as of the end of 30 Mar 2015 (31 Mar,
/// 00:00), warning 30 days ahead. The seat opened on 1 Jan: its 100-credit opening lot
/// expires on 1 Apr, 00:00 (use by 31 Mar, today) and one send on 5 Jan took a credit of
/// it, so 99 expire today. A grant of 100 on 15 Jan expires on 15 Apr: 199 in the horizon.
/// The seat's 1 Feb and 1 Mar allotments expire after it.
@Suite(.cleansScratch) struct NoticeSubjectTests {
    static func subject(grant: Bool) throws -> String {
        let folder = TestSupport.scratch()
        TestSupport.write(
            """
            timezone = "UTC"
            as_of = "2015-03-30"
            sources = ["seats.csv", "events.csv"]
            [notify]
            from = "credits@example.com"
            [[policy]]
            name = "inmail-2015"
            from = "2015-01-01"
            """, to: folder + "/allot.toml")
        TestSupport.write("account,name,team,email,opened,closed\ns,Sol,t,s@example.com,2015-01-01,\n", to: folder + "/seats.csv")
        TestSupport.write(
            "id,time,type,account,message,to,amount,note\ne1,2015-01-05T10:00:00Z,send,s,m1,,,\n"
                + (grant ? "g1,2015-01-15T00:00:00Z,grant,s,,,100,Campaign\n" : ""),
            to: folder + "/events.csv")
        let project = try Project(configPath: folder + "/allot.toml")
        try project.importSources()
        return try #require(try project.notices().notices.first).message.subject
    }

    @Test func theSoonestComeFirst() throws {
        #expect(try Self.subject(grant: true) == "99 InMail credits expire today, 199 by 15 April 2015")
    }

    @Test func creditsOfOneDaySayWhen() throws {
        #expect(try Self.subject(grant: false) == "99 InMail credits expire today")
    }
}
