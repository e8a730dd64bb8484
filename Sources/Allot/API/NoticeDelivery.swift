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
        case sendmail(String)
        case outbox(NoticeOutbox)
    }

    private var route: Route
    /// Send again to seats already notified for this as-of (and unfinished claims).
    public var resend: Bool
    /// Send the notices runs that did not finish left claimed.
    public var resendUnfinished: Bool

    /// `command` reads one message on standard input, e.g. `/usr/sbin/sendmail -t -i`.
    public init(sendmail command: String, resend: Bool = false, resendUnfinished: Bool = false) {
        route = .sendmail(command); self.resend = resend; self.resendUnfinished = resendUnfinished
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

    /// `now` stamps the claims and the log; it is not part of any message.
    public func deliver(_ batch: NoticeBatch, store: LedgerStore, now: () -> Instant) throws -> Outcome {
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
        case .sendmail(let command): try Self.pipe(Data(notice.message.bytes), to: command)
        case .outbox(let outbox): try outbox.write(notice, asOf: asOf)
        }
    }

    struct CommandFailed: Error, CustomStringConvertible {
        var status: Int32
        var output: String
        var description: String {
            "the sendmail command exited with \(status)" + (output.isEmpty ? "" : ": " + output)
        }
    }

    /// A command that exits without reading its input must fail the delivery, not end
    /// Allot with SIGPIPE: writes to a closed pipe then fail with EPIPE instead.
    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    static func pipe(_ message: Data, to command: String) throws {
        _ = ignoreBrokenPipes
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let input = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardError = errors
        process.standardOutput = errors
        try process.run()
        let written = Result { try input.fileHandleForWriting.write(contentsOf: message) }
        try? input.fileHandleForWriting.close()
        let output = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: output, as: UTF8.self).split(separator: "\n").joined(separator: " ")
            throw CommandFailed(status: process.terminationStatus, output: String(text.prefix(300)))
        }
        try written.get()
    }
}
