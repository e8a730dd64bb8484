import AllotStore
import Foundation

/// Delivers notices at most once per seat and as-of, through one channel: piped to a
/// sendmail-compatible command, or written to an outbox folder that is the delivery.
///
/// Each notice is claimed in the store before it goes (a short transaction; nothing is
/// held while it is sent) and recorded as delivered after, so runs at the same time, in
/// other processes or on other hosts, never send it twice: a notice another run holds is
/// left to it. A delivery that fails lets go of its claim (the next run tries again), and
/// the others still go. A claim left by a run that did not finish (killed between sending
/// and recording) may or may not have been sent: it is reported, and sent again only
/// with `resendUnfinished` or `resend`.
public struct NoticeDelivery: Sendable {
    private enum Route: Sendable {
        case sendmail(String, timeout: Double)
        case outbox(NoticeOutbox)
    }

    private var route: Route
    /// Send again to seats already notified for this as-of (and unfinished claims).
    public var resend: Bool
    /// Send the notices runs that did not finish left claimed.
    public var resendUnfinished: Bool

    /// `command` reads one message on standard input, e.g. `/usr/sbin/sendmail -t -i`. One
    /// still running `timeout` seconds after it started is killed, with every process it
    /// started, and its notice fails.
    public init(sendmail command: String, timeout: Double = 60, resend: Bool = false, resendUnfinished: Bool = false) {
        route = .sendmail(command, timeout: timeout); self.resend = resend; self.resendUnfinished = resendUnfinished
    }

    /// The outbox is the delivery: a notice counts as sent once its file is written.
    public init(outbox folder: String, resend: Bool = false, resendUnfinished: Bool = false) {
        route = .outbox(NoticeOutbox(folder: folder)); self.resend = resend; self.resendUnfinished = resendUnfinished
    }

    public var channel: NoticeChannel {
        switch route {
        case .sendmail: .sendmail
        case .outbox: .outbox
        }
    }

    /// The outbox that is the delivery; nil for sendmail.
    public var outbox: NoticeOutbox? {
        guard case .outbox(let outbox) = route else { return nil }
        return outbox
    }

    public struct Outcome: Sendable {
        public var sent: [Notice] = []
        public var alreadySent: [(notice: Notice, record: NoticeRecord)] = []
        /// Notices another run is sending now.
        public var inProgress: [(notice: Notice, claim: NoticeClaim)] = []
        /// Notices a run that did not finish left claimed: they may or may not have gone.
        public var unfinished: [(notice: Notice, claim: NoticeClaim)] = []
        public var failed: [(notice: Notice, reason: String)] = []
    }

    /// `now` stamps the claims and the log; it is not part of any message. `sent` hears of
    /// each notice as soon as its delivery is recorded.
    public func deliver(
        _ batch: NoticeBatch, store: LedgerStore, now: () -> Instant, sent: (Notice) -> Void = { _ in }
    ) throws -> Outcome {
        var outcome = Outcome()
        let started = now()
        for notice in batch.notices {
            let claim = NoticeClaim(
                account: notice.account.id, asOf: batch.asOf, contentHash: notice.message.contentHash, channel: channel,
                claimant: .current, claimedAt: now())
            switch try store.claimNotice(
                claim, overDelivered: resend, overAbandoned: resend || resendUnfinished,
                isAbandoned: { Self.isAbandoned($0, runStartedAt: started) })
            {
            case .delivered(let record):
                outcome.alreadySent.append((notice, record))
                continue
            case .held(let other, abandoned: true):
                outcome.unfinished.append((notice, other))
                continue
            case .held(let other, abandoned: false):
                outcome.inProgress.append((notice, other))
                continue
            case .claimed:
                break
            }
            do {
                try send(notice, asOf: batch.asOf)
            } catch {
                try store.releaseClaim(claim)
                outcome.failed.append((notice, "\(error)"))
                continue
            }
            do {
                try store.recordDelivery(of: claim, at: now())
                outcome.sent.append(notice)
                sent(notice)
            } catch {
                // Sent but not recorded: the claim stays, so no run sends it again unasked.
                outcome.failed.append((notice, "it was sent, but recording that failed (\(error)); the next run reports it as unfinished"))
            }
        }
        return outcome
    }

    /// Whether a claim another run holds was left by a run that did not finish, as this
    /// run, started at `runStartedAt`, can tell: on this host, its process is gone; made
    /// by this process or on another host (whose processes this one cannot see), it was
    /// made before this run began.
    public static func isAbandoned(_ claim: NoticeClaim, runStartedAt: Instant) -> Bool {
        let me = NoticeClaimant.current
        guard claim.claimant.host == me.host && claim.claimant != me else { return claim.claimedAt < runStartedAt }
        return !claim.claimant.isRunning
    }

    private func send(_ notice: Notice, asOf: Instant) throws {
        switch route {
        case .sendmail(let command, let timeout): try Self.pipe(Data(notice.message.bytes), to: command, timeout: timeout)
        case .outbox(let outbox): try outbox.write(notice, asOf: asOf)
        }
    }

    struct CommandFailed: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `command` with `/bin/sh`, spawned as ssh and rsync are (`SpawnedProgram`): a
    /// program it leaves running cannot hold the delivery, and the message is written while
    /// what it says is read, so a command that writes before it reads cannot deadlock.
    static func pipe(_ message: Data, to command: String, timeout: Double) throws {
        guard let ended = try SpawnedProgram.run("/bin/sh", ["-c", command], input: message, timeout: timeout) else {
            throw CommandFailed(description: "/bin/sh could not be started to run the sendmail command")
        }
        let said = String(decoding: ended.errors + ended.output, as: UTF8.self).split(whereSeparator: \.isNewline).joined(separator: " ")
        let output = said.isEmpty ? "" : ": " + String(said.prefix(300))
        if ended.timedOut {
            let seconds = timeout == timeout.rounded() && timeout < 1e15 ? "\(Int64(timeout))" : "\(timeout)"
            throw CommandFailed(description: "the sendmail command was still running after \(seconds) s and was stopped" + output)
        }
        guard ended.status == 0 else { throw CommandFailed(description: "the sendmail command exited with \(ended.status)" + output) }
        guard ended.readInput else {
            throw CommandFailed(description: "the sendmail command exited without reading the whole message" + output)
        }
    }
}
