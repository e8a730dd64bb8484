import Foundation
import GRDB
import Testing

@testable import Allot
@testable import AllotStore

/// Claims in the notice log: a notice another run holds is left to it while that run can
/// be running, and a claim left by a run that did not finish is reported, not sent, until
/// the caller asks for it again.
@Suite(.cleansScratch) struct NoticeClaimTests {
    static let here = NoticeClaimant.current.host

    /// The pid of a process that has ended and been reaped.
    static func endedProcess() throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "exit 0"]
        try p.run()
        p.waitUntilExit()
        return p.processIdentifier
    }

    static func claim(_ notice: Notice, _ asOf: Instant, by claimant: NoticeClaimant, at millis: Int64) -> NoticeClaim {
        NoticeClaim(
            account: notice.account.id, asOf: asOf, contentHash: notice.message.contentHash, channel: .sendmail, claimant: claimant,
            claimedAt: Instant(millis: millis))
    }

    @Test func aClaimLeftByARunThatDidNotFinishIsReportedAndSentOnlyWhenAsked() throws {
        let folder = NoticeTests.ledgerFolder()
        let project = try Project(configPath: folder + "/allot.toml")
        let batch = try project.notices()
        let s0 = try #require(batch.notices.first { $0.account.id == "s0" })
        let left = Self.claim(s0, batch.asOf, by: NoticeClaimant(host: Self.here, pid: try Self.endedProcess(), startTicks: nil), at: 5)
        #expect(try project.store.claimNotice(left, overDelivered: false, overAbandoned: false) { _ in false } == .claimed)
        let outbox = folder + "/out"
        let s0File = NoticeOutbox(folder: outbox).path(of: s0, asOf: batch.asOf)
        for run in 1...2 {
            let outcome = try NoticeDelivery(outbox: outbox).deliver(batch, store: project.store) { Instant(millis: 10) }
            #expect(outcome.unfinished.map(\.claim) == [left])
            #expect(outcome.sent.count == (run == 1 ? batch.notices.count - 1 : 0))
            #expect(!FileManager.default.fileExists(atPath: s0File))
        }
        #expect(try project.store.noticeClaim(account: "s0", asOf: batch.asOf) == left)
        let resent = try NoticeDelivery(outbox: outbox, resendUnfinished: true).deliver(batch, store: project.store) { Instant(millis: 20) }
        #expect(resent.sent.map(\.account.id) == ["s0"])
        #expect(resent.alreadySent.count == batch.notices.count - 1)
        #expect(FileManager.default.contents(atPath: s0File) == Data(s0.message.bytes))
        #expect(try project.store.noticeClaim(account: "s0", asOf: batch.asOf) == nil)
        let record = try #require(try project.store.deliveredNotice(account: "s0", asOf: batch.asOf))
        #expect(record.channel == .outbox)
        #expect(record.host == Self.here && record.pid == getpid())
        #expect(record.deliveredAt == Instant(millis: 20))
    }

    @Test func aClaimIsLeftToItsRunWhileThatRunMayBeGoing() throws {
        let folder = NoticeTests.ledgerFolder()
        let project = try Project(configPath: folder + "/allot.toml")
        let batch = try project.notices()
        let s1 = try #require(batch.notices.first { $0.account.id == "s1" })
        let start: Int64 = 1000
        func abandoned(_ claimant: NoticeClaimant, at millis: Int64) -> Bool {
            NoticeDelivery.isAbandoned(Self.claim(s1, batch.asOf, by: claimant, at: millis), runStartedAt: Instant(millis: start))
        }
        // On this host: whether the claiming process still runs, whenever it claimed.
        let running = NoticeClaimant(host: Self.here, pid: 1, startTicks: NoticeClaimant.startTicks(of: 1))
        #expect(!abandoned(running, at: 0))
        #expect(abandoned(NoticeClaimant(host: Self.here, pid: try Self.endedProcess(), startTicks: nil), at: start + 1))
        if let ticks = running.startTicks {
            // Another process has the pid now: the claimant is gone.
            #expect(abandoned(NoticeClaimant(host: Self.here, pid: 1, startTicks: ticks + 1), at: 0))
        }
        // On another host, or by this process: claimed before this run began.
        let elsewhere = NoticeClaimant(host: "elsewhere.example", pid: 1, startTicks: nil)
        #expect(abandoned(elsewhere, at: start - 1))
        #expect(!abandoned(elsewhere, at: start))
        #expect(abandoned(.current, at: start - 1))
        #expect(!abandoned(.current, at: start))

        let held = Self.claim(s1, batch.asOf, by: running, at: 0)
        #expect(try project.store.claimNotice(held, overDelivered: false, overAbandoned: false) { _ in false } == .claimed)
        let outcome = try NoticeDelivery(sendmail: "cat > /dev/null", resend: true).deliver(batch, store: project.store) {
            Instant(millis: start)
        }
        #expect(outcome.inProgress.map(\.claim) == [held])
        #expect(outcome.sent.count == batch.notices.count - 1)
        #expect(try project.store.noticeClaim(account: "s1", asOf: batch.asOf) == held)
    }

    @Test func aStoreFromBeforeClaimsKeepsItsLogWithTheChannelUnknown() throws {
        let path = TestSupport.scratch() + "/ledger.sqlite"
        let queue = try DatabaseQueue(path: path)
        try SQLiteSchema.migrator.migrate(queue, upTo: "v7: sources are snapshots")
        try queue.write { db in
            try db.execute(sql: "INSERT INTO notice (account, as_of, content_hash, delivered_at) VALUES ('a', 7, 'h', 9)")
        }
        try queue.close()
        let store = try LedgerStore(path: path)
        #expect(
            try store.deliveredNotice(account: "a", asOf: Instant(millis: 7))
                == NoticeRecord(account: "a", asOf: Instant(millis: 7), contentHash: "h", deliveredAt: Instant(millis: 9)))
        let claim = NoticeClaim(
            account: "a", asOf: Instant(millis: 7), contentHash: "h2", channel: .sendmail, claimant: .current,
            claimedAt: Instant(millis: 10))
        #expect(
            try store.claimNotice(claim, overDelivered: false, overAbandoned: false) { _ in false }
                == .delivered(NoticeRecord(account: "a", asOf: Instant(millis: 7), contentHash: "h", deliveredAt: Instant(millis: 9))))
        #expect(try store.claimNotice(claim, overDelivered: true, overAbandoned: false) { _ in false } == .claimed)
        try store.recordDelivery(of: claim, at: Instant(millis: 11))
        let resent = try #require(try store.deliveredNotice(account: "a", asOf: Instant(millis: 7)))
        #expect(resent.contentHash == "h2" && resent.channel == .sendmail && resent.deliveredAt == Instant(millis: 11))
    }
}
