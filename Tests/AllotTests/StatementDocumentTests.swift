import Foundation
import Testing

@testable import Allot

/// The statement JSON contract: keys, types and UTC instants.
@Suite(.cleansScratch) struct StatementDocumentTests {
    func statement(_ account: String, _ month: String) throws -> [String: Any] {
        let folder = TestSupport.copyOfFixture("transition")
        let project = try Project(configPath: folder + "/allot.toml")
        try project.importSources()
        let ledger = try project.replay()
        let doc = StatementDocument(ledger.statement(of: account, for: Month(month)!)!)
        return try JSONSerialization.jsonObject(with: JSONOutput.encode(doc)) as! [String: Any]
    }

    @Test func keysAndValuesFollowTheContract() throws {
        let json = try statement("alice", "2015-01")
        #expect(
            Set(json.keys) == [
                "kind", "account", "name", "team", "month", "partial", "policy", "opening", "closing",
                "totals", "capped", "messages", "lots", "entries",
            ])
        #expect(json["kind"] as? String == "statement")
        #expect(json["month"] as? String == "2015-01")
        #expect(json["policy"] as? String == "inmail-2015")
        #expect(json["partial"] as? Bool == false)
        #expect(
            Set((json["totals"] as! [String: Int]).keys) == [
                "allotment", "bonus", "grant", "adjust", "refund", "shareIn", "shareOut", "send", "expire", "forfeit",
            ])
        #expect(Set((json["messages"] as! [String: Int]).keys) == ["sent", "unfunded", "accepted", "declined", "lost", "pending"])
        let lots = json["lots"] as! [[String: Any]]
        #expect(lots.map { $0["expires"] as? String } == ["2015-04-01T00:00:00Z"])
        #expect(lots.map { $0["amount"] as? Int } == [348])
        let entries = json["entries"] as! [[String: Any]]
        #expect(entries.map { $0["kind"] as! String } == ["allotment", "bonus", "send"])
        #expect(entries.map { $0["time"] as! String } == ["2015-01-01T00:00:00Z", "2015-01-01T00:00:00Z", "2015-01-10T10:00:00Z"])
        #expect(entries.map { $0["balance"] as! Int } == [249, 349, 348])
        #expect(entries[0]["ref"] is NSNull)
        #expect(entries[2]["ref"] as? String == "e4")
        #expect(Set(entries[0].keys) == ["time", "kind", "amount", "balance", "ref"])
    }

    @Test func lotsWithoutExpiryAreNullAndPolicyBeforeTheFirstIsNull() throws {
        let json = try statement("alice", "2014-12")
        #expect((json["lots"] as! [[String: Any]]).allSatisfy { $0["expires"] is NSNull })
        #expect(json["policy"] as? String == "legacy")
    }

    @Test func lastMonthIsPartialWhenAsOfCutsIt() throws {
        let folder = TestSupport.copyOfFixture("transition")
        let project = try Project(configPath: folder + "/allot.toml")
        try project.importSources()
        let ledger = try project.replay(asOf: Instant(seconds: 1_429_000_000))  // 2015-04-14T08:26:40Z
        let doc = StatementDocument(ledger.statement(of: "alice", for: Month("2015-04")!)!)
        #expect(doc.partial)
        #expect(ledger.statementMonths(of: "alice").last == Month("2015-04"))
    }
}
