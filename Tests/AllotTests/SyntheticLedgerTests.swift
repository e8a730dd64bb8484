import Foundation
import Testing

@testable import Allot

/// `allot generate` makes valid ledgers of the promised shape.
@Suite(.cleansScratch) struct SyntheticLedgerTests {
    @Test(arguments: [UInt64(1), 2, 3])
    func generatedLedgersImportCleanlyAndLookReal(_ seed: UInt64) throws {
        let folder = TestSupport.scratch()
        for file in SyntheticLedger(accounts: 40, months: 8, seed: seed).files() {
            TestSupport.write(file.text, to: folder + "/" + file.name)
        }
        let project = try Project(configPath: folder + "/allot.toml")
        try project.importSources()
        let (accounts, events) = try project.store.load()
        #expect(accounts.count == 40)
        #expect(Set(accounts.map(\.team)).count >= 4)
        #expect(accounts.contains { $0.closed != nil })
        // Response rate over sends whose 120-day answer range ended before the last event.
        let last = events.map(\.time).max()!
        let early = Set(events.filter { $0.kind == .send && $0.time.millis < last.millis - 120 * 86_400_000 }.compactMap(\.message))
        let sends = early.count
        let responses = events.filter { $0.kind.isResponse && early.contains($0.message!) }.count
        let rate = Double(responses) / Double(sends)
        #expect(rate > 0.28 && rate < 0.42, "response rate \(rate)")
        for kind in [LedgerEvent.Kind.share, .grant, .adjust, .accept, .decline] {
            #expect(events.contains { $0.kind == kind }, "\(kind)")
        }
        let ledger = try project.replay()
        #expect(ledger.accounts.allSatisfy { $0.postings.allSatisfy { $0.balance >= 0 } })
        #expect(ledger.accounts.contains { $0.postings.contains { $0.kind == .expire } })
    }
}
