import Foundation
import Testing

@testable import Allot

extension ProcessHeavyTests {
    /// Real delivery: msmtp as the sendmail program, talking SMTP to a local server
    /// (aiosmtpd) on 127.0.0.1 that the test starts and stops.
    @Suite(.cleansScratch) struct SMTPDeliveryTests {
        /// A running SMTP sink and an msmtp configuration pointing at it; stopped when it
        /// is no longer used.
        final class Sink: Sendable {
            let process: ChildProcess
            let folder = TestSupport.scratch()
            var received: String { folder + "/received" }
            var sendmail: String { "msmtp -C '\(folder)/msmtprc' -t -i" }

            init(refusing: [String] = []) async throws {
                let sink = TestSupport.fixture("mail/smtp_sink.py")
                process = try ChildProcess(
                    "/usr/bin/env", ["python3", sink, folder + "/port", folder + "/received"] + refusing, keepErrors: true)
                // The sink writes its port once it listens: wait for that, or for it to exit.
                var port: String?
                let deadline = Date().addingTimeInterval(60)
                while port == nil && process.isRunning && Date() < deadline {
                    port = try? String(contentsOfFile: folder + "/port", encoding: .utf8)
                    if port == nil { try await Task.sleep(for: .milliseconds(20)) }
                }
                guard let port else {
                    process.kill()
                    throw NotListening(description: "the SMTP sink did not start: \(await process.ended().errorText)")
                }
                let config = "account default\nhost 127.0.0.1\nport \(port)\nfrom credits@example.com\nauth off\ntls off\n"
                _ = FileManager.default.createFile(
                    atPath: folder + "/msmtprc", contents: Data(config.utf8),
                    attributes: [.posixPermissions: 0o600])
            }

            var messages: [Data] {
                let names = ((try? FileManager.default.contentsOfDirectory(atPath: received)) ?? []).filter { $0.hasSuffix(".eml") }
                    .sorted()
                return names.compactMap { FileManager.default.contents(atPath: received + "/" + $0) }
            }

            struct NotListening: Error, CustomStringConvertible { var description: String }

            /// Killed at once: a stop it had to notice could come after the test's scratch
            /// folder, where it would look for the sign, was gone.
            deinit { process.kill() }
        }

        func requireTools() async throws {
            let which = try ChildProcess("/bin/sh", ["-c", "command -v msmtp && python3 -c 'import aiosmtpd'"])
            try #require(
                await which.ended().status == 0, "msmtp and aiosmtpd are needed: run scripts/install-dependencies --for-tests")
        }

        /// Delivery runs msmtp and waits for it, so it runs on a thread of its own. (The
        /// thread is given the command, not the sink: what it holds may outlive the test,
        /// and the sink stops when the test lets go of it.)
        func deliver(_ batch: NoticeBatch, _ project: Project, through sink: Sink) async throws -> NoticeDelivery.Outcome {
            let sendmail = sink.sendmail
            return try await TestSupport.onOwnThread {
                try NoticeDelivery(sendmail: sendmail).deliver(batch, store: project.store) { Instant(millis: 0) }
            }
        }

        @Test func everyNoticeArrivesIntactAndASecondRunSendsNothing() async throws {
            try await requireTools()
            let sink = try await Sink()
            let project = try Project(configPath: NoticeTests.ledgerFolder() + "/allot.toml")
            let batch = try project.notices()
            let first = try await deliver(batch, project, through: sink)
            #expect(first.failed.map(\.reason) == [])
            #expect(first.sent.count == batch.notices.count)
            let received = sink.messages
            #expect(Set(received) == Set(batch.notices.map { Data($0.message.bytes) }))
            let second = try await deliver(batch, project, through: sink)
            #expect(second.sent.isEmpty)
            #expect(sink.messages.count == received.count)
        }

        @Test func aRefusedRecipientLeavesThatNoticeUnloggedAndTheRestDelivered() async throws {
            try await requireTools()
            let sink = try await Sink(refusing: ["s2@example.com"])
            let project = try Project(configPath: NoticeTests.ledgerFolder() + "/allot.toml")
            let batch = try project.notices()
            let outcome = try await deliver(batch, project, through: sink)
            #expect(outcome.failed.map(\.notice.account.id) == ["s2"])
            #expect(outcome.sent.count == batch.notices.count - 1)
            #expect(sink.messages.count == batch.notices.count - 1)
            #expect(try project.store.deliveredNotice(account: "s2", asOf: batch.asOf) == nil)
            let accepting = try await Sink()
            let retry = try await deliver(batch, project, through: accepting)
            #expect(retry.sent.map(\.account.id) == ["s2"])
            #expect(accepting.messages.count == 1)
        }
    }
}
