import Foundation
import GRDB
import Testing

@testable import Allot

/// Builds go team by team: the site-wide pages are made from team summaries and must
/// agree with the team pages they summarise, and a change to one team renders only it.
@Suite(.cleansScratch) struct TeamBuildTests {
    /// A generated ledger of several teams with a what-if entry.
    static func ledger(accounts: Int = 30) -> String {
        let folder = TestSupport.scratch()
        for file in SyntheticLedger(accounts: accounts, months: 6, seed: 21).files() {
            var text = file.text
            if file.name == "allot.toml" {
                text += "\n[[compare]]\nname = \"Legacy only\"\n\n[[compare.policy]]\nname = \"legacy\"\nfrom = \"2014-10-01\"\n"
            }
            TestSupport.write(text, to: folder + "/" + file.name)
        }
        return folder
    }

    static func json(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
    }

    @Test func siteWidePagesAgreeWithTheTeamPagesTheySummarise() async throws {
        let folder = Self.ledger()
        let site = folder + "/site"
        _ = try Project(configPath: folder + "/allot.toml").buildSite(into: site)
        let index = try Self.json(site + "/index.json")
        let teams = index["teams"] as! [[String: Any]]
        #expect(teams.count > 1, "the ledger should have several teams")
        var seats = 0, balance = 0, warnedTeams: [String: (seats: Int, expiring: Int, pending: Int)] = [:]
        for team in teams {
            let slug = team["slug"] as! String
            let page = try Self.json(site + "/teams/\(slug)/index.json")
            let members = page["members"] as! [[String: Any]]
            #expect(team["seats"] as? Int == members.count)
            #expect(team["balance"] as? Int == members.reduce(0) { $0 + ($1["balance"] as! Int) })
            for m in members {
                let account = try Self.json(site + "/accounts/\(m["slug"] as! String)/index.json")
                #expect(account["balance"] as? Int == m["balance"] as? Int)
            }
            let warnings = try Self.json(site + "/teams/\(slug)/warnings.json")
            let warned = warnings["accounts"] as! [[String: Any]]
            let expiring = warned.reduce(0) { $0 + ($1["expiringTotal"] as! Int) }
            #expect(team["warnedSeats"] as? Int == warned.count)
            #expect(team["expiringSoon"] as? Int == expiring)
            if !warned.isEmpty {
                warnedTeams[team["id"] as! String] = (warned.count, expiring, warned.reduce(0) { $0 + ($1["pendingTotal"] as! Int) })
            }
            seats += members.count
            balance += team["balance"] as! Int
        }
        #expect(index["seats"] as? Int == seats)
        #expect(index["balance"] as? Int == balance)
        let overview = try Self.json(site + "/warnings/index.json")
        let lines = overview["teams"] as! [[String: Any]]
        #expect(!lines.isEmpty)
        #expect(Set(lines.map { $0["team"] as! String }) == Set(warnedTeams.keys))
        for line in lines {
            let expected = warnedTeams[line["team"] as! String]!
            #expect(line["warnedSeats"] as? Int == expected.seats)
            #expect(line["expiringTotal"] as? Int == expected.expiring)
            #expect(line["pendingTotal"] as? Int == expected.pending)
        }
        // The what-if summary is the sum of its team pages.
        let summary = try Self.json(site + "/what-if/legacy-only/index.json")
        let parts = summary["teams"] as! [[String: Any]]
        #expect(parts.count == teams.count)
        var sums: [String: [Int]] = [:]
        for part in parts {
            let page = try Self.json(site + "/what-if/legacy-only/teams/\(part["slug"] as! String).json")
            let total = page["total"] as! [String: [String: Int]]
            #expect(NSDictionary(dictionary: total).isEqual(to: part["total"] as! [String: Any]))
            for (figure, values) in total {
                let old = sums[figure] ?? [0, 0]
                sums[figure] = [old[0] + values["base"]!, old[1] + values["alternative"]!]
            }
        }
        let total = summary["total"] as! [String: [String: Int]]
        for (figure, values) in total { #expect(sums[figure] == [values["base"]!, values["alternative"]!], "\(figure)") }
        #expect(try await TestSupport.siteProblems(site) == "")
    }

    @Test func aChangeToOneTeamReplaysAndRendersOnlyThatTeam() throws {
        let folder = Self.ledger()
        let site = folder + "/site"
        let counter = CountingReport()
        func build() throws -> SiteWriter.Summary {
            try Project(configPath: folder + "/allot.toml").buildSite(into: site, reports: BuiltInReports.all + [counter])
        }
        _ = try build()
        let teams = try Project(configPath: folder + "/allot.toml").store.teams().map(\.id)
        #expect(counter.take() == teams)
        #expect(try build().written == 0)
        #expect(counter.take() == [])
        // A new export touching one seat of the second team.
        let seat = try Project(configPath: folder + "/allot.toml").store.accounts().first { $0.team == teams[1] }!
        TestSupport.write(
            "id,time,type,account,message,to,amount,note\nx1,2015-02-02T10:00:00Z,grant,\(seat.id),,,40,top-up\n",
            to: folder + "/export.csv")
        let config = try String(contentsOfFile: folder + "/allot.toml", encoding: .utf8)
        TestSupport.write(
            config.replacingOccurrences(of: "\"events.csv\"]", with: "\"events.csv\", \"export.csv\"]"),
            to: folder + "/allot.toml")
        let summary = try build()
        #expect(counter.take() == [teams[1]])
        #expect(summary.written > 0)
        // A config edit touches every team.
        let edited = try String(contentsOfFile: folder + "/allot.toml", encoding: .utf8)
        TestSupport.write(edited.replacingOccurrences(of: "warn_days = 30", with: "warn_days = 45"), to: folder + "/allot.toml")
        _ = try build()
        #expect(counter.take() == teams)
    }
}

/// A report that makes no pages and remembers which teams it was asked about.
final class CountingReport: Report, @unchecked Sendable {
    private let lock = NSLock()
    private var teams: [String] = []
    var name: String { "counting" }

