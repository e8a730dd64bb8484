import ArgumentParser
import Foundation
import Testing

@testable import Allot
@testable import AllotCLI

/// The CLI end to end, in process: exit codes and what lands in the store.
@Suite(.cleansScratch) struct CommandTests {
    func run(_ arguments: [String]) throws {
        var command = try AllotCommand.parseAsRoot(arguments)
        try command.run()
    }

    func exitCode(_ arguments: [String]) -> Int32 {
        do {
            try run(arguments)
            return 0
        } catch let code as ExitCode {
            return code.rawValue
        } catch {
            return AllotCommand.exitCode(for: error).rawValue
        }
    }

    /// Checked while the command line is parsed (ArgumentParser's `validate()`), before
    /// anything runs. The sentence is printed then; ArgumentParser adds nothing to it.
    @Test func serveChecksItsHostBeforeRunning() {
        func parsed(_ host: String) -> (exitCode: Int32, message: String)? {
            do {
                _ = try AllotCommand.parseAsRoot(["serve", "--host", host])
                return nil
            } catch {
                return (AllotCommand.exitCode(for: error).rawValue, AllotCommand.fullMessage(for: error))
            }
        }
        let refused = parsed("example.invalid")
        #expect(refused?.exitCode == 1)
        #expect(refused?.message == "")
        #expect(parsed("localhost") == nil)
    }

    @Test func checkPassesOnTheTransitionLedgerAndStrictFailsOnARejectedShare() {
        let transition = TestSupport.copyOfFixture("transition")
        #expect(exitCode(["check", "--config", transition + "/allot.toml"]) == 0)
        let edges = TestSupport.copyOfFixture("edges")
        #expect(exitCode(["check", "--config", edges + "/allot.toml"]) == 0)
        #expect(exitCode(["check", "--strict", "--config", edges + "/allot.toml"]) == 1)
    }

    @Test func importOfABadFileExitsNonZeroAndLeavesTheStoreAlone() throws {
        let folder = TestSupport.copyOfFixture("edges")
        #expect(exitCode(["check", "--config", folder + "/allot.toml"]) == 0)
        let project = try Project(configPath: folder + "/allot.toml")
        let before = try project.store.load()
        TestSupport.write(
            "id,time,type,account,message,to,amount,note\nok,2015-02-01T00:00:00Z,grant,carol,,,5,\nbad,2015-02-01T00:00:00Z,grant,nobody,,,5,\n",
            to: folder + "/more.csv")
        #expect(exitCode(["import", "--config", folder + "/allot.toml", folder + "/more.csv"]) == 1)
        let after = try project.store.load()
        #expect(after.events == before.events)
        #expect(after.accounts == before.accounts)
    }

    @Test func statementFailsClearlyForUnknownAccountsAndMonths() {
        let folder = TestSupport.copyOfFixture("transition")
        let config = folder + "/allot.toml"
        #expect(exitCode(["statement", "--config", config, "alice", "2015-01"]) == 0)
        #expect(exitCode(["statement", "--config", config, "alice", "2015-01", "--json"]) == 0)
        #expect(exitCode(["statement", "--config", config, "zed", "2015-01"]) == 1)
        #expect(exitCode(["statement", "--config", config, "alice", "2016-01"]) == 1)
        #expect(exitCode(["statement", "--config", config, "alice", "January"]) != 0)
    }

    @Test func storeOptionPutsTheStoreElsewhere() throws {
        let folder = TestSupport.copyOfFixture("transition")
        let store = TestSupport.scratch() + "/elsewhere/ledger.sqlite"
        #expect(exitCode(["check", "--config", folder + "/allot.toml", "--store", store]) == 0)
        #expect(FileManager.default.fileExists(atPath: store))
        #expect(!FileManager.default.fileExists(atPath: folder + "/.allot/ledger.sqlite"))
    }

    @Test func missingConfigIsAClearError() {
        #expect(exitCode(["check", "--config", "/nonexistent/allot.toml"]) == 1)
    }

    @Test func generateIsDeterministic() throws {
        let a = TestSupport.scratch(), b = TestSupport.scratch(), c = TestSupport.scratch()
        try run(["generate", "--accounts", "12", "--months", "4", "--seed", "42", "--out", a])
        try run(["generate", "--accounts", "12", "--months", "4", "--seed", "42", "--out", b])
        try run(["generate", "--accounts", "12", "--months", "4", "--seed", "43", "--out", c])
        for name in ["allot.toml", "seats.csv", "events.csv"] {
            let x = FileManager.default.contents(atPath: a + "/" + name)
            #expect(x != nil)
            #expect(x == FileManager.default.contents(atPath: b + "/" + name))
        }
        #expect(FileManager.default.contents(atPath: a + "/events.csv") != FileManager.default.contents(atPath: c + "/events.csv"))
    }
}

