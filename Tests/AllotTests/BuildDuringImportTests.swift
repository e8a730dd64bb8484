import Foundation
import Testing

@testable import Allot

extension ProcessHeavyTests {
    /// A build and an import against one store at once, as two `allot` processes: the site
    /// the build leaves is the site of the store before the import or after it, never a mix.
    @Suite(.cleansScratch) struct BuildDuringImportTests {
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
            // Clean sites of the store before and after the import, timed: how long a build
            // renders (from its staging folder's appearing to its end) and an import takes.
            let old = try await Self.ledger(kind)
            let staging = old.folder + "/site/.allot-staging"
            let start = Crash.clock()
            let measured = try Self.build(old.options, into: old.folder + "/site")
            let rendering = try #require(
                try await Crash.window(of: measured, from: start) { FileManager.default.fileExists(atPath: staging) },
                "a build never showed its staging folder")
            #expect(await measured.ended().status == 0)
            let before = Self.pages(old.folder + "/site")
            let renders = Crash.clock() - start - rendering.opened
            let new = try await Self.ledger(kind)
            let importStart = Crash.clock()
            #expect(try await TestSupport.allot(["import"] + new.options + [new.folder + "/extra.csv"]).status == 0)
            let imports = Crash.clock() - importStart
            #expect(try await Self.build(new.options, into: new.folder + "/site").ended().status == 0)
            let after = Self.pages(new.folder + "/site")
            try #require(before != after)

            // The import is started so it commits at a fraction of the build's rendering: a
            // build that reads the store a team at a time mixes two states about halfway.
            var raced = 0
            for fraction in [0.4, 0.5, 0.6, 0.7] {
                let (folder, options) = try await Self.ledger(kind)
                let site = folder + "/site"
                let build = try Self.build(options, into: site)
                try await TestSupport.onOwnThread {
                    while build.isRunning && !FileManager.default.fileExists(atPath: site + "/.allot-staging") { usleep(300) }
                    Crash.sleep(until: Crash.clock() + max(0, renders * fraction - imports))
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
            #expect(raced > 0, "no import ended while the build ran (rendering takes \(renders) s); the test proved nothing")
        }
    }
}
