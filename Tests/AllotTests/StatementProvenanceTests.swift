import Foundation
import Testing

extension ProcessHeavyTests {
    /// Statement pages say where credits went (spec §9) in words, worked by hand on the
    /// ledger of `ProvenanceTests.everyPostingNamesItsLotsAndEveryLotItsOrigin`: seats a
    /// (Ana Ruiz), b (Ben Okafor) and c (Cara Li) open on 1 Jan 2015, a 10-credit January
    /// bonus, a grant and an adjust to a, a's m1 answered on 5 Jan, a shares 112 with b on
    /// 6 Jan, b shares 150 with c on 7 Jan, a closes on 15 Feb.
    @Suite(.cleansScratch) struct StatementProvenanceTests {
        func site() async throws -> String {
            let folder = TestSupport.scratch()
            TestSupport.write(
                """
                sources = ["seats.csv", "events.csv"]
                as_of = "2015-04-30"
                [[policy]]
                name = "inmail-2015"
                from = "2015-01-01"
                [[bonus]]
                month = "2015-01"
                amount = 10

                """, to: folder + "/allot.toml")
            TestSupport.write(
                """
                account,name,team,email,opened,closed
                a,Ana Ruiz,t,,2015-01-01,2015-02-15
                b,Ben Okafor,t,,2015-01-01,
                c,Cara Li,t,,2015-01-01,

                """, to: folder + "/seats.csv")
            TestSupport.write(
                """
                id,time,type,account,message,to,amount,note
                g1,2015-01-02,grant,a,,,5,
                j1,2015-01-03,adjust,a,,,3,
                s1,2015-01-04,send,a,m1,,,
                r1,2015-01-05,accept,,m1,,,
                sh1,2015-01-06,share,a,,b,112,
                sh2,2015-01-07,share,b,,c,150,

                """, to: folder + "/events.csv")
            let result = try await TestSupport.allot(["build", "--config", folder + "/allot.toml", "--out", folder + "/site"])
            try #require(result.status == 0, "\(result.errorText)")
            return folder + "/site"
        }

        /// The statement table's "what" cells on a page, in order.
        func lines(_ site: String, _ page: String) throws -> [String] {
            let html = try String(contentsOfFile: site + "/" + page, encoding: .utf8)
            let cells = html.components(separatedBy: "<td>").dropFirst().map { $0.components(separatedBy: "</td>")[0] }
            return cells.filter { $0.first?.isLetter == true && !$0.contains("<") }
        }

        @Test func eachLineSaysWhereItsCreditsCameFromOrWent() async throws {
            let site = try await site()
            let a = try lines(site, "accounts/a/2015-01.html")
            #expect(a.contains("Opening allotment"))
            #expect(a.contains("Message sent: m1"))
            #expect(a.contains("Refund for m1 (answered 5 Jan)"))
            #expect(a.contains("Shared out to Ben Okafor: 99 from the opening allotment, 10 from the January bonus, 3 from grant g1"))
            let b = try lines(site, "accounts/b/2015-01.html")
            #expect(b.contains("Shared in from Ana Ruiz"))
            #expect(
                b.contains(
                    "Shared out to Cara Li: 100 from the opening allotment, 10 from the January bonus, 40 shared by Ana Ruiz on 6 Jan"),
                "\(b)")
            let c = try lines(site, "accounts/c/2015-04.html")
            #expect(
                c.contains("Expired: 100 from the opening allotment, 10 from the January bonus, 150 shared by Ben Okafor on 7 Jan"), "\(c)")
            let closing = try lines(site, "accounts/a/2015-02.html")
            #expect(
                closing.contains(
                    "Forfeited (seat closed): 2 from grant g1, 3 from adjustment j1, 1 from refunds, 100 from the February allotment"),
                "\(closing)")
        }
    }
}
