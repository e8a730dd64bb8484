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
                "kind", "account", "name", "team", "month", "partial", "final", "policy", "opening", "closing",
                "totals", "capped", "messages", "responses", "lostMessages", "lots", "entries",
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
        // Spec §9, by hand: under legacy alice got L1 (50, opening), L2 (50, November),
        // L3 (the refund of m2, unanswered within 7 days) and L4 (50, December), none
        // expiring; m1 and m2 took 2 from L1. The switch on 1 Jan gave them all 1 Apr;
        // then L5 (January's 100) and L6 (the bonus); m3 took 1 more from L1.
        let lots = json["lots"] as! [[String: Any]]
        #expect(lots.map { $0["id"] as? String } == ["L1", "L2", "L3", "L4", "L5", "L6"])
        #expect(lots.map { $0["expires"] as? String } == Array(repeating: "2015-04-01T00:00:00Z", count: 6))
        #expect(lots.map { $0["amount"] as? Int } == [47, 50, 1, 50, 100, 100])
        let origins = lots.map { $0["origin"] as! [String: String] }
        #expect(origins.map { $0["kind"] } == ["allotment", "allotment", "refund", "allotment", "allotment", "bonus"])
        #expect(origins[0] == ["kind": "allotment", "time": "2014-10-15T00:00:00Z"])
        #expect(origins[2] == ["kind": "refund", "event": "e3", "message": "m2"])
        #expect(origins[5] == ["kind": "bonus", "month": "2015-01"])
        let entries = json["entries"] as! [[String: Any]]
        #expect(entries.map { $0["kind"] as! String } == ["allotment", "bonus", "send"])
        #expect(entries.map { $0["time"] as! String } == ["2015-01-01T00:00:00Z", "2015-01-01T00:00:00Z", "2015-01-10T10:00:00Z"])
        #expect(entries.map { $0["balance"] as! Int } == [249, 349, 348])
        #expect(entries[0]["ref"] is NSNull)
        #expect(entries[2]["ref"] as? String == "e4")
        #expect(Set(entries[0].keys) == ["time", "kind", "amount", "balance", "ref", "lots"])
        let draws = entries.map { ($0["lots"] as! [[String: Any]]).map { "\($0["lot"]!) \($0["amount"]!)" } }
        #expect(draws == [["L5 100"], ["L6 100"], ["L1 1"]])
    }

    /// `allot statement --json` prints what the site's twin holds, `timeZone` included,
    /// and `asOf` but on a final statement, and so meets the statement schema.
    @Test func theCommandsJSONIsTheTwinAndMeetsItsSchema() async throws {
        let folder = TestSupport.copyOfFixture("transition")
        let result = try await TestSupport.allot(["statement", "alice", "2015-01", "--json", "--config", folder + "/allot.toml"])
        #expect(result.status == 0, "\(result.errorText)")
        let json = try JSONSerialization.jsonObject(with: result.output) as! [String: Any]
        // January is over and its sends are 30 days old by 1 May: final, no as-of.
        #expect(json["asOf"] == nil && json["final"] as? Bool == true)
        #expect(json["timeZone"] as? String == "UTC")
        let april = try await TestSupport.allot(["statement", "alice", "2015-04", "--json", "--config", folder + "/allot.toml"])
        let aprilJSON = try JSONSerialization.jsonObject(with: april.output) as! [String: Any]
        #expect(aprilJSON["asOf"] as? String == "2015-05-01T00:00:00Z" && aprilJSON["final"] as? Bool == false)
        TestSupport.write(result.outputText, to: folder + "/alice.json")
        let schema = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../templates/schema/statement.schema.json"
        ).standardizedFileURL.path
        let check = try await ChildProcess(
            "/usr/bin/env",
            [
                "python3", "-c",
                "import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))",
                folder + "/alice.json", schema,
            ], keepErrors: true
        ).ended()
        #expect(check.status == 0, "\(check.errorText)")
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
