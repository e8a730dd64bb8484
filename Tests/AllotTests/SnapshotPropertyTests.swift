import AllotImport
import AllotStore
import Foundation
import PropertyBased
import Testing

@testable import Allot

/// Spec §8 as a property: whatever edits the sources go through, and whichever imports
/// fail on the way, the store ends as a fresh import of the final files would leave it.
@Suite(.cleansScratch) struct SnapshotPropertyTests {
    /// The sources of a drawn ledger: one seat file and three event files that share rows.
    struct Sources {
        var seats: [String]
        var seatHeader: String
        var eventHeader: String
        /// Every event row the ledger has; a file holds some of them.
        var allEvents: [String]
        var files: [String: [String]]

        init(seed: UInt64, rng: inout SeededRandom) {
            let drawn = ImportPropertyTests.Drawn(seed: seed)
            let seatLines = drawn.seats.split(separator: "\n").map(String.init)
            seatHeader = seatLines[0]
            seats = Array(seatLines.dropFirst())
            eventHeader = drawn.header
            allEvents = drawn.rows
            files = ["a.csv": [], "b.csv": [], "c.csv": []]
            for row in allEvents {
                let name = ["a.csv", "b.csv", "c.csv"].randomElement(using: &rng)!
                files[name]!.append(row)
                if Int.random(in: 0..<8, using: &rng) == 0 { files[["a.csv", "b.csv", "c.csv"].randomElement(using: &rng)!]!.append(row) }
            }
        }

        func table(_ name: String) throws -> SourceTable {
            let text =
                name == "seats.csv"
                ? ([seatHeader] + seats).joined(separator: "\n") + "\n" : ([eventHeader] + files[name]!).joined(separator: "\n") + "\n"
            var table = try SourceReader.read(Array(text.utf8), file: name)
            table.source = name
            return table
        }

        static let names = ["seats.csv", "a.csv", "b.csv", "c.csv"]

        /// One edit an operator might make to one file: rows dropped, rows (back) from the
        /// whole ledger, a note or an amount changed, rows reordered, a seat renamed or dropped.
        mutating func edit(using rng: inout SeededRandom) -> String {
            let name = Self.names.randomElement(using: &rng)!
            if name == "seats.csv" {
                let i = Int.random(in: 0..<seats.count, using: &rng)
                if Bool.random(using: &rng) {
                    var cells = seats[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                    cells[1] += " Jr"
                    seats[i] = cells.joined(separator: ",")
                } else {
                    seats.remove(at: i)
                }
                return name
            }
            var rows = files[name]!
            switch Int.random(in: 0..<5, using: &rng) {
            case 0 where !rows.isEmpty:
                for _ in 0..<Int.random(in: 1...3, using: &rng) where !rows.isEmpty {
                    rows.remove(at: Int.random(in: 0..<rows.count, using: &rng))
                }
            case 1:
                for _ in 0..<Int.random(in: 1...4, using: &rng) { rows.append(allEvents.randomElement(using: &rng)!) }
            case 2 where !rows.isEmpty:
                let i = Int.random(in: 0..<rows.count, using: &rng)
                var cells = rows[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                cells[7] = "edited \(Int.random(in: 0..<3, using: &rng))"
                rows[i] = cells.joined(separator: ",")
            case 3 where rows.count > 1:
                rows.removeSubrange(rows.count / 2..<rows.count)
            default:
                rows.shuffle(using: &rng)
            }
            files[name] = rows
            return name
        }
    }

    @Test func anySequenceOfEditsEndsAsAFreshImportOfTheFinalFiles() async throws {
        await propertyCheck(count: 40, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            var rng = SeededRandom(seed: seed)
            var sources = Sources(seed: seed, rng: &rng)
            let calendar = ImportPropertyTests.Drawn(seed: seed).config.settings.calendar
            let store = try! LedgerStore()
            let first = try! store.importBatch(Sources.names.map(sources.table), calendar: calendar)
            // Files changed since their last successful import: an import that fails
            // records nothing, so the next one reads them again.
            var pending: Set<String> = []
            if case .failure = first { pending = Set(Sources.names) }
            for _ in 0..<Int.random(in: 2...7, using: &rng) {
                pending.insert(sources.edit(using: &rng))
                let tables = try! Sources.names.filter(pending.contains).map(sources.table)
                let before = try! store.load()
                switch try! store.importBatch(tables, calendar: calendar) {
                case .success:
                    pending = []
                case .failure:
                    let after = try! store.load()
                    #expect(
                        after.accounts == before.accounts && after.events == before.events,
                        "seed \(seed): a failed import changed the store")
                }
            }
            let fresh = try! LedgerStore()
            let expected = try! fresh.importBatch(Sources.names.map(sources.table), calendar: calendar)
            let last = try! store.importBatch(Sources.names.filter(pending.contains).map(sources.table), calendar: calendar)
            switch (expected, last) {
            case (.success, .success):
                let now = try! store.load(), want = try! fresh.load()
                #expect(now.accounts == want.accounts, "seed \(seed)")
                #expect(now.events == want.events, "seed \(seed)")
            case (.failure(let a), .failure):
                #expect(!a.issues.isEmpty)
            case (.success, .failure(let f)):
                Issue.record("seed \(seed): a fresh import succeeds but the store refuses: \(f.report())")
            case (.failure(let f), .success):
                Issue.record("seed \(seed): the store accepts what a fresh import refuses: \(f.report())")
            }
        }
    }
}
