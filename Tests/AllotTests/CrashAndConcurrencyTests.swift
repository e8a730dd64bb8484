import AllotStore
import Foundation
import Testing

@testable import Allot

extension ProcessHeavyTests {
    /// The built `allot` binary run as separate processes: killed mid-import, or racing
    /// another import, the store holds each file wholly or not at all.
    @Suite(.serialized, .cleansScratch) struct CrashAndConcurrencyTests {
        static var binary: String {
            Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("allot").path
        }

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

        func run(_ arguments: [String], wait: Bool = true) throws -> Process {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: Self.binary)
            p.arguments = arguments
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            if wait { p.waitUntilExit() }
            return p
        }

        /// Seconds on a monotonic clock.
        static func clock() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

        /// Sleeps until `deadline` on `clock()`; returns at once when it has passed.
        static func sleep(until deadline: Double) {
            let left = deadline - clock()
            if left > 0 { Thread.sleep(forTimeInterval: left) }
        }

        /// Watches `p` until it exits, polling each condition every 0.3 ms: how many seconds
        /// after `start` each was first and last seen holding, or nil when it never was.
        static func windows(of p: Process, from start: Double, _ conditions: [() -> Bool]) -> [(opened: Double, closed: Double)?] {
            var seen = [(opened: Double, closed: Double)?](repeating: nil, count: conditions.count)
            while p.isRunning {
                for (i, condition) in conditions.enumerated() where condition() {
                    let t = clock() - start
                    seen[i] = (seen[i]?.opened ?? t, t)
                }
                usleep(300)
            }
            p.waitUntilExit()
            return seen
        }

        /// `windows` for one condition.
        static func window(of p: Process, from start: Double, _ condition: @escaping () -> Bool) -> (opened: Double, closed: Double)? {
            windows(of: p, from: start, [condition])[0]
        }

        /// Polls every 0.3 ms until `condition` holds or `p` exits.
        static func wait(for p: Process, until condition: () -> Bool) {
            while p.isRunning && !condition() { usleep(300) }
        }

        /// A ledger of `accounts` seats with its seats imported and all its events in `all.csv`,
        /// and one unkilled import of `all.csv` into a throwaway copy, timed from launch: how
        /// long it took, and when the store's rollback journal was there (nil if never seen).
        func importable(accounts: Int) throws -> (folder: String, rows: Int, seconds: Double, journal: (opened: Double, closed: Double)?) {
            let (folder, header, byTeam) = Self.ledger(accounts: accounts)
            let rows = byTeam.keys.sorted().flatMap { byTeam[$0]! }
            TestSupport.write(([header] + rows).joined(separator: "\n") + "\n", to: folder + "/all.csv")
            #expect(try run(["import", "--config", folder + "/allot.toml", folder + "/seats.csv"]).terminationStatus == 0)
            let copy = TestSupport.scratch() + "/copy"
            try FileManager.default.copyItem(atPath: folder, toPath: copy)
            let start = Self.clock()
            let timed = try run(["import", "--config", copy + "/allot.toml", copy + "/all.csv"], wait: false)
            let journal = Self.window(of: timed, from: start) {
                FileManager.default.fileExists(atPath: copy + "/.allot/ledger.sqlite-journal")
            }
            let seconds = Self.clock() - start
            #expect(timed.terminationStatus == 0)
            #expect(try LedgerStore(path: copy + "/.allot/ledger.sqlite").counts().events == rows.count)
            return (folder, rows.count, seconds, journal)
        }

