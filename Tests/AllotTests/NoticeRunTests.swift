import Foundation
import Testing

@testable import Allot

extension ProcessHeavyTests {
    /// `allot notify` as separate processes: runs at the same time send each notice once,
    /// and a run killed between sending and recording leaves a claim the next run reports.
    @Suite(.cleansScratch) struct NoticeRunTests {
        /// Starts `allot notify` on the ledger, keeping what it writes.
        func notify(_ config: String, _ arguments: [String]) throws -> ChildProcess {
            try ChildProcess(TestSupport.allotBinary, ["notify", "--config", config] + arguments, keepOutput: true, keepErrors: true)
        }

        /// The messages a fake sendmail wrote to `folder`, in the order its file names sort.
        func messages(in folder: String) -> [Data] {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
            return names.compactMap { FileManager.default.contents(atPath: folder + "/" + $0) }
        }

        /// How `run` ended; killed first when it was still running after `seconds`.
        func ended(_ run: ChildProcess, within seconds: Double) async throws -> ChildProcess.Ended {
            try await TestSupport.onOwnThread {
                let end = Date() + seconds
                while run.isRunning && Date() < end { usleep(10_000) }
                run.kill()
            }
            return await run.ended()
        }

        @Test func fourRunsAtOnceWithASlowSendmailSendEachSeatOneNotice() async throws {
            try #require(FileManager.default.isExecutableFile(atPath: TestSupport.allotBinary))
            // No store yet: the four runs also race to create and migrate it.
            let folder = NoticeTests.ledgerFolder()
            let config = folder + "/allot.toml", sent = folder + "/sent"
            try FileManager.default.createDirectory(atPath: sent, withIntermediateDirectories: true)
            let slow = "f=$(mktemp '\(sent)/m.XXXXXX'); cat > \"$f\"; sleep 0.5"
            let started = try (1...4).map { _ in try notify(config, ["--sendmail", slow]) }
            var runs: [ChildProcess.Ended] = []
            for run in started { runs.append(await run.ended()) }
            for run in runs { #expect(run.status == 0, "\(run.errorText.prefix(2000))") }
            let batch = try Project(configPath: config).notices()
            let received = messages(in: sent)
            #expect(received.count == batch.notices.count)
            #expect(Set(received) == Set(batch.notices.map { Data($0.message.bytes) }))
            let sentCounts = runs.map { run in
                run.outputText.split(separator: "\n").last.flatMap { Int($0.prefix { $0.isNumber }) } ?? -1
            }
            #expect(sentCounts.reduce(0, +) == batch.notices.count, "each run's count of notices sent: \(sentCounts)")
            let store = try Project(configPath: config).store
            for n in batch.notices {
                #expect(try store.deliveredNotice(account: n.account.id, asOf: batch.asOf)?.channel == .sendmail)
                #expect(try store.noticeClaim(account: n.account.id, asOf: batch.asOf) == nil)
            }
        }

        /// The notice ledger and an empty folder a fake sendmail delivers into.
        static func ledgerWithSentFolder() throws -> (config: String, sent: String) {
            try #require(FileManager.default.isExecutableFile(atPath: TestSupport.allotBinary))
            let folder = NoticeTests.ledgerFolder()
            try FileManager.default.createDirectory(atPath: folder + "/sent", withIntermediateDirectories: true)
            return (folder + "/allot.toml", folder + "/sent")
        }

        @Test func aRunKilledBetweenSendingAndRecordingIsReportedAndResentOnlyWhenAsked() async throws {
            let (config, sent) = try Self.ledgerWithSentFolder()
            // Numbered so they sort in the order sent. The killing one has taken the third
            // message whole when it kills the run (its parent): sent, not yet recorded.
            let deliver = "n=$(ls '\(sent)' | wc -l); cat > '\(sent)'/m$((n + 1)).eml"
            let killed = try await notify(config, ["--sendmail", deliver + "; [ $n -ne 2 ] || kill -9 $PPID"]).ended()
            #expect(killed.status == SIGKILL)
            #expect(messages(in: sent).count == 3)
            #expect(killed.outputText.components(separatedBy: "Sent to ").count - 1 == 2, "\(killed.outputText)")
            let project = try Project(configPath: config)
            let batch = try project.notices()
            let unfinished = try #require(batch.notices.first { Data($0.message.bytes) == messages(in: sent)[2] })
            #expect(try project.store.noticeClaim(account: unfinished.account.id, asOf: batch.asOf) != nil)

            let next = try await notify(config, ["--sendmail", deliver]).ended()
            #expect(next.status == 1)
            #expect(next.errorText.hasPrefix("error: not sent to "), "\(next.errorText.prefix(2000))")
            #expect(next.errorText.contains("it may or may not have been sent; --resend-unfinished sends it again"))
            #expect(next.outputText.contains("1 unfinished"))
            let afterNext = messages(in: sent)
            #expect(afterNext.count == batch.notices.count)
            #expect(Set(afterNext) == Set(batch.notices.map { Data($0.message.bytes) }))

            let resend = try await notify(config, ["--sendmail", deliver, "--resend-unfinished"]).ended()
            #expect(resend.status == 0, "\(resend.errorText.prefix(2000))")
            #expect(messages(in: sent).count == batch.notices.count + 1)
            #expect(messages(in: sent).last == Data(unfinished.message.bytes))
            #expect(try project.store.noticeClaim(account: unfinished.account.id, asOf: batch.asOf) == nil)
            #expect(try project.store.deliveredNotice(account: unfinished.account.id, asOf: batch.asOf) != nil)

            let last = try await notify(config, ["--sendmail", deliver]).ended()
            #expect(last.status == 0)
            #expect(messages(in: sent).count == batch.notices.count + 1)
        }

        @Test func aHungSendmailFailsItsNoticeAfterTheTimeoutAndTheOthersGo() async throws {
            try #require(FileManager.default.isExecutableFile(atPath: TestSupport.allotBinary))
            let folder = NoticeTests.ledgerFolder()
            let config = folder + "/allot.toml", sent = folder + "/sent", sleeper = folder + "/sleeper"
            try FileManager.default.createDirectory(atPath: sent, withIntermediateDirectories: true)
            // The second hangs after taking its message, in a program the shell started.
            let deliver = "n=$(ls '\(sent)' | wc -l); cat > '\(sent)'/m$((n + 1)).eml"
            let hanging = deliver + "; [ $n -ne 1 ] || { sleep 1000 & echo $! > '\(sleeper)'; wait; }"
            let run = try await ended(try notify(config, ["--sendmail", hanging, "--sendmail-timeout", "1"]), within: 60)
            #expect(run.status == 1, "\(run.errorText.prefix(2000))")
            #expect(
                run.errorText.contains("the sendmail command was still running after 1 s and was stopped"), "\(run.errorText.prefix(2000))")
            let project = try Project(configPath: config)
            let batch = try project.notices()
            let received = messages(in: sent)
            try #require(received.count == batch.notices.count)
            let hung = try #require(batch.notices.first { Data($0.message.bytes) == received[1] })
            for n in batch.notices {
                #expect(try project.store.noticeClaim(account: n.account.id, asOf: batch.asOf) == nil)
                let delivered = try project.store.deliveredNotice(account: n.account.id, asOf: batch.asOf)
                #expect((delivered == nil) == (n.account.id == hung.account.id))
            }
            // What the hung command started was stopped with it (at most a zombie is left).
            let pid = try String(contentsOfFile: sleeper, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            let state = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8))?.split(separator: ")").last?.split(
                separator: " "
            ).first
            #expect(state == nil || state == "Z", "the hung command's sleep \(pid) is still running")
        }