@Suite(.cleansScratch) struct NotifyCommandTests {
    func exitCode(_ arguments: [String]) -> Int32 {
        do {
            var command = try AllotCommand.parseAsRoot(arguments)
            try command.run()
            return 0
        } catch {
            return AllotCommand.exitCode(for: error).rawValue
        }
    }

    @Test func notifyExitsNonZeroWhenADeliveryFailsAndZeroWhenAllGo() {
        let config = NoticeTests.ledgerFolder() + "/allot.toml"
        #expect(exitCode(["notify", "--config", config]) != 0)  // nowhere to send
        #expect(exitCode(["notify", "--config", config, "--dry-run"]) == 0)
        #expect(exitCode(["notify", "--config", config, "--sendmail", "exit 7"]) == 1)
        #expect(exitCode(["notify", "--config", config, "--sendmail", "cat > /dev/null"]) == 0)
        #expect(exitCode(["notify", "--config", config, "--sendmail", "exit 7"]) == 0)  // all already sent
        #expect(exitCode(["notify", "--config", config, "--sendmail", "exit 7", "--resend"]) == 1)
    }

    @Test func anOutboxIsAPreviewUnlessItIsTheDeliveryAndThenSendmailSendsNothing() throws {
        let config = NoticeTests.ledgerFolder() + "/allot.toml"
        let outbox = TestSupport.scratch() + "/outbox"
        #expect(exitCode(["notify", "--config", config, "--outbox-is-delivery"]) == 64)
        #expect(exitCode(["notify", "--config", config, "--outbox", outbox, "--outbox-is-delivery", "--sendmail", "exit 7"]) == 64)
        let project = try Project(configPath: config)
        let batch = try project.notices()
        let files = batch.notices.map { NoticeOutbox(folder: outbox).path(of: $0, asOf: batch.asOf) }
        #expect(exitCode(["notify", "--config", config, "--outbox", outbox]) == 0)
        #expect(files.allSatisfy { FileManager.default.fileExists(atPath: $0) })
        for n in batch.notices { #expect(try project.store.deliveredNotice(account: n.account.id, asOf: batch.asOf) == nil) }
        try FileManager.default.removeItem(atPath: outbox)
        #expect(exitCode(["notify", "--config", config, "--outbox", outbox, "--outbox-is-delivery"]) == 0)
        for (n, file) in zip(batch.notices, files) {
            #expect(FileManager.default.contents(atPath: file) == Data(n.message.bytes))
            #expect(try project.store.deliveredNotice(account: n.account.id, asOf: batch.asOf)?.channel == .outbox)
        }
        // Any message piped to it would fail the run.
        #expect(exitCode(["notify", "--config", config, "--sendmail", "exit 7"]) == 0)
    }
}

@Suite(.cleansScratch) struct PublishCommandTests {
    func exitCode(_ arguments: [String]) -> Int32 {
        do {
            var command = try AllotCommand.parseAsRoot(arguments)
            try command.run()
            return 0
        } catch {
            return AllotCommand.exitCode(for: error).rawValue
        }
    }

    @Test func aBuildWithErrorsIsNeverPublished() throws {
        let folder = TestSupport.copyOfFixture("transition")
        let target = TestSupport.scratch() + "/pub"
        #expect(exitCode(["publish", "--config", folder + "/allot.toml", "--to", target, "--out", folder + "/site"]) == 0)
        let published = try FileManager.default.destinationOfSymbolicLink(atPath: target + "/current")
        let events = try String(contentsOfFile: folder + "/events.csv", encoding: .utf8)
        TestSupport.write(events + "bad,2015-03-01T00:00:00Z,grant,nobody,,,5,\n", to: folder + "/events.csv")
        #expect(exitCode(["publish", "--config", folder + "/allot.toml", "--to", target, "--out", folder + "/site"]) == 1)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: target + "/current") == published)
        #expect(try FileManager.default.contentsOfDirectory(atPath: target + "/releases").count == 1)
        #expect(exitCode(["publish", "--config", folder + "/allot.toml", "--to", target, "--rollback"]) == 1)
    }
}
