import AllotStore
import Foundation
import Testing

@testable import Allot

extension ProcessHeavyTests {
    /// The built `allot` binary run as separate processes: killed mid-import, or racing
    /// another import, the store holds each file wholly or not at all.
    @Suite(.cleansScratch, .processBehaviour) struct CrashAndConcurrencyTests {
        /// A ledger folder with seats.csv and the events of `teams` split into named files.
        static func ledger(accounts: Int = 60, months: Int = 6) -> (folder: String, header: String, byTeam: [String: [String]]) {
            let folder = TestSupport.scratch()
            let files = SyntheticLedger(accounts: accounts, months: months, seed: 5).files()
            for f in files where f.name != "events.csv" {
                TestSupport.write(
                    f.text.replacingOccurrences(of: "sources = [\"seats.csv\", \"events.csv\"]", with: "sources = [\"seats.csv\"]"),
                    to: folder + "/" + f.name)
            }
            let seats = files[1].text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            let teamOf = Dictionary(uniqueKeysWithValues: seats.map { (String($0[0]), String($0[2])) })
            var sender: [String: String] = [:]
            let lines = files[2].text.split(separator: "\n").map(String.init)
            var byTeam: [String: [String]] = [:]
            for line in lines.dropFirst() {
                let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                if f[2] == "send" { sender[f[4]] = f[3] }
                let account = f[3].isEmpty ? sender[f[4]]! : f[3]
                byTeam[teamOf[account]!, default: []].append(line)
            }
            return (folder, lines[0], byTeam)
        }

        /// Starts the `allot` binary.
        func launch(_ arguments: [String]) throws -> ChildProcess {
            try ChildProcess(TestSupport.allotBinary, arguments)
        }

        /// Runs the `allot` binary to its end: its exit status.
        func status(_ arguments: [String]) async throws -> Int32 {
            try await launch(arguments).ended().status
        }

        /// Seconds on a monotonic clock.
        static func clock() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

        /// Sleeps until `deadline` on `clock()`; returns at once when it has passed.
        static func sleep(until deadline: Double) {
            let left = deadline - clock()
            if left > 0 { Thread.sleep(forTimeInterval: left) }
        }

        // The waits below time kills to fractions of a millisecond, so each runs on a thread
        // of its own: a pool thread busy with another test would delay it.

        /// Watches `p` until it exits, polling each condition every 0.3 ms: how many seconds
        /// after `start` each was first and last seen holding (nil when it never was), and
        /// after how many `p` was seen to have ended.
        static func windows(of p: ChildProcess, from start: Double, _ conditions: [@Sendable () -> Bool]) async throws -> (
            seen: [(opened: Double, closed: Double)?], ended: Double
        ) {
            let watched = try await TestSupport.onOwnThread {
                var seen = [(opened: Double, closed: Double)?](repeating: nil, count: conditions.count)
                while p.isRunning {
                    for (i, condition) in conditions.enumerated() where condition() {
                        let t = clock() - start
                        seen[i] = (seen[i]?.opened ?? t, t)
                    }
                    usleep(300)
                }
                return (seen: seen, ended: clock() - start)
            }
            _ = await p.ended()
            return watched
        }

        /// `windows` for one condition.
        static func window(of p: ChildProcess, from start: Double, _ condition: @escaping @Sendable () -> Bool) async throws -> (
            opened: Double, closed: Double
        )? {
            try await windows(of: p, from: start, [condition]).seen[0]
        }

        /// Kills `p` at `deadline` on `clock()` (at once when it has passed) and waits for its end.
        static func kill(_ p: ChildProcess, at deadline: Double) async throws {
            try await TestSupport.onOwnThread {
                sleep(until: deadline)
                p.kill()
            }
            _ = await p.ended()
        }

