import Allot
import ArgumentParser
import Foundation

struct NotifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify",
        abstract: "Email an expiry notice to every seat with credits expiring or answers due soon.",
        discussion: """
            Renders templates/notice.md for each warned seat with an email, as a plain-text and \
            HTML message, and delivers it to --outbox (one .eml file per seat) and/or through \
            --sendmail (for example "/usr/sbin/sendmail -t -i" or "msmtp -t"). Each seat gets one \
            notice per as-of: running again sends nothing new unless --resend. A delivery that \
            fails is not recorded, the others still go, and the command exits with 1. The sender \
            is [notify] from in allot.toml; site_url, when set, adds a link to the seat's page.
            """
    )

    @OptionGroup var project: ProjectOptions
    @OptionGroup var asOf: AsOfOption

    @Option(help: ArgumentHelp("Write each message to FOLDER/<as-of>/<seat>.eml.", valueName: "folder"))
    var outbox: String?

    @Option(help: ArgumentHelp("Pipe each message to this sendmail-compatible command.", valueName: "command"))
    var sendmail: String?

    @Flag(help: "Print what would be sent, and send nothing.")
    var dryRun = false

    @Flag(help: "Send again to seats already notified for this as-of.")
    var resend = false

    @Option(help: ArgumentHelp("A folder of templates that replace the defaults.", valueName: "folder"))
    var templates: String?

    func validate() throws {
        if !dryRun && outbox == nil && sendmail == nil {
            throw ValidationError("Say where the notices go: --outbox FOLDER, --sendmail COMMAND, or --dry-run to look first.")
        }
    }

    func run() throws {
        let failed = try reportingFailures {
            let p = try project.openProject()
            let batch = try p.notices(asOf: asOf.instant(p), templates: templates)
            let text = TerminalText(calendar: p.config.settings.calendar)
            for s in batch.skipped {
                print("Skipped \(text.literal(s.account.name)) (\(text.literal(s.account.id))): \(text.literal(s.reason)).")
            }
            if dryRun {
                for n in batch.notices {
                    let already = try p.store.deliveredNotice(account: n.account.id, asOf: batch.asOf) != nil
                    print(
                        "Would send to \(text.literal(n.message.to.description)): \(text.literal(n.message.subject))"
                            + (already && !resend ? " (already sent; skipped without --resend)" : ""))
                }
                return 0
            }
            let delivery = NoticeDelivery(outbox: outbox, sendmail: sendmail, resend: resend)
            let outcome = try delivery.deliver(batch, store: p.store) { Instant(Date()) }
            for n in outcome.sent { print("Sent to \(text.literal(n.message.to.description)): \(text.literal(n.message.subject))") }
            if !outcome.alreadySent.isEmpty {
                print("\(outcome.alreadySent.count) seats were already notified for this as-of; --resend sends again.")
            }
            for f in outcome.failed {
                printError("error: not delivered to \(text.literal(f.notice.message.to.description)): \(text.literal(f.reason))")
            }
            print(
                "\(outcome.sent.count) sent, \(outcome.alreadySent.count) already sent, \(batch.skipped.count) skipped, \(outcome.failed.count) failed."
            )
            return outcome.failed.count
        }
        if failed > 0 { throw ExitCode.failure }
    }
}
