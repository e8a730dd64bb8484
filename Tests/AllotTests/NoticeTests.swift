import Foundation
import Testing

@testable import Allot

/// Expiry notices: real parsers read them as sent, with every name and number right.
@Suite(.cleansScratch) struct NoticeTests {
    static let names = [
        "Chloé Moreau", "李小龙", "Evil\r\nBcc: victim@example.com", "\"Quoted\" <x@example.com>",
        String(repeating: "Žofia Ñandú ", count: 8), "Plain Name", "😀 <script>alert(1)</script> *x*",
        String(repeating: "Ab <é> 😀 ", count: 11_120),
    ]

    /// A ledger where every seat has 100 credits expiring on 1 April 2015, as of 10 March.
    static func ledgerFolder() -> String {
        let folder = TestSupport.scratch()
        TestSupport.write(
            """
            title = "Credits & Co"
            as_of = "2015-03-10"
            sources = ["seats.csv", "events.csv"]
            site_url = "https://intranet.example/credits"
            [notify]
            from = "Crédits <credits@example.com>"
            [[policy]]
            name = "inmail-2015"
            from = "2015-01-01"
            """, to: folder + "/allot.toml")
        var seats = CSVText(header: ["account", "name", "team", "email", "opened", "closed"])
        for (i, name) in names.enumerated() { seats.append(["s\(i)", name, "t", "s\(i)@example.com", "2015-01-01", ""]) }
        seats.append(["nomail", "No Mail", "t", "", "2015-01-01", ""])
        seats.append(["badmail", "Bad Mail", "t", "not an address", "2015-01-01", ""])
        TestSupport.write(seats.text, to: folder + "/seats.csv")
        TestSupport.write(
            "id,time,type,account,message,to,amount,note\ne1,2015-01-05T10:00:00Z,send,s0,m1,,,\n", to: folder + "/events.csv")
        return folder
    }