        /// Polls every 0.3 ms until `condition` holds or `p` exits, then kills `p` `seconds`
        /// later and waits for its end.
        static func kill(_ p: ChildProcess, _ seconds: Double, after condition: @escaping @Sendable () -> Bool) async throws {
            try await TestSupport.onOwnThread {
                while p.isRunning && !condition() { usleep(300) }
                sleep(until: clock() + seconds)
                p.kill()
            }
            _ = await p.ended()
        }

        /// A ledger of `accounts` seats with its seats imported and all its events in `all.csv`,
        /// and one unkilled import of `all.csv` into a throwaway copy, timed from launch: how
        /// long it took, and when the store's rollback journal was there (nil if never seen).
        func importable(accounts: Int) async throws -> (
            folder: String, rows: Int, seconds: Double, journal: (opened: Double, closed: Double)?
        ) {
            let (folder, header, byTeam) = Self.ledger(accounts: accounts)
            let rows = byTeam.keys.sorted().flatMap { byTeam[$0]! }
            TestSupport.write(([header] + rows).joined(separator: "\n") + "\n", to: folder + "/all.csv")
            #expect(try await status(["import", "--config", folder + "/allot.toml", folder + "/seats.csv"]) == 0)
            let copy = TestSupport.scratch() + "/copy"
            try FileManager.default.copyItem(atPath: folder, toPath: copy)
            let start = Self.clock()
            let timed = try launch(["import", "--config", copy + "/allot.toml", copy + "/all.csv"])
            let watched = try await Self.windows(
                of: timed, from: start,
                [
                    { FileManager.default.fileExists(atPath: copy + "/.allot/ledger.sqlite-journal") }
                ])
            #expect(await timed.ended().status == 0)
            #expect(try LedgerStore(path: copy + "/.allot/ledger.sqlite").counts().events == rows.count)
            return (folder, rows.count, watched.ended, watched.seen[0])
        }

