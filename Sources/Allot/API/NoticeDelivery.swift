import AllotMail
import AllotStore
import Foundation

/// Delivers notices exactly once per seat and as-of: to an outbox folder as .eml files
/// and/or through a sendmail-compatible program. Each delivery is logged in the store;
/// a seat already logged for this as-of gets nothing unless `resend` is set. A failed
/// delivery is not logged, and the others still go.
public struct NoticeDelivery: Sendable {
    public var outbox: String?
    /// A shell command that reads one message on standard input, e.g. `/usr/sbin/sendmail -t -i`.
    public var sendmail: String?
    public var resend: Bool

    public init(outbox: String? = nil, sendmail: String? = nil, resend: Bool = false) {
        self.outbox = outbox; self.sendmail = sendmail; self.resend = resend
    }

    public struct Outcome: Sendable {
        public var sent: [Notice] = []
        public var alreadySent: [Notice] = []
        public var failed: [(notice: Notice, reason: String)] = []
    }

    /// `now` stamps the log; it is not part of any message.
    public func deliver(_ batch: NoticeBatch, store: LedgerStore, now: () -> Instant) throws -> Outcome {
        var outcome = Outcome()
        for notice in batch.notices {
            if !resend, try store.deliveredNotice(account: notice.account.id, asOf: batch.asOf) != nil {
                outcome.alreadySent.append(notice)
                continue
            }
            do {
                let bytes = Data(notice.message.bytes)
                if let outbox {
                    let folder = outbox + "/" + batch.asOf.iso8601.replacingOccurrences(of: ":", with: "")
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                    try bytes.write(to: URL(fileURLWithPath: folder + "/" + notice.slug + ".eml"), options: .atomic)
                }
                if let sendmail { try Self.pipe(bytes, to: sendmail) }
                try store.recordNotice(
                    NoticeRecord(
                        account: notice.account.id, asOf: batch.asOf,
                        contentHash: notice.message.contentHash, deliveredAt: now()))
                outcome.sent.append(notice)
            } catch {
                outcome.failed.append((notice, "\(error)"))
            }
        }
        return outcome
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