        @Test func aSendmailThatLeavesAProgramRunningDoesNotHoldTheRun() async throws {
            let (config, sent) = try Self.ledgerWithSentFolder()
            // The program left running holds the command's output and error open for 120 s.
            let deliver = "f=$(mktemp '\(sent)/m.XXXXXX'); cat > \"$f\"; sleep 120 &"
            let run = try await ended(try notify(config, ["--sendmail", deliver]), within: 90)
            #expect(run.status == 0, "\(run.errorText.prefix(2000))")
            let batch = try Project(configPath: config).notices()
            #expect(Set(messages(in: sent)) == Set(batch.notices.map { Data($0.message.bytes) }))
        }

        @Test func aMessageOver64KBGoesToASendmailThatWritesBeforeItReads() async throws {
            let (config, sent) = try Self.ledgerWithSentFolder()
            let batch = try Project(configPath: config).notices()
            #expect(batch.notices.contains { $0.message.bytes.count > 65536 })
            // 100 KB on standard error fill its pipe before the command reads a byte.
            let deliver = "head -c 100000 /dev/zero | tr '\\0' x >&2; f=$(mktemp '\(sent)/m.XXXXXX'); cat > \"$f\""
            let run = try await ended(try notify(config, ["--sendmail", deliver]), within: 30)
            #expect(run.status == 0, "\(run.errorText.prefix(2000))")
            #expect(Set(messages(in: sent)) == Set(batch.notices.map { Data($0.message.bytes) }))
        }

        @Test func aRunStoppedBySIGTERMHasPrintedEachNoticeItSent() async throws {
            let (config, sent) = try Self.ledgerWithSentFolder()
            // The third command sends Allot SIGTERM (its parent), which the tests' own threads
            // block and so Allot inherits blocked: Python unblocks it and becomes Allot.
            let deliver = "n=$(ls '\(sent)' | wc -l); cat > '\(sent)'/m$((n + 1)).eml; [ $n -ne 2 ] || { kill -TERM $PPID; sleep 5; }"
            let unblocked = "import os, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, []); os.execv(sys.argv[1], sys.argv[1:])"
            let run = try await ChildProcess(
                "/usr/bin/env", ["python3", "-c", unblocked, TestSupport.allotBinary, "notify", "--config", config, "--sendmail", deliver],
                keepOutput: true, keepErrors: true
            ).ended()
            #expect(run.status == SIGTERM)
            #expect(messages(in: sent).count == 3)
            let lines = run.outputText.split(separator: "\n").filter { $0.hasPrefix("Sent to ") }
            #expect(lines.count == 2, "\(run.outputText)")
        }
    }
}
