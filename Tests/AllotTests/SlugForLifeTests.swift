import Foundation
import Testing

@testable import Allot

extension ProcessHeavyTests {
    /// A seat's and a team's folder on the site, once built, stay theirs: seats added or
    /// removed later never move a page to another URL or give a URL to another seat.
    @Suite(.cleansScratch, .processBehaviour) struct SlugForLifeTests {
        /// A small ledger whose seats file holds `extra` lines after the generated seats.
        static func write(_ folder: String, seats extra: [String]) {
            for f in SyntheticLedger(accounts: 3, months: 2, seed: 1).files() {
                TestSupport.write(f.name == "seats.csv" ? f.text + extra.map { $0 + "\n" }.joined() : f.text, to: folder + "/" + f.name)
            }
        }

        static func seat(_ id: String, _ name: String, team: String = "team-001") -> String {
            "\(id),\(name),\(team),\(id.lowercased())@example.com,2014-10-01T00:00:00Z,"
        }

        static func build(_ arguments: [String]) async throws {
            let built = try await TestSupport.allot(["build"] + arguments)
            #expect(built.status == 0, "\(built.errorText)")
        }

        /// Whether the page in `folder` of the site (`accounts/zoe`) names `name`.
        static func shows(_ site: String, _ folder: String, _ name: String) -> Bool {
            ((try? String(contentsOfFile: site + "/" + folder + "/index.html", encoding: .utf8)) ?? "").contains(name)
        }

        @Test(arguments: StoreKind.allCases)
        func aSeatAndATeamKeepTheirURLsWhateverSeatsComeAndGo(_ kind: StoreKind) async throws {
            try #require(FileManager.default.isExecutableFile(atPath: TestSupport.allotBinary))
            let folder = TestSupport.scratch(), site = folder + "/site"
            let store = try await kind.location().map { ["--store", $0] } ?? []
            let options = ["--config", folder + "/allot.toml", "--out", site] + store
            let zoe = Self.seat("zoe", "Zoe Original")
            Self.write(folder, seats: [zoe])
            try await Self.build(options)
            #expect(Self.shows(site, "accounts/zoe", "Zoe Original"))
            #expect(Self.shows(site, "teams/team-001", "Zoe Original"))

            // "Zoe" comes before "zoe" in UTF-8 order, as "Team-001" before "team-001".
            let newcomer = Self.seat("Zoe", "Zoe Newcomer", team: "Team-001")
            Self.write(folder, seats: [zoe, newcomer])
            try await Self.build(options)
            #expect(Self.shows(site, "accounts/zoe", "Zoe Original"))
            #expect(!Self.shows(site, "accounts/zoe", "Zoe Newcomer"))
            #expect(Self.shows(site, "accounts/zoe-2", "Zoe Newcomer"))
            #expect(Self.shows(site, "teams/team-001", "Zoe Original"))
            #expect(Self.shows(site, "teams/team-001-2", "Zoe Newcomer"))

            // Shards and their merge name every seat as the one-process build did.
            let sharded = folder + "/sharded"
            for k in 0..<2 { try await Self.build(["--config", folder + "/allot.toml", "--out", sharded, "--shard", "\(k)/2"] + store) }
            try await Self.build(["--config", folder + "/allot.toml", "--out", sharded, "--merge", "2"] + store)
            let pages = { (site: String) in TestSupport.files(under: site).filter { !$0.key.hasPrefix(".") } }
            #expect(pages(sharded) == pages(site))

            // The original "zoe" leaves; a new "ZOE" does not get its URL, nor does "Zoe" move.
            Self.write(folder, seats: [newcomer, Self.seat("ZOE", "Zoe Third")])
            try await Self.build(options)
            #expect(!FileManager.default.fileExists(atPath: site + "/accounts/zoe"))
            #expect(Self.shows(site, "accounts/zoe-2", "Zoe Newcomer"))
            #expect(Self.shows(site, "accounts/zoe-3", "Zoe Third"))

            // A seat of a file imported by hand, then forgotten, keeps its slug from others too.
            let config = ["--config", folder + "/allot.toml"] + store
            TestSupport.write("account,name,team,email,opened,closed\n" + Self.seat("zed", "Zed Gone") + "\n", to: folder + "/more.csv")
            #expect(try await TestSupport.allot(["import"] + config + [folder + "/more.csv"]).status == 0)
            try await Self.build(options)
            #expect(Self.shows(site, "accounts/zed", "Zed Gone"))
            #expect(try await TestSupport.allot(["import", "--forget", "more.csv"] + config).status == 0)
            Self.write(folder, seats: [newcomer, Self.seat("ZOE", "Zoe Third"), Self.seat("ZED", "Zed New")])
            try await Self.build(options)
            #expect(!FileManager.default.fileExists(atPath: site + "/accounts/zed"))
            #expect(Self.shows(site, "accounts/zed-2", "Zed New"))
        }
    }
}
