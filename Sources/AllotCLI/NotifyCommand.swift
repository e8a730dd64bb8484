import Allot
import ArgumentParser
import Foundation

struct NotifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify",
        abstract: "Email an expiry notice to every seat with credits expiring or answers due soon.",
        discussion: """
            Renders templates/notice.md for each warned seat with an email, as a plain-text and \
            HTML message, and sends it through --sendmail (for example "/usr/sbin/sendmail -t -i" \
            or "msmtp -t"); one still running after --sendmail-timeout seconds (60) is stopped and its \
            notice fails. --outbox writes each message as an .eml file: a preview, nothing \
            recorded, unless --outbox-is-delivery says the files are the delivery (something else \
            sends them on). Each seat gets at most one notice per as-of, even from runs at the same \
            time: each notice is claimed in the store before it goes and recorded after, with its \
            channel; running again sends nothing new unless --resend. A delivery that fails is not \
            recorded, the others still go, and the command exits with 1. A notice claimed by a run \
            that did not finish (killed between sending and recording) may or may not have been \
            sent: it is named, not sent, and the command exits with 1 until --resend-unfinished \
            sends it. The sender is [notify] from in allot.toml; site_url, when set, adds a link to \
            the seat's page.
            """
    )

    @OptionGroup var project: ProjectOptions
    @OptionGroup var asOf: AsOfOption

    @Option(
        help: ArgumentHelp(
            "Write each message to FOLDER/<as-of>/<seat>.eml: a preview that records nothing, unless --outbox-is-delivery.",
            valueName: "folder"))
    var outbox: String?

    @Flag(help: "The --outbox files are the delivery: record each notice as sent through the outbox, once per seat and as-of.")
    var outboxIsDelivery = false

    @Option(help: ArgumentHelp("Pipe each message to this sendmail-compatible command.", valueName: "command"))
    var sendmail: String?

    @Option(
        help: ArgumentHelp(
            "Stop a sendmail command still running after this many seconds, with what it started: that notice fails, the others go.",
            valueName: "seconds"))
    var sendmailTimeout: Double = 60

    @Flag(help: "Print what would be sent, and send nothing.")
    var dryRun = false

    @Flag(help: "Send again to seats already notified for this as-of (and the notices of runs that did not finish).")
    var resend = false

    @Flag(help: "Send the notices that runs which did not finish left claimed; they may or may not have gone.")
    var resendUnfinished = false

    @Option(help: ArgumentHelp("A folder of templates that replace the defaults.", valueName: "folder"))
    var templates: String?

    func validate() throws {
        guard sendmailTimeout.isFinite && sendmailTimeout > 0 else {
            throw ValidationError("--sendmail-timeout must be a number of seconds above 0, such as 60.")
        }
        if outboxIsDelivery && outbox == nil { throw ValidationError("--outbox-is-delivery needs --outbox FOLDER.") }
        if outboxIsDelivery && sendmail != nil {
            throw ValidationError(
                "Choose one delivery: --sendmail COMMAND, or --outbox FOLDER with --outbox-is-delivery (beside --sendmail, the outbox is a preview)."
            )
        }
        if !dryRun && outbox == nil && sendmail == nil {
            throw ValidationError(
                "Say where the notices go: --sendmail COMMAND or --outbox FOLDER --outbox-is-delivery; to look first, --dry-run or --outbox FOLDER."
            )
        }
    }

    func run() throws {
        let problems = try deliver()
        if problems > 0 { throw ExitCode.failure }
    }

    /// Renders and delivers the notices; returns how many problems to exit with 1 for.
    private func deliver() throws -> Int {
        let p = try project.openProject()
        let batch = try p.notices(asOf: asOf.instant(p), templates: templates)
        let text = NoticeText(terminal: TerminalText(calendar: p.config.settings.calendar))
        for s in batch.skipped {
            say("Skipped \(text.literal(s.account.name)) (\(text.literal(s.account.id))): \(text.literal(s.reason)).")
        }
        if dryRun {
            try printDryRun(batch, p, text)
            return 0
        }
        if let outbox, !outboxIsDelivery {
            let previews = NoticeOutbox(folder: outbox)
            for n in batch.notices {
                say("Wrote a preview of the notice to \(text.recipient(n)): \(text.literal(try previews.write(n, asOf: batch.asOf))).")
            }
            guard sendmail != nil else {
                say(
                    (batch.notices.count == 1 ? "1 preview" : "\(batch.notices.count) previews")
                        + " written; nothing was sent or recorded (--outbox-is-delivery records the outbox as the delivery)."
                )
                return 0
            }
        }
        let delivery: NoticeDelivery
        if outboxIsDelivery, let outbox {
            delivery = NoticeDelivery(outbox: outbox, resend: resend, resendUnfinished: resendUnfinished)
        } else if let sendmail {
            delivery = NoticeDelivery(sendmail: sendmail, timeout: sendmailTimeout, resend: resend, resendUnfinished: resendUnfinished)
        } else {
            return 0
        }
        // Each line as its notice goes: a run stopped midway has said what it sent.
        let outcome = try delivery.deliver(batch, store: p.store, now: { Instant(Date()) }) { n in
            let channel = delivery.outbox.map { "the outbox, as " + text.literal($0.path(of: n, asOf: batch.asOf)) } ?? "sendmail"
            say("Sent to \(text.recipient(n)) through \(channel): \(text.literal(n.message.subject))")
        }
        for (n, claim) in outcome.inProgress { say("Not sent to \(text.recipient(n)): \(text.inProgress(claim)).") }
        if !outcome.alreadySent.isEmpty {
            say(
                (outcome.alreadySent.count == 1 ? "1 seat was" : "\(outcome.alreadySent.count) seats were")
                    + " already notified for this as-of (\(text.channels(outcome.alreadySent.map(\.record)))); --resend sends again."
            )
        }
        for (n, claim) in outcome.unfinished {
            printError("error: not sent to \(text.recipient(n)): \(text.unfinished(claim)); --resend-unfinished sends it again")
        }
        for f in outcome.failed { printError("error: not delivered to \(text.recipient(f.notice)): \(text.literal(f.reason))") }
        say(
            "\(outcome.sent.count) sent, \(outcome.alreadySent.count) already sent, \(outcome.inProgress.count) being sent by another run, "
                + "\(outcome.unfinished.count) unfinished, \(batch.skipped.count) skipped, \(outcome.failed.count) failed."
        )
        return outcome.failed.count + outcome.unfinished.count
    }

    private func printDryRun(_ batch: NoticeBatch, _ p: Project, _ text: NoticeText) throws {
        let store = p.store, now = Instant(Date())
        for n in batch.notices {
            var note = ""
            if let claim = try store.noticeClaim(account: n.account.id, asOf: batch.asOf) {
                if !NoticeDelivery.isAbandoned(claim, runStartedAt: now) {
                    note = " (skipped: \(text.inProgress(claim)))"
                } else if !resend && !resendUnfinished {
                    note = " (skipped without --resend-unfinished: \(text.unfinished(claim)))"
                }
            } else if !resend, let record = try store.deliveredNotice(account: n.account.id, asOf: batch.asOf) {
                note = " (skipped without --resend: already \(text.delivered(record)))"
            }
            print("Would send to \(text.recipient(n)): \(text.literal(n.message.subject))" + note)
        }
    }
}