    func pages(_ context: ReportContext) -> [Page] {
        lock.withLock { teams += context.teams.map(\.id) }
        return []
    }

    /// The teams asked about since the last call, in UTF-8 order.
    func take() -> [String] {
        lock.withLock {
            defer { teams = [] }
            return teams.sorted(by: UTF8Order.precedes)
        }
    }
}

/// A report whose team pages all take one path.
struct FixedPathReport: Report {
    var name: String { "fixed" }
    struct Model: PageModel { var kind = "fixed" }
    struct View: Encodable, Sendable { var name: String }

    func pages(_ context: ReportContext) -> [Page] {
        context.teams.prefix(1).map { Page(path: "fixed/index", template: "team", title: "t", model: Model(), view: View(name: $0.id)) }
    }
}

extension TeamBuildTests {
    @Test func twoTeamsMakingOnePageStopTheBuildBeforeAnythingChanges() throws {
        let folder = Self.ledger(accounts: 20)
        let site = folder + "/site"
        _ = try Project(configPath: folder + "/allot.toml").buildSite(into: site)
        let before = TestSupport.files(under: site)
        let error = try #require(throws: AllotError.self) {
            try Project(configPath: folder + "/allot.toml").buildSite(into: site, reports: BuiltInReports.all + [FixedPathReport()])
        }
        #expect(error.description.hasPrefix("fixed/index.html: is made for both team "))
        #expect(TestSupport.files(under: site) == before)
    }
}

/// A store row no version of Allot writes is an error naming it, never an event left
/// out of the ledger.
@Suite(.cleansScratch) struct StoreRowTests {
    @Test func anEventOfAnUnknownTypeStopsTheReplay() throws {
        let folder = TestSupport.copyOfFixture("transition")
        let project = try Project(configPath: folder + "/allot.toml")
        try project.importSources()
        let sqlite = try DatabaseQueue(path: Project.defaultStorePath(forConfig: folder + "/allot.toml"))
        try sqlite.write { try $0.execute(sql: "UPDATE event SET type = 'bogus' WHERE id = 'e1'") }
        #expect {
            _ = try project.store.load(team: "acme")
        } throws: { error in
            "\(error)".contains("e1") && "\(error)".contains("bogus")
        }
    }
}
