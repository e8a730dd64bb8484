import AllotLedger
import Foundation
import Testing

@testable import Allot

/// The worked ledgers of the contract: every number in their expected.json.
@Suite(.cleansScratch) struct WorkedExamplesTests {
    struct Expected: Decodable {
        struct Numbers: Decodable, Equatable {
            var opening: Int, closing: Int, capped: Int
            var totals: [String: Int]
            var messages: [String: Int]
        }
        struct Warning: Decodable, Equatable { var expiringTotal: Int, pendingTotal: Int }
        var asOf: String
        var rejected: [String]
        var statements: [String: [String: Numbers]]
        var warnings: [String: Warning]
    }

    @Test(arguments: ["transition", "edges"])
    func reproducesEveryNumber(_ name: String) throws {
        let folder = TestSupport.copyOfFixture(name)
        let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/expected.json")))
        let project = try Project(configPath: folder + "/allot.toml")
        try project.importSources()
        let ledger = try project.replay()

        #expect(ledger.asOf.iso8601 == expected.asOf)
        #expect(ledger.problems.filter(\.isRejection).map(\.eventId) == expected.rejected)

        var actual: [String: [String: Expected.Numbers]] = [:]
        for account in ledger.accounts {
            for month in ledger.statementMonths(of: account.account.id) {
                let doc = StatementDocument(ledger.statement(of: account.account.id, for: month)!)
                let json = try JSONSerialization.jsonObject(with: JSONOutput.encode(doc)) as! [String: Any]
                actual[account.account.id, default: [:]][month.description] = Expected.Numbers(
                    opening: doc.opening, closing: doc.closing, capped: doc.capped,
                    totals: json["totals"] as! [String: Int], messages: json["messages"] as! [String: Int])
            }
        }
        for (account, months) in expected.statements {
            for (month, numbers) in months {
                #expect(actual[account]?[month] == numbers, "\(name) \(account) \(month)")
            }
        }
        #expect(Set(actual.keys) == Set(expected.statements.keys))
        for (account, months) in actual {
            #expect(Set(months.keys) == Set(expected.statements[account]?.keys ?? [:].keys), "\(name) \(account) months")
        }

        let warnings = Dictionary(
            uniqueKeysWithValues: ledger.warnings().map {
                ($0.account.id, Expected.Warning(expiringTotal: $0.expiringTotal, pendingTotal: $0.pendingTotal))
            })
        #expect(warnings == expected.warnings)
    }
}
