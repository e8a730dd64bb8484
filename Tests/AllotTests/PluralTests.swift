import Foundation
import Testing

@testable import Allot
@testable import AllotReports
@testable import AllotSite

/// Every count a reader sees agrees with its noun: a ledger where each count is one (one
/// team, one seat, one credit left and expiring, one message waiting) must never say
/// "1 credits", "1 seats" or "1 of your credits expire", on any page, notice or subject.
@Suite(.cleansScratch) struct PluralTests {
    static func oneOfEverything() -> String {
        let folder = TestSupport.scratch()
        TestSupport.write(
            """
            title = "Ones"
            timezone = "UTC"
            as_of = "2015-03-20"
            warn_days = 90
            sources = ["seats.csv", "events.csv"]
            [notify]
            from = "Credits <credits@example.com>"
            [[policy]]
            name = "inmail-2015"
            from = "2015-01-01"
            [[compare]]
            name = "Legacy only"
            [[compare.policy]]
            name = "legacy"
            from = "2015-01-01"
            """, to: folder + "/allot.toml")
        TestSupport.write(
            "account,name,team,email,opened,closed\none,One Seat,solo,one@example.com,2015-03-10,\n",
            to: folder + "/seats.csv")
        TestSupport.write(
            """
            id,time,type,account,message,to,amount,note
            e1,2015-03-11T09:00:00Z,adjust,one,,,-98,trim
            e2,2015-03-12T09:00:00Z,send,one,m1,,,
            """ + "\n", to: folder + "/events.csv")
        return folder
    }

    static let wrong = try! NSRegularExpression(
        pattern:
            #"(?<![\d.,+-])1 (credits|seats|teams|messages|days)\b|1 of your InMail credits expire\b|1 of your messages are\b|\b1 InMail (credits|messages)\b"#
    )

    static func mistakes(in text: String) -> [String] {
        let plain = text.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
        return wrong.matches(in: plain, range: NSRange(plain.startIndex..., in: plain)).map { String(plain[Range($0.range, in: plain)!]) }
    }

    @Test func everyPageAndNoticeSaysOneInTheSingular() throws {
        let folder = Self.oneOfEverything()
        let project = try Project(configPath: folder + "/allot.toml")
        let site = folder + "/site"
        _ = try project.buildSite(into: site)
        let ledger = try project.replay(team: "solo", asOf: project.resolvedAsOf(nil)).ledger
        let warning = try #require(ledger.warnings().first)
        #expect(warning.expiringTotal == 1 && warning.pendingTotal == 1 && ledger.accounts[0].balance == 1)
        var checked = 0
        for case let path as String in FileManager.default.enumerator(atPath: site)! where path.hasSuffix(".html") {
            let text = try String(contentsOfFile: site + "/" + path, encoding: .utf8)
            #expect(Self.mistakes(in: text).isEmpty, "\(path): \(Self.mistakes(in: text))")
            checked += 1
        }
        #expect(checked > 5)
        let context = ReportContext(ledger: ledger, title: "Ones", slugs: SiteSlugs(accounts: ledger.accounts.map(\.account)))
        let renderer = try NoticeRenderer(templates: .defaults)
        for draft in NoticeDraft.drafts(context) {
            let notice = try renderer.render(draft.view)
            for text in [notice.subject, notice.text, notice.html] {
                #expect(Self.mistakes(in: text).isEmpty, "\(Self.mistakes(in: text)) in \(text)")
            }
            #expect(notice.subject.hasPrefix("1 InMail credit expires by"))
            #expect(notice.text.contains("1 of your InMail credits expires by"))
            #expect(notice.text.contains("1 of your messages is still waiting"))
            #expect(notice.text.contains("Your balance is 1 credit as of"))
        }
        let index = try String(contentsOfFile: site + "/index.html", encoding: .utf8)
        #expect(index.contains("1 credit across 1 seat in 1 team"))
    }

    @Test func theCheckerFindsWhatItLooksFor() {
        #expect(Self.mistakes(in: "<p>1 credits</p> and 11 credits, 21 seats, +1 credits") == ["1 credits"])
        #expect(Self.mistakes(in: "1 of your InMail credits expire by") == ["1 of your InMail credits expire"])
        #expect(Self.mistakes(in: "2 credits, 1 credit, 1 seat").isEmpty)
    }
}
