import Foundation
import Testing

@testable import Allot

extension ProcessHeavyTests {
    /// Real delivery: msmtp as the sendmail program, talking SMTP to a local server
    /// (aiosmtpd) on 127.0.0.1 that the test starts and stops.
    @Suite(.serialized, .cleansScratch) struct SMTPDeliveryTests {
        /// A running SMTP sink and an msmtp configuration pointing at it.
        final class Sink {
            let process = Process()
            let folder = TestSupport.scratch()
            var received: String { folder + "/received" }
            var sendmail: String { "msmtp -C '\(folder)/msmtprc' -t -i" }

            init(refusing: [String] = []) throws {
                process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                process.arguments = ["python3", TestSupport.fixture("mail/smtp_sink.py"), folder + "/port", received] + refusing
                process.standardError = FileHandle.nullDevice
                try process.run()
                // The sink writes its port once it listens: wait for that, or for it to exit.
                var port: String?
                let deadline = Date().addingTimeInterval(60)
                while port == nil && process.isRunning && Date() < deadline {
                    port = try? String(contentsOfFile: folder + "/port", encoding: .utf8)
                    if port == nil { usleep(20_000) }
                }
                guard let port else { throw CocoaError(.fileNoSuchFile) }
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

            deinit {
                _ = FileManager.default.createFile(atPath: folder + "/port.stop", contents: Data())
                process.waitUntilExit()
            }
        }

        func requireTools() throws {
            let which = Process()
            which.executableURL = URL(fileURLWithPath: "/bin/sh")
            which.arguments = ["-c", "command -v msmtp && python3 -c 'import aiosmtpd'"]
            which.standardOutput = FileHandle.nullDevice
            try which.run(); which.waitUntilExit()
            try #require(which.terminationStatus == 0, "msmtp and aiosmtpd are needed: run scripts/install-dependencies --for-tests")
        }

        @Test func everyNoticeArrivesIntactAndASecondRunSendsNothing() throws {
            try requireTools()
            let sink = try Sink()
            let project = try Project(configPath: NoticeTests.ledgerFolder() + "/allot.toml")
            let batch = try project.notices()
            let first = try NoticeDelivery(sendmail: sink.sendmail).deliver(batch, store: project.store) { Instant(millis: 0) }
            #expect(first.failed.map(\.reason) == [])
            #expect(first.sent.count == batch.notices.count)
            let received = sink.messages
            #expect(Set(received) == Set(batch.notices.map { Data($0.message.bytes) }))
            let second = try NoticeDelivery(sendmail: sink.sendmail).deliver(batch, store: project.store) { Instant(millis: 0) }
            #expect(second.sent.isEmpty)
            #expect(sink.messages.count == received.count)
        }

        @Test func aRefusedRecipientLeavesThatNoticeUnloggedAndTheRestDelivered() throws {
            try requireTools()
            let sink = try Sink(refusing: ["s2@example.com"])
            let project = try Project(configPath: NoticeTests.ledgerFolder() + "/allot.toml")
            let batch = try project.notices()
            let outcome = try NoticeDelivery(sendmail: sink.sendmail).deliver(batch, store: project.store) { Instant(millis: 0) }
            #expect(outcome.failed.map(\.notice.account.id) == ["s2"])
            #expect(outcome.sent.count == batch.notices.count - 1)
            #expect(sink.messages.count == batch.notices.count - 1)
            #expect(try project.store.deliveredNotice(account: "s2", asOf: batch.asOf) == nil)
            let accepting = try Sink()
            let retry = try NoticeDelivery(sendmail: accepting.sendmail).deliver(batch, store: project.store) { Instant(millis: 0) }
            #expect(retry.sent.map(\.account.id) == ["s2"])
            #expect(accepting.messages.count == 1)
        }
    }
}
