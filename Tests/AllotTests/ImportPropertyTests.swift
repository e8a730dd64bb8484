import AllotImport
import AllotStore
import Foundation
import PropertyBased
import Testing

@testable import Allot

/// Splitting exports over files, in any order, and importing them again changes nothing.
@Suite(.cleansScratch) struct ImportPropertyTests {
    /// A small generated ledger: config, seat table and event rows.
    struct Drawn {
        var config: ProjectConfig
        var seats: String
        var header: String
        var rows: [String]

        init(seed: UInt64) {
            let files = SyntheticLedger(accounts: 4 + Int(seed % 5), months: 3 + Int(seed % 4), seed: seed).files()
            config = try! ProjectConfig.parse(files[0].text, file: "allot.toml")
            seats = files[1].text
            let lines = files[2].text.split(separator: "\n").map(String.init)
            header = lines[0]
            rows = Array(lines.dropFirst())
        }

        func table(_ name: String, _ rows: [String]) throws -> SourceTable {
            try SourceReader.read(Array((([header] + rows).joined(separator: "\n") + "\n").utf8), file: name)
        }
    }

    /// Every statement of the store's ledger, as JSON text.
    func statements(_ store: LedgerStore, _ config: ProjectConfig) throws -> [String] {
        let (accounts, events) = try store.load()
        let asOf = config.settings.defaultAsOf(accounts: accounts, events: events)!
        let ledger = Ledger.replay(accounts: accounts, events: events, settings: config.settings, asOf: asOf)
        return try ledger.accounts.flatMap { a in
            try ledger.statementMonths(of: a.account.id).map {
                try JSONOutput.string(StatementDocument(ledger.statement(of: a.account.id, for: $0)!))
            }
        }
    }

    @Test func splittingAndShufflingFilesGivesIdenticalStatements() async throws {
        await propertyCheck(count: 12, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            let d = Drawn(seed: seed)
            var rng = SeededRandom(seed: seed)
            let whole = try! LedgerStore()
            let seatTable = try! SourceReader.read(Array(d.seats.utf8), file: "seats.csv")
            _ = try! whole.importBatch([seatTable, d.table("events.csv", d.rows)], calendar: d.config.settings.calendar).get()
            let expected = try! statements(whole, d.config)
            #expect(!expected.isEmpty)

            // Split the rows into 2-5 files, with overlaps, shuffle rows and files.
            let parts = 2 + Int(seed % 4)
            var files: [[String]] = Array(repeating: [], count: parts)
            for row in d.rows {
                files[Int.random(in: 0..<parts, using: &rng)].append(row)
                if Int.random(in: 0..<10, using: &rng) == 0 { files[Int.random(in: 0..<parts, using: &rng)].append(row) }
            }
            var tables = try! files.enumerated().map { try d.table("part\($0.offset).csv", $0.element.shuffled(using: &rng)) }
            tables.append(seatTable)
            tables.shuffle(using: &rng)
            let split = try! LedgerStore()
            _ = try! split.importBatch(tables, calendar: d.config.settings.calendar).get()
            #expect(try! statements(split, d.config) == expected, "seed \(seed)")

            // Importing any of the files again changes nothing.
            let again = try! split.importBatch(Array(tables.prefix(2)), calendar: d.config.settings.calendar).get()
            #expect(again.isEmpty, "seed \(seed)")
            #expect(try! statements(split, d.config) == expected, "seed \(seed)")
        }
    }
}

struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed | 1 }
    mutating func next() -> UInt64 {
        state ^= state << 13; state ^= state >> 7; state ^= state << 17
        return state
    }
}