    func expectations(_ batch: NoticeBatch, _ outbox: String, _ ledger: Ledger) -> String {
        let folder = outbox + "/" + batch.asOf.iso8601.replacingOccurrences(of: ":", with: "")
        let list: [[String: Any]] = batch.notices.map { n in
            let expiring = ledger.warnings().first { $0.account.id == n.account.id }!.expiringTotal
            let flatName = String(String.UnicodeScalarView(n.account.name.unicodeScalars.map { $0.value < 0x20 ? " " : $0 }))
            return [
                "file": folder + "/" + n.slug + ".eml", "to_name": flatName, "to_address": n.account.email!,
                "from_address": "credits@example.com", "subject": "\(expiring) InMail credits expire by 1 April 2015",
                "texts": [
                    "Hello \(flatName),", "\(expiring) of your InMail credits expire by 1 April 2015.",
                    "Your balance is \(ledger[n.account.id]!.balance) credits as of 11 March 2015.",
                    "https://intranet.example/credits/accounts/\(n.slug)/index.html",
                ],
            ]
        }
        let path = TestSupport.scratch() + "/expect.json"
        try! JSONSerialization.data(withJSONObject: list).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func everyMessageParsesStrictlyWithNamesAndNumbersIntact() async throws {
        let folder = Self.ledgerFolder()
        let project = try Project(configPath: folder + "/allot.toml")
        let batch = try project.notices()
        #expect(batch.notices.count == Self.names.count)
        #expect(batch.skipped.map(\.account.id) == ["badmail", "nomail"] || batch.skipped.map(\.account.id) == ["nomail", "badmail"])
        let outbox = folder + "/outbox"
        let outcome = try NoticeDelivery(outbox: outbox).deliver(batch, store: project.store) { Instant(millis: 0) }
        #expect(outcome.sent.count == Self.names.count)
        let problems = try await TestSupport.python("mail/check_messages.py", [expectations(batch, outbox, try project.replay())])
        #expect(problems == "")
    }

    @Test func theSameInputsGiveTheSameBytes() throws {
        let a = try Project(configPath: Self.ledgerFolder() + "/allot.toml").notices()
        let b = try Project(configPath: Self.ledgerFolder() + "/allot.toml").notices()
        #expect(a.notices.map(\.message.bytes) == b.notices.map(\.message.bytes))
    }

    @Test func exactlyOncePerAsOfUnlessResent() throws {
        let folder = Self.ledgerFolder()
        let project = try Project(configPath: folder + "/allot.toml")
        let batch = try project.notices()
        let first = try NoticeDelivery(outbox: folder + "/out").deliver(batch, store: project.store) { Instant(millis: 1) }
        #expect(first.sent.count == batch.notices.count)
        let second = try NoticeDelivery(outbox: folder + "/out").deliver(batch, store: project.store) { Instant(millis: 2) }
        #expect(second.sent.isEmpty)
        #expect(second.alreadySent.count == batch.notices.count)
        let again = try NoticeDelivery(outbox: folder + "/out", resend: true).deliver(batch, store: project.store) { Instant(millis: 3) }
        #expect(again.sent.count == batch.notices.count)
        let later = try project.notices(asOf: Instant(seconds: 1_426_118_400))  // 2015-03-12
        let next = try NoticeDelivery(outbox: folder + "/out").deliver(later, store: project.store) { Instant(millis: 4) }
        #expect(next.sent.count == later.notices.count)
    }

    @Test func aFailedDeliveryIsNotLoggedAndTheOthersGo() throws {
        let folder = Self.ledgerFolder()
        let project = try Project(configPath: folder + "/allot.toml")
        let batch = try project.notices()
        let refuseOne = "f=$(mktemp); cat > \"$f\"; ! grep -q '^To: .*<s1@example.com>' \"$f\""
        let outcome = try NoticeDelivery(sendmail: refuseOne).deliver(batch, store: project.store) { Instant(millis: 0) }
        #expect(outcome.failed.map(\.notice.account.id) == ["s1"])
        #expect(outcome.sent.count == batch.notices.count - 1)
        #expect(try project.store.deliveredNotice(account: "s1", asOf: batch.asOf) == nil)
        #expect(try project.store.noticeClaim(account: "s1", asOf: batch.asOf) == nil)
        #expect(try project.store.deliveredNotice(account: "s0", asOf: batch.asOf)?.channel == .sendmail)
        let retry = try NoticeDelivery(sendmail: "cat > /dev/null").deliver(batch, store: project.store) { Instant(millis: 0) }
        #expect(retry.sent.map(\.account.id) == ["s1"])
    }

    /// The previews are a report's pages: SiteBuilder driven directly, with the built-in
    /// reports, writes them as `buildSite` does, byte for byte, with the rest of the site.
    @Test func siteBuilderWithTheBuiltInReportsWritesTheNoticePreviews() throws {
        let folder = Self.ledgerFolder()
        let project = try Project(configPath: folder + "/allot.toml")
        _ = try project.buildSite(into: folder + "/site")
        let ledger = try project.replay()
        let context = ReportContext(
            ledger: ledger, title: project.config.title, siteURL: project.config.siteURL, forecasts: try project.forecasts())
        let site = SiteContext(
            title: project.config.title, asOf: ledger.asOf, settings: project.config.settings, slugs: context.slugs,
            teams: [TeamSummary(team: "t", context)], comparisons: [])
        let builder = try SiteBuilder(siteTitle: project.config.title)
        let files = Dictionary(uniqueKeysWithValues: try (builder.files(context) + builder.files(site)).map { ($0.path, $0.bytes) })
        #expect(files == TestSupport.files(under: folder + "/site").filter { !$0.key.hasPrefix(".allot-") })
        let drafts = NoticeDraft.drafts(context)
        let previews = files.keys.filter { $0.hasPrefix("notices/") }
        #expect(Set(previews) == Set(drafts.filter { $0.account.email != nil }.map { "notices/\($0.slug).html" }))
        #expect(files["notices/nomail.html"] == nil)
        let s0 = try #require(drafts.first { $0.account.id == "s0" })
        let renderer = try NoticeRenderer(templates: .defaults)
        let html = try renderer.render(s0.view).html
        #expect(html.contains("https://intranet.example/credits/accounts/\(s0.slug)/index.html"))
        // The preview is the message with links into the site above it; the message has none.
        let preview = NoticePreview(
            notice: s0.view, seatHref: "../accounts/\(s0.slug)/index.html",
            warningsHref: "../teams/\(context.slugs.team(s0.account.team))/warnings.html")
        let previewHTML = try renderer.render(s0.view, preview: preview).html
        #expect(files["notices/\(s0.slug).html"] == Data(previewHTML.utf8))
        #expect(previewHTML.contains("<a style=\"color:#2456a6;\" href=\"../accounts/\(s0.slug)/index.html\">"))
        #expect(previewHTML.contains("/warnings.html\">Expiry warnings for Team "))
        #expect(!html.contains("Preview of the expiry notice"))
        #expect(previewHTML.replacing(#/<p style="margin:0;padding:10px[^\n]*\n/#, with: "") == html)
    }

    @Test func notifyWithoutASenderSaysWhatToAdd() throws {
        let folder = TestSupport.copyOfFixture("transition")
        let failure = try #require(throws: AllotError.self) { try Project(configPath: folder + "/allot.toml").notices() }
        #expect(failure.message.hasPrefix("notify.from is not set; add [notify]"))
        #expect(failure.path == folder + "/allot.toml")
    }

    @Test func aSenderThatIsNotAnAddressIsRefusedWhenTheProjectOpens() throws {
        let folder = Self.ledgerFolder()
        let config = folder + "/allot.toml"
        let text = try String(contentsOfFile: config, encoding: .utf8)
        TestSupport.write(text.replacingOccurrences(of: "Crédits <credits@example.com>", with: "Crédits <credits>"), to: config)
        let failure = try #require(throws: ImportFailure.self) { try Project(configPath: config) }
        #expect(
            failure.issues.map(\.description) == [
                config + ": notify.from: \"Crédits <credits>\" is not a mail address such as \"Credits <credits@example.com>\""
            ])
    }
}
