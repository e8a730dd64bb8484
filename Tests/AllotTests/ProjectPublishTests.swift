import Foundation
import Testing

@testable import Allot

/// `Project.publish` and `Project.rollback` called as a library: build, release ids,
/// nothing-changed, pruning and rollback, without the binary.
@Suite(.cleansScratch) struct ProjectPublishTests {
    /// 2026-11-26T14:55:00.250Z and a second, a minute and an hour later.
    static let times = ([1_795_704_900_250, 1_795_704_901_000, 1_795_704_960_000, 1_795_708_500_000] as [Int64]).map {
        Instant(millis: $0)
    }

    /// A copy of the transition ledger; `retitle` changes every page of its site.
    struct Ledger {
        let folder = TestSupport.copyOfFixture("transition")
        var site: String { folder + "/site" }

        func retitle(_ title: String) throws {
            let config = try String(contentsOfFile: folder + "/allot.toml", encoding: .utf8)
            let retitled = config.replacingOccurrences(of: #"(?m)^title = .*$"#, with: "title = \"\(title)\"", options: .regularExpression)
            TestSupport.write(retitled, to: folder + "/allot.toml")
        }

        func publish(to web: String, keep: Int = 5, at time: Instant) throws -> PublishResult {
            try Project(configPath: folder + "/allot.toml").publish(site: site, to: web, keep: keep, releasedAt: time)
        }
    }

    func published(_ result: PublishResult) throws -> (change: ReleaseChange, pruned: [String]) {
        guard case .published(let change, let pruned) = result else {
            Issue.record("nothing was published: \(result)")
            throw CancellationError()
        }
        return (change, pruned)
    }

    func current(_ web: String) throws -> String {
        (try FileManager.default.destinationOfSymbolicLink(atPath: web + "/current") as NSString).lastPathComponent
    }

    func served(_ web: String) -> [String: Data] {
        TestSupport.files(under: URL(fileURLWithPath: web + "/current").resolvingSymlinksInPath().path)
    }

    @Test func publishingTwiceSwitchesToTheNewReleaseAndSaysWhatChanged() throws {
        let ledger = Ledger(), web = TestSupport.scratch() + "/web"
        let first = try published(try ledger.publish(to: web, at: Self.times[0]))
        #expect(first.change.release.hasPrefix("20261126T145500.250Z-"))
        #expect(first.change.release.count == "20261126T145500.250Z-".count + 10)
        #expect(first.change.previous == nil)
        #expect(first.change.added == SiteWriter.manifest(of: ledger.site)!.sorted())
        #expect(first.change.changed.isEmpty && first.change.removed.isEmpty && first.pruned.isEmpty)
        #expect(try current(web) == first.change.release)
        #expect(served(web) == TestSupport.files(under: ledger.site).filter { !$0.key.hasPrefix(".allot-") })

        try ledger.retitle("Second")
        let second = try published(try ledger.publish(to: web, at: Self.times[2]))
        #expect(second.change.release.hasPrefix("20261126T145600.000Z-"))
        #expect(second.change.previous == first.change.release)
        #expect(second.change.changed.contains("index.html"))
        #expect(second.change.added.isEmpty && second.change.removed.isEmpty)
        #expect(try current(web) == second.change.release)
    }

    @Test func theSameSiteAgainPublishesNothing() throws {
        let ledger = Ledger(), web = TestSupport.scratch() + "/web"
        let first = try published(try ledger.publish(to: web, at: Self.times[0]))
        #expect(try ledger.publish(to: web, at: Self.times[1]) == .unchanged(current: first.change.release))
        #expect(try FileManager.default.contentsOfDirectory(atPath: web + "/releases") == [first.change.release])
        // The content decides, not the time: the same site as a release before it is new again.
        try ledger.retitle("Other")
        let other = try published(try ledger.publish(to: web, at: Self.times[2]))
        try ledger.retitle("t")
        let again = try published(try ledger.publish(to: web, at: Self.times[3]))
        #expect(again.change.release.hasSuffix(String(first.change.release.suffix(10))))
        #expect(again.change.previous == other.change.release)
    }

    /// Two publishes within one second (a script, a retry) still sort in the order made,
    /// so rollback goes back to the first.
    @Test func releasesWithinOneSecondKeepTheirOrder() throws {
        let ledger = Ledger(), web = TestSupport.scratch() + "/web"
        let first = try published(try ledger.publish(to: web, at: Self.times[0]))
        try ledger.retitle("Later")
        let second = try published(try ledger.publish(to: web, at: Instant(millis: Self.times[0].millis + 1)))
        #expect(second.change.release.hasPrefix("20261126T145500.251Z-"))
        #expect(second.change.previous == first.change.release)
        #expect(try Project.rollback(in: web).release == first.change.release)
    }

    @Test func keepPrunesTheOldestReleases() throws {
        let ledger = Ledger(), web = TestSupport.scratch() + "/web"
        var ids: [String] = []
        for (i, time) in Self.times.enumerated() {
            try ledger.retitle("Title \(i)")
            let result = try published(try ledger.publish(to: web, keep: 2, at: time))
            #expect(result.pruned == (ids.count >= 2 ? [ids[ids.count - 2]] : []))
            ids.append(result.change.release)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: web + "/releases").sorted() == Array(ids.suffix(2)))
        _ = try Project.rollback(in: web)
        try ledger.retitle("Title 4")
        let result = try published(try ledger.publish(to: web, keep: 1, at: Instant(millis: Self.times[3].millis + 1000)))
        #expect(result.pruned == [ids[2], ids[3]], "every older release goes, the one rolled back to too")
        #expect(try FileManager.default.contentsOfDirectory(atPath: web + "/releases") == [result.change.release])
        #expect(throws: AllotError.self) { try ledger.publish(to: web, keep: 0, at: Self.times[0]) }
    }

    @Test func rollbackSwitchesToTheReleaseBeforeTheCurrentOne() throws {
        let ledger = Ledger(), web = TestSupport.scratch() + "/web"
        let nothing = try #require(throws: AllotError.self) { try Project.rollback(in: web) }
        #expect(nothing.description == "nothing is published in \(web)")
        let first = try published(try ledger.publish(to: web, at: Self.times[0]))
        let firstFiles = served(web)
        try ledger.retitle("Second")
        let second = try published(try ledger.publish(to: web, at: Self.times[1]))
        let back = try Project.rollback(in: web)
        #expect(back == ReleaseChange(release: first.change.release, previous: second.change.release, changed: second.change.changed))
        #expect(try current(web) == first.change.release)
        #expect(served(web) == firstFiles)
        let oldest = try #require(throws: AllotError.self) { try Project.rollback(in: web) }
        #expect(oldest.description == "\(first.change.release) is the oldest release kept; there is nothing to roll back to")
    }

    @Test func aFailedBuildPublishesNothing() throws {
        let ledger = Ledger(), web = TestSupport.scratch() + "/web"
        let first = try published(try ledger.publish(to: web, at: Self.times[0]))
        let events = try String(contentsOfFile: ledger.folder + "/events.csv", encoding: .utf8)
        TestSupport.write(events + "bad,2015-03-01T00:00:00Z,grant,nobody,,,5,\n", to: ledger.folder + "/events.csv")
        #expect(throws: ImportFailure.self) { try ledger.publish(to: web, at: Self.times[1]) }
        #expect(try current(web) == first.change.release)
        #expect(try FileManager.default.contentsOfDirectory(atPath: web + "/releases") == [first.change.release])
    }
}
