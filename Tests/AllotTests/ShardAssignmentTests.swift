import Foundation
import PropertyBased
import Testing

@testable import Allot

/// Which shard renders a team depends on the team's id and the number of shards alone.
@Suite struct ShardAssignmentTests {
    /// A team id of 1 to 20 characters, ASCII and beyond.
    static func teamId(_ rng: inout SeededRandom) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789-_ .éøßÆ漢字😀")
        return String((0..<Int.random(in: 1...20, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
    }

    /// Each team's shard over a set of teams.
    static func assign(_ teams: [String], count: Int) -> [String: Int] {
        Dictionary(teams.map { ($0, BuildShard.index(of: $0, count: count)) }) { first, _ in first }
    }

    @Test func addingTeamsMovesNoOtherTeam() async {
        await propertyCheck(count: 200, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            var rng = SeededRandom(seed: seed)
            let count = Int.random(in: 1...16, using: &rng)
            var teams = (0..<Int.random(in: 1...60, using: &rng)).map { _ in Self.teamId(&rng) }
            let before = Self.assign(teams, count: count)
            teams += (0..<Int.random(in: 1...20, using: &rng)).map { _ in Self.teamId(&rng) }
            teams.shuffle(using: &rng)
            let after = Self.assign(teams, count: count)
            for (team, shard) in before {
                #expect(after[team] == shard, "adding teams moved \(team) from shard \(shard) of \(count)")
                #expect((0..<count).contains(shard))
            }
        }
    }

    /// The hash is part of the contract between machines (and between Allot versions that
    /// run shards of one build): these never change.
    @Test func theHashIsTheFirstEightBytesOfSHA256() {
        // SHA-256("northwind") begins 84e2cdb7a166d167 (`printf northwind | sha256sum`); as a
        // big-endian UInt64, modulo N.
        let prefix = UInt64(0x84e2_cdb7_a166_d167)
        for count in 1...9 { #expect(BuildShard.index(of: "northwind", count: count) == Int(prefix % UInt64(count))) }
        // The same, worked out by Python's hashlib.
        #expect((1...9).map { BuildShard.index(of: "northwind", count: $0) } == [0, 1, 1, 3, 1, 1, 1, 7, 1])
        #expect(BuildShard.index(of: "anything", count: 1) == 0)
    }

    @Test func teamsSpreadEvenly() {
        var rng = SeededRandom(seed: 7)
        let teams = Set((0..<3000).map { _ in Self.teamId(&rng) })
        var sizes = [0, 0, 0]
        for team in teams { sizes[BuildShard.index(of: team, count: 3)] += 1 }
        for size in sizes { #expect(abs(size - teams.count / 3) < teams.count / 10, "shard sizes \(sizes)") }
    }

    @Test func shardsAreWrittenKSlashN() {
        #expect(BuildShard(parsing: "0/3") == BuildShard(index: 0, count: 3))
        #expect(BuildShard(parsing: "2/3")?.description == "2/3")
        #expect(BuildShard(parsing: "0/1") != nil)
        for bad in ["3/3", "-1/3", "1/0", "0/-1", "a/b", "1/2/3", "1", "", "/3", "1/", " 1/3"] {
            #expect(BuildShard(parsing: bad) == nil, "\(bad)")
        }
    }
}