        @Test func killingAnImportLeavesTheFileWhollyInOrOut() async throws {
            try #require(FileManager.default.isExecutableFile(atPath: TestSupport.allotBinary))
            // Measure, then aim: one unkilled import is timed and the kills land at fractions
            // of that time. The file grows until an import takes long enough to aim inside,
            // however fast the importer has become.
            let enough = 0.5
            var accounts = 60
            var ledger = try await importable(accounts: accounts)
            while ledger.seconds < enough {
                try #require(accounts < 60 * 256, "an import of \(ledger.rows) events still takes only \(ledger.seconds) s")
                accounts = Int(Double(accounts) * min(8, max(2, 1.5 * enough / ledger.seconds)))
                ledger = try await importable(accounts: accounts)
            }
            let (folder, rows, seconds) = (ledger.folder, ledger.rows, ledger.seconds)
            // SQLite keeps a rollback journal beside the store from the first page the import's
            // write transaction changes until it commits: the window the kills must not split.
            let writing = try #require(ledger.journal, "an unkilled import never showed the store's journal")
            let inside = TestSupport.scratch() + "/ledger", pristine = TestSupport.scratch() + "/pristine"
            try FileManager.default.copyItem(atPath: folder, toPath: pristine)
            try FileManager.default.copyItem(atPath: folder, toPath: inside)

            func leftByTheKill(_ store: LedgerStore) throws -> (events: Int, journal: Bool) {
                let journal = FileManager.default.fileExists(atPath: store.location + "-journal")
                let events = try store.counts().events
                #expect(events == 0 || events == rows, "a killed import left \(events) of \(rows) events")
                return (events, journal)
            }
            // At 5%, 15%, ..., 95% of the measured time after launch.
            let store = try LedgerStore(path: folder + "/.allot/ledger.sqlite")
            var killedMidway = 0
            for tenth in 0..<10 {
                let start = Self.clock()
                let p = try launch(["import", "--config", folder + "/allot.toml", folder + "/all.csv"])
                try await Self.kill(p, at: start + seconds * (Double(tenth) + 0.5) / 10)
                if try leftByTheKill(store).events == 0 { killedMidway += 1 } else { break }
            }
            // Inside the write transaction, in a copy: once the journal appears, at 1/6, 3/6 and
            // 5/6 of the time it was there in the measured import, then (a loaded machine
            // stretches and squeezes that window) at other fractions, each in a fresh copy,
            // until one kill has landed inside.
            var insideStore = try LedgerStore(path: inside + "/.allot/ledger.sqlite")
            var killedWhileWriting = 0
            for sixths in [1.0, 3, 5, 0.5, 2, 0.25, 4, 0.1] where killedWhileWriting == 0 {
                try FileManager.default.removeItem(atPath: inside)
                try FileManager.default.copyItem(atPath: pristine, toPath: inside)
                insideStore = try LedgerStore(path: inside + "/.allot/ledger.sqlite")
                let journal = insideStore.location + "-journal"
                let p = try launch(["import", "--config", inside + "/allot.toml", inside + "/all.csv"])
                try await Self.kill(p, (writing.closed - writing.opened) * sixths / 6) { FileManager.default.fileExists(atPath: journal) }
                let left = try leftByTheKill(insideStore)
                if left.events == 0 && left.journal { killedWhileWriting += 1 }
            }
            for (folder, store) in [(folder, store), (inside, insideStore)] {
                #expect(try await status(["import", "--config", folder + "/allot.toml", folder + "/all.csv"]) == 0)
                #expect(try store.counts().events == rows)
                #expect(try await status(["check", "--config", folder + "/allot.toml"]) == 0)
            }
            #expect(
                killedMidway > 0, "no kill at a fraction of the \(seconds) s an import takes landed during one; the test proved nothing")
            #expect(
                killedWhileWriting > 0,
                "no kill in the \(writing.closed - writing.opened) s an import writes landed inside its transaction; the test proved nothing"
            )
        }

        /// Two importers from two processes (for PostgreSQL, as from two machines: nothing
        /// but the database is shared) and a reader, all at once.
        @Test(arguments: StoreKind.allCases)
        func twoImportsOfOverlappingFilesAtOnceLoseAndDuplicateNothing(_ kind: StoreKind) async throws {
            try #require(FileManager.default.isExecutableFile(atPath: TestSupport.allotBinary))
            let (folder, header, byTeam) = Self.ledger()
            let teams = byTeam.keys.sorted()
            let cut = teams.count / 3
            let first = teams[..<(2 * cut)].flatMap { byTeam[$0]! }, second = teams[cut...].flatMap { byTeam[$0]! }
            TestSupport.write(([header] + first).joined(separator: "\n") + "\n", to: folder + "/a.csv")
            TestSupport.write(([header] + second).joined(separator: "\n") + "\n", to: folder + "/b.csv")
            let config = folder + "/allot.toml"
            let location = try await kind.location() ?? Project.defaultStorePath(forConfig: config)
            let options = ["--config", config, "--store", location]
            #expect(try await status(["import"] + options + [folder + "/seats.csv"]) == 0)
            let a = try ChildProcess(TestSupport.allotBinary, ["import"] + options + [folder + "/a.csv"], keepErrors: true)
            let b = try ChildProcess(TestSupport.allotBinary, ["import"] + options + [folder + "/b.csv"], keepErrors: true)
            let reader = try ChildProcess(TestSupport.allotBinary, ["check"] + options, keepErrors: true)
            for p in [a, b, reader] {
                let ended = await p.ended()
                #expect(ended.status == 0, "\(ended.errorText)")
            }
            let store = try Project.openStore(location)
            let all = Set(first.map { String($0.split(separator: ",")[0]) } + second.map { String($0.split(separator: ",")[0]) })
            let (_, events) = try store.load()
            let stored = Set(events.map(\.id))
            #expect(events.count == all.count)
            #expect(all.subtracting(stored).sorted().prefix(5) == [], "lost")
            #expect(stored.subtracting(all).sorted().prefix(5) == [], "made up")
            #expect(try store.sourceNames() == ["a.csv", "b.csv", "seats.csv"])
        }

        /// A whole ledger (seats and events as the config's sources), ready to build.
        static func buildableLedger() -> String {
            let folder = TestSupport.scratch()
            for f in SyntheticLedger(accounts: 16, months: 6, seed: 11).files() { TestSupport.write(f.text, to: folder + "/" + f.name) }
            return folder
        }

        @Test func killingABuildIsRepairedByTheNextBuild() async throws {
            try #require(FileManager.default.isExecutableFile(atPath: TestSupport.allotBinary))
            let folder = Self.buildableLedger(), config = folder + "/allot.toml", site = folder + "/site"
            let plain = folder + "/plain", marked = folder + "/marked"
            for dir in [plain, marked] { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
            for name in ["statement.md", "account.md", "team.md"] {
                TestSupport.write("Changed.\n\n" + TemplateSet.defaults.files[name]!, to: marked + "/" + name)
            }
            func build(_ templates: String, into out: String = site) throws -> ChildProcess {
                try launch(["build", "--config", config, "--out", out, "--templates", templates, "--as-of", "2015-04-01"])
            }
            #expect(try await build(plain).ended().status == 0)
            let before = TestSupport.files(under: site)
            _ = try await build(marked, into: folder + "/clean").ended()
            let after = TestSupport.files(under: folder + "/clean")

            // Pages change only between two moments a build shows: the manifest is replaced (a
            // new file, so a new inode) just before the first page is, and the staging folder
            // is removed after the last. Measure that window in an unkilled build of the same
            // change (over a throwaway copy of the site), then kill at fractions of it after
            // the manifest is replaced.
            @Sendable func manifest(_ site: String) -> UInt64? {
                ((try? FileManager.default.attributesOfItem(atPath: site + "/.allot-manifest"))?[.systemFileNumber] as? NSNumber)?
                    .uint64Value
            }
            @Sendable func changing(_ site: String, since earlier: UInt64?) -> Bool {
                manifest(site) != earlier && FileManager.default.fileExists(atPath: site + "/.allot-staging")
            }
            func pages(_ files: [String: Data]) -> [String: Data] { files.filter { !$0.key.hasPrefix(".") } }
            let aim = folder + "/aim"
            try FileManager.default.copyItem(atPath: site, toPath: aim)
            let aimManifest = manifest(aim)
            let start = Self.clock()
            let measured = try build(marked, into: aim)
            let changes = try #require(
                try await Self.window(of: measured, from: start) { changing(aim, since: aimManifest) },
                "an unkilled build never showed a new manifest beside its staging folder")
            #expect(await measured.ended().status == 0)
            #expect(pages(TestSupport.files(under: aim)) == pages(after))
            var mixed = 0
            for attempt in 0..<8 where mixed < 2 {
                let earlier = manifest(site)
                let p = try build(marked)
                try await Self.kill(p, (changes.closed - changes.opened) * (Double(attempt) + 0.5) / 8) { changing(site, since: earlier) }
                let killed = pages(TestSupport.files(under: site))
                if killed != pages(before) && killed != pages(after) { mixed += 1 }
                // Half the time the next build goes back to the old templates, which the
                // killed build's leftovers must not fool; half the time it finishes the change.
                #expect(try await build(attempt.isMultiple(of: 2) ? plain : marked).ended().status == 0)
                let repaired = TestSupport.files(under: site)
                let expected = attempt.isMultiple(of: 2) ? before : after
                #expect(
                    repaired == expected,
                    "after a killed build, the next differs in \(Set(repaired.keys).symmetricDifference(expected.keys).union(expected.keys.filter { repaired[$0] != expected[$0] }).sorted().prefix(5))"
                )
                if attempt.isMultiple(of: 2) == false {
                    _ = try await build(plain).ended()
                    #expect(TestSupport.files(under: site) == before)
                }
            }
            #expect(
                mixed > 0,
                "no kill in the \(changes.closed - changes.opened) s pages change left a mix of old and new pages; the test proved nothing")
        }

        @Test func killingAPublishLeavesThePreviousReleaseServed() async throws {
            try #require(FileManager.default.isExecutableFile(atPath: TestSupport.allotBinary))
            let folder = Self.buildableLedger(), config = folder + "/allot.toml", web = folder + "/web"
            let plain = folder + "/plain", marked = folder + "/marked"
            for dir in [plain, marked] { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
            TestSupport.write("Changed.\n\n" + TemplateSet.defaults.files["account.md"]!, to: marked + "/account.md")
            func publish(_ templates: String, to web: String = web, out: String = folder + "/site") throws -> ChildProcess {
                try launch([
                    "publish", "--config", config, "--out", out, "--to", web, "--templates", templates, "--as-of", "2015-04-01",
                    "--keep", "3",
                ])
            }
            func served(_ web: String = web) -> [String: Data] {
                let release = (try? FileManager.default.destinationOfSymbolicLink(atPath: web + "/current")) ?? "none"
                return TestSupport.files(under: web + "/" + release)
            }
            #expect(try await publish(plain).ended().status == 0)
            let old = served()
            #expect(old["index.html"] != nil)

            _ = try await publish(marked, to: folder + "/web-clean", out: folder + "/site-clean").ended()
            let new = served(folder + "/web-clean")
            #expect(new != old)
            @Sendable func partials(_ web: String) -> Set<String> {
                Set(((try? FileManager.default.contentsOfDirectory(atPath: web + "/releases")) ?? []).filter { $0.hasSuffix(".partial") })
            }
            // A publish is aimed at twice: while the build writes its pages (through the site's
            // staging folder) and while the release is copied (into releases/<id>.partial).
            // Measure how long each lasts in an unkilled publish of the same change (over
            // throwaway copies of the site and the web folder), then kill at fractions of that.
            let aimSite = folder + "/site-aim", aimWeb = folder + "/web-aim"
            try FileManager.default.copyItem(atPath: folder + "/site", toPath: aimSite)
            try FileManager.default.copyItem(atPath: web, toPath: aimWeb)
            let start = Self.clock()
            let measured = try publish(marked, to: aimWeb, out: aimSite)
            let aimPartials = partials(aimWeb)
            let seen = try await Self.windows(
                of: measured, from: start,
                [
                    { FileManager.default.fileExists(atPath: aimSite + "/.allot-staging") },
                    { !partials(aimWeb).subtracting(aimPartials).isEmpty },
                ]
            ).seen
            #expect(await measured.ended().status == 0)
            #expect(served(aimWeb) == new)
            let writing = try #require(seen[0], "an unkilled publish never showed the build's staging folder")
            let copying = try #require(seen[1], "an unkilled publish never showed a partial release")
            var landed = 0
            for attempt in 0..<4 {
                let building = attempt.isMultiple(of: 2)
                let earlier = partials(web)
                @Sendable func inside() -> Bool {
                    building
                        ? FileManager.default.fileExists(atPath: folder + "/site/.allot-staging")
                        : !partials(web).subtracting(earlier).isEmpty
                }
                let span = building ? writing : copying
                try await Self.kill(try publish(marked), (span.closed - span.opened) * (Double(attempt / 2) + 0.5) / 2, after: inside)
                // What it aimed at is left half done: the kill fell inside it.
                if inside() { landed += 1 }
                let now = served()
                #expect(now == old || now == new, "a killed publish left current serving a site that no publish made")
                #expect(try await publish(marked).ended().status == 0)
                #expect(served() == new)
                #expect(try await publish(plain).ended().status == 0)
                #expect(served() == old)
            }
            #expect(landed > 0, "no kill landed while a publish wrote its pages or copied its release; the test proved nothing")
        }
    }
}
