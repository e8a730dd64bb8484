import Foundation
import Testing

@testable import Allot

extension ProcessHeavyTests {
    /// A build and an import against one store at once, as two `allot` processes: the site
    /// the build leaves is the site of the store before the import or after it, never a mix.
    @Suite(.cleansScratch, .processBehaviour) struct BuildDuringImportTests {
        typealias Crash = CrashAndConcurrencyTests

        /// A ledger folder whose store holds its seats and the events of two teams in three
        /// (`events.csv`); `extra.csv` holds the rest, for an import.
        static func ledger(_ kind: StoreKind) async throws -> (folder: String, options: [String]) {
            let (folder, header, byTeam) = Crash.ledger(accounts: 40)
            // Every third team's events are imported during the build: the teams it renders
            // before the import commits and those it renders after both change.
            let teams = byTeam.keys.sorted().enumerated()
            let kept = teams.filter { $0.offset % 3 != 2 }.flatMap { byTeam[$0.element]! }
            let added = teams.filter { $0.offset % 3 == 2 }.flatMap { byTeam[$0.element]! }
            TestSupport.write(([header] + kept).joined(separator: "\n") + "\n", to: folder + "/events.csv")
            TestSupport.write(([header] + added).joined(separator: "\n") + "\n", to: folder + "/extra.csv")
            let config = folder + "/allot.toml"
            let options = ["--config", config, "--store", try await kind.location() ?? Project.defaultStorePath(forConfig: config)]
            let imported = try await TestSupport.allot(["import"] + options + [folder + "/seats.csv", folder + "/events.csv"])
            #expect(imported.status == 0, "\(imported.errorText)")
            return (folder, options)
        }

        /// The site's pages (its records left out: they name the program and the store).
        static func pages(_ site: String) -> [String: Data] {
            TestSupport.files(under: site).filter { !$0.key.hasPrefix(".") }
        }

        static func build(_ options: [String], into site: String) throws -> ChildProcess {
            try ChildProcess(TestSupport.allotBinary, ["build"] + options + ["--out", site, "--as-of", "2015-04-01"], keepErrors: true)
        }

        @Test(arguments: StoreKind.allCases)
        func aBuildDuringAnImportShowsTheStoreBeforeOrAfterItNeverAMix(_ kind: StoreKind) async throws {
            try #require(FileManager.default.isExecutableFile(atPath: TestSupport.allotBinary))
            // Clean sites of the store before and after the import.
            let old = try await Self.ledger(kind)
            #expect(try await Self.build(old.options, into: old.folder + "/site").ended().status == 0)
            let before = Self.pages(old.folder + "/site")
            let new = try await Self.ledger(kind)
            #expect(try await TestSupport.allot(["import"] + new.options + [new.folder + "/extra.csv"]).status == 0)
            #expect(try await Self.build(new.options, into: new.folder + "/site").ended().status == 0)
            let after = Self.pages(new.folder + "/site")
            try #require(before != after)

            // The import starts once the build has staged a share of its pages, so it commits
            // while the build reads the store, however loaded the machine: a build that reads
            // it a team at a time then mixes two states.
            var raced = 0
            for share in [0.1, 0.25, 0.4] {
                let (folder, options) = try await Self.ledger(kind)
                let site = folder + "/site"
                let build = try Self.build(options, into: site)
                let wanted = Int(Double(before.count) * share)
                try await TestSupport.onOwnThread {
                    func staged() -> Int { (try? FileManager.default.contentsOfDirectory(atPath: site + "/.allot-staging").count) ?? 0 }
                    while build.isRunning && staged() < wanted { usleep(2000) }
                }
                let importing = try ChildProcess(TestSupport.allotBinary, ["import"] + options + [folder + "/extra.csv"], keepErrors: true)
                let imported = await importing.ended()
                #expect(imported.status == 0, "\(imported.errorText)")
                if build.isRunning { raced += 1 }
                let built = await build.ended()
                #expect(built.status == 0, "\(built.errorText)")
                let pages = Self.pages(site)
                let mixed = Set(pages.keys).union(before.keys).filter { pages[$0] != before[$0] }.filter { pages[$0] != after[$0] }
                #expect(pages == before || pages == after, "the site is a mix of two states of the store: \(mixed.sorted().prefix(5))")
            }
            #expect(raced > 0, "no import ended while the build ran; the test proved nothing")
        }
    }
}