        @Test func killingAnImportLeavesTheFileWhollyInOrOut() throws {
            try #require(FileManager.default.isExecutableFile(atPath: Self.binary))
            // Measure, then aim: one unkilled import is timed and the kills land at fractions
            // of that time. The file grows until an import takes long enough to aim inside,
            // however fast the importer has become.
            let enough = 0.5
            var accounts = 60
            var ledger = try importable(accounts: accounts)
            while ledger.seconds < enough {
                try #require(accounts < 60 * 256, "an import of \(ledger.rows) events still takes only \(ledger.seconds) s")
                accounts = Int(Double(accounts) * min(8, max(2, 1.5 * enough / ledger.seconds)))
                ledger = try importable(accounts: accounts)
            }
            let (folder, rows, seconds) = (ledger.folder, ledger.rows, ledger.seconds)
            // SQLite keeps a rollback journal beside the store from the first page the import's
            // write transaction changes until it commits: the window the kills must not split.
            let writing = try #require(ledger.journal, "an unkilled import never showed the store's journal")
            let inside = TestSupport.scratch() + "/ledger"
            try FileManager.default.copyItem(atPath: folder, toPath: inside)

            func killed(_ p: Process, _ store: LedgerStore) throws -> (events: Int, journal: Bool) {
                kill(p.processIdentifier, SIGKILL)
                p.waitUntilExit()
                let journal = FileManager.default.fileExists(atPath: store.path + "-journal")
                let events = try store.counts().events
                #expect(events == 0 || events == rows, "a killed import left \(events) of \(rows) events")
                return (events, journal)
            }
            // At 5%, 15%, ..., 95% of the measured time after launch.
            let store = try LedgerStore(path: folder + "/.allot/ledger.sqlite")
            var killedMidway = 0
            for tenth in 0..<10 {
                let start = Self.clock()
                let p = try run(["import", "--config", folder + "/allot.toml", folder + "/all.csv"], wait: false)
                Self.sleep(until: start + seconds * (Double(tenth) + 0.5) / 10)
                if try killed(p, store).events == 0 { killedMidway += 1 } else { break }
            }
            // Inside the write transaction, in a copy: once the journal appears, at 1/6, 3/6 and
            // 5/6 of the time it was there in the measured import.
            let insideStore = try LedgerStore(path: inside + "/.allot/ledger.sqlite")
            let journal = insideStore.path + "-journal"
            var killedWhileWriting = 0
            for sixths in [1.0, 3, 5] {
                try #require(!FileManager.default.fileExists(atPath: journal))
                let p = try run(["import", "--config", inside + "/allot.toml", inside + "/all.csv"], wait: false)
                Self.wait(for: p) { FileManager.default.fileExists(atPath: journal) }
                Self.sleep(until: Self.clock() + (writing.closed - writing.opened) * sixths / 6)
                let left = try killed(p, insideStore)
                if left.events != 0 { break }
                if left.journal { killedWhileWriting += 1 }
                // Killed before the store file itself was written, the journal is left cold (its
                // first byte zero): SQLite ignores it and the next write reuses it. Removed, so
                // the next import's own journal marks when it begins writing. (A hot one, the
                // read above has already rolled back and removed.)
                if FileManager.default.contents(atPath: journal)?.first == 0 {
                    try FileManager.default.removeItem(atPath: journal)
                }
            }
            for (folder, store) in [(folder, store), (inside, insideStore)] {
                #expect(try run(["import", "--config", folder + "/allot.toml", folder + "/all.csv"]).terminationStatus == 0)
                #expect(try store.counts().events == rows)
                #expect(try run(["check", "--config", folder + "/allot.toml"]).terminationStatus == 0)
            }
            #expect(
                killedMidway > 0, "no kill at a fraction of the \(seconds) s an import takes landed during one; the test proved nothing")
            #expect(
                killedWhileWriting > 0,
                "no kill in the \(writing.closed - writing.opened) s an import writes landed inside its transaction; the test proved nothing"
            )
        }

        @Test func twoImportsOfOverlappingFilesAtOnceLoseAndDuplicateNothing() throws {
            try #require(FileManager.default.isExecutableFile(atPath: Self.binary))
            let (folder, header, byTeam) = Self.ledger()
            let teams = byTeam.keys.sorted()
            let cut = teams.count / 3
            let first = teams[..<(2 * cut)].flatMap { byTeam[$0]! }, second = teams[cut...].flatMap { byTeam[$0]! }
            TestSupport.write(([header] + first).joined(separator: "\n") + "\n", to: folder + "/a.csv")
            TestSupport.write(([header] + second).joined(separator: "\n") + "\n", to: folder + "/b.csv")
            let config = folder + "/allot.toml"
            #expect(try run(["import", "--config", config, folder + "/seats.csv"]).terminationStatus == 0)
            let a = try run(["import", "--config", config, folder + "/a.csv"], wait: false)
            let b = try run(["import", "--config", config, folder + "/b.csv"], wait: false)
            let reader = try run(["check", "--config", config], wait: false)
            a.waitUntilExit(); b.waitUntilExit(); reader.waitUntilExit()
            #expect(a.terminationStatus == 0)
            #expect(b.terminationStatus == 0)
            #expect(reader.terminationStatus == 0)
            let store = try LedgerStore(path: folder + "/.allot/ledger.sqlite")
            let all = Set(first.map { String($0.split(separator: ",")[0]) } + second.map { String($0.split(separator: ",")[0]) })
            let (_, events) = try store.load()
            #expect(events.count == all.count)
            #expect(Set(events.map(\.id)) == all)
        }

        /// A whole ledger (seats and events as the config's sources), ready to build.
        static func buildableLedger() -> String {
            let folder = TestSupport.scratch()
            for f in SyntheticLedger(accounts: 16, months: 6, seed: 11).files() { TestSupport.write(f.text, to: folder + "/" + f.name) }
            return folder
        }

        @Test func killingABuildIsRepairedByTheNextBuild() throws {
            try #require(FileManager.default.isExecutableFile(atPath: Self.binary))
            let folder = Self.buildableLedger(), config = folder + "/allot.toml", site = folder + "/site"
            let plain = folder + "/plain", marked = folder + "/marked"
            for dir in [plain, marked] { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
            for name in ["statement.md", "account.md", "team.md"] {
                TestSupport.write("Changed.\n\n" + TemplateSet.defaults.files[name]!, to: marked + "/" + name)
            }
            func build(_ templates: String, into out: String = site) throws -> Process {
                try run(["build", "--config", config, "--out", out, "--templates", templates, "--as-of", "2015-04-01"], wait: false)
            }
            let first = try build(plain)
            first.waitUntilExit()
            #expect(first.terminationStatus == 0)
            let before = TestSupport.files(under: site)
            let changedBuild = try build(marked, into: folder + "/clean")
            changedBuild.waitUntilExit()
            let after = TestSupport.files(under: folder + "/clean")

            // Pages change only between two moments a build shows: the manifest is replaced (a
            // new file, so a new inode) just before the first page is, and the staging folder
            // is removed after the last. Measure that window in an unkilled build of the same
            // change (over a throwaway copy of the site), then kill at fractions of it after
            // the manifest is replaced.
            func manifest(_ site: String) -> UInt64? {
                ((try? FileManager.default.attributesOfItem(atPath: site + "/.allot-manifest"))?[.systemFileNumber] as? NSNumber)?
                    .uint64Value
            }
            func changing(_ site: String, since earlier: UInt64?) -> Bool {
                manifest(site) != earlier && FileManager.default.fileExists(atPath: site + "/.allot-staging")
            }
            func pages(_ files: [String: Data]) -> [String: Data] { files.filter { !$0.key.hasPrefix(".") } }
            let aim = folder + "/aim"
            try FileManager.default.copyItem(atPath: site, toPath: aim)
            let aimManifest = manifest(aim)
            let start = Self.clock()
            let measured = try build(marked, into: aim)
            let changes = try #require(
                Self.window(of: measured, from: start) { changing(aim, since: aimManifest) },
                "an unkilled build never showed a new manifest beside its staging folder")
            #expect(measured.terminationStatus == 0)
            #expect(pages(TestSupport.files(under: aim)) == pages(after))
            var mixed = 0
            for attempt in 0..<8 where mixed < 2 {
                let earlier = manifest(site)
                let p = try build(marked)
                Self.wait(for: p) { changing(site, since: earlier) }
                Self.sleep(until: Self.clock() + (changes.closed - changes.opened) * (Double(attempt) + 0.5) / 8)
                kill(p.processIdentifier, SIGKILL)
                p.waitUntilExit()
                let killed = pages(TestSupport.files(under: site))
                if killed != pages(before) && killed != pages(after) { mixed += 1 }
                // Half the time the next build goes back to the old templates, which the
                // killed build's leftovers must not fool; half the time it finishes the change.
                let next = try build(attempt.isMultiple(of: 2) ? plain : marked)
                next.waitUntilExit()
                #expect(next.terminationStatus == 0)
                let repaired = TestSupport.files(under: site)
                let expected = attempt.isMultiple(of: 2) ? before : after
                #expect(
                    repaired == expected,
                    "after a killed build, the next differs in \(Set(repaired.keys).symmetricDifference(expected.keys).union(expected.keys.filter { repaired[$0] != expected[$0] }).sorted().prefix(5))"
                )
                if attempt.isMultiple(of: 2) == false {
                    let back = try build(plain)
                    back.waitUntilExit()
                    #expect(TestSupport.files(under: site) == before)
                }
            }
            #expect(
                mixed > 0,
                "no kill in the \(changes.closed - changes.opened) s pages change left a mix of old and new pages; the test proved nothing")
        }

        @Test func killingAPublishLeavesThePreviousReleaseServed() throws {
            try #require(FileManager.default.isExecutableFile(atPath: Self.binary))
            let folder = Self.buildableLedger(), config = folder + "/allot.toml", web = folder + "/web"
            let plain = folder + "/plain", marked = folder + "/marked"
            for dir in [plain, marked] { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
            TestSupport.write("Changed.\n\n" + TemplateSet.defaults.files["account.md"]!, to: marked + "/account.md")
            func publish(_ templates: String, to web: String = web, out: String = folder + "/site") throws -> Process {
                try run(
                    [
                        "publish", "--config", config, "--out", out, "--to", web, "--templates", templates,
                        "--as-of", "2015-04-01", "--keep", "3",
                    ], wait: false)
            }
            func served(_ web: String = web) -> [String: Data] {
                let release = (try? FileManager.default.destinationOfSymbolicLink(atPath: web + "/current")) ?? "none"
                return TestSupport.files(under: web + "/" + release)
            }
            let first = try publish(plain)
            first.waitUntilExit()
            #expect(first.terminationStatus == 0)
            let old = served()
            #expect(old["index.html"] != nil)

            let clean = try publish(marked, to: folder + "/web-clean", out: folder + "/site-clean")
            clean.waitUntilExit()
            let new = served(folder + "/web-clean")
            #expect(new != old)
            func partials(_ web: String) -> Set<String> {
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
            let seen = Self.windows(
                of: measured, from: start,
                [
                    { FileManager.default.fileExists(atPath: aimSite + "/.allot-staging") },
                    { !partials(aimWeb).subtracting(aimPartials).isEmpty },
                ])
            #expect(measured.terminationStatus == 0)
            #expect(served(aimWeb) == new)
            let writing = try #require(seen[0], "an unkilled publish never showed the build's staging folder")
            let copying = try #require(seen[1], "an unkilled publish never showed a partial release")
            var landed = 0
            for attempt in 0..<4 {
                let building = attempt.isMultiple(of: 2)
                let earlier = partials(web)
                func inside() -> Bool {
                    building
                        ? FileManager.default.fileExists(atPath: folder + "/site/.allot-staging")
                        : !partials(web).subtracting(earlier).isEmpty
                }
                let p = try publish(marked)
                Self.wait(for: p, until: inside)
                let span = building ? writing : copying
                Self.sleep(until: Self.clock() + (span.closed - span.opened) * (Double(attempt / 2) + 0.5) / 2)
                kill(p.processIdentifier, SIGKILL)
                p.waitUntilExit()
                // What it aimed at is left half done: the kill fell inside it.
                if inside() { landed += 1 }
                let now = served()
                #expect(now == old || now == new, "a killed publish left current serving a site that no publish made")
                let next = try publish(marked)
                next.waitUntilExit()
                #expect(next.terminationStatus == 0)
                #expect(served() == new)
                let back = try publish(plain)
                back.waitUntilExit()
                #expect(back.terminationStatus == 0)
                #expect(served() == old)
            }
            #expect(landed > 0, "no kill landed while a publish wrote its pages or copied its release; the test proved nothing")
        }
    }
}
