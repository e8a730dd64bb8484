import AllotSite
import AllotStore
import AllotSupport
import Foundation

/// The merge's check of the shards' records against the store and the settings as they
/// are now: every shard finished, for this store revision, these inputs and this
/// program, holding exactly its teams with the keys they have now, and the files of each
/// of its teams staged in its folder or, when it kept them, in the site as it found them.
/// The first problem, in shard order, is said as a sentence that says what to run.
struct ShardCheck {
    let count: Int
    let folder: String
    let plan: SitePlan
    let render: RenderPlan
    let program: String

    /// Every team in team order, each with the shard that made it.
    func teams(_ records: [Int: ShardRecord]) throws -> [(team: ShardTeam, shard: BuildShard)] {
        var byTeam: [String: (team: ShardTeam, shard: BuildShard)] = [:]
        for index in 0..<count {
            let shard = BuildShard(index: index, count: count)!
            guard let record = records[index] else {
                throw refusal("shard \(shard) has not run (the store has no record of it); run allot build --shard \(shard) first")
            }
            guard record.finished else {
                throw refusal("shard \(shard) started but did not finish (it is still running, or it was stopped); run it again")
            }
            guard record.program == program else {
                throw refusal(
                    "shard \(shard) was run by another allot program (\(record.program)) than this one (\(program)); run the shards and the merge with the same allot"
                )
            }
            guard record.inputs == plan.inputs else {
                throw refusal(
                    "shard \(shard) was built with another config, other templates or another --as-of than this merge; run the shards again with the same ones"
                )
            }
            guard record.revision == plan.revision else {
                throw refusal(
                    "shard \(shard) was built from store revision \(record.revision), but the store is at revision \(plan.revision) now (an import changed the ledger since); run the shards again"
                )
            }
            guard let teams = ShardTeam.read(record.teams) else {
                throw refusal("the store's record of shard \(shard) cannot be read; run the shard again")
            }
            for team in teams {
                guard shard.holds(team: team.entry.team) else {
                    throw refusal(
                        "the store's record of shard \(shard) holds team \(team.entry.team), which is not that shard's; run the shard again"
                    )
                }
                byTeam[team.entry.team] = (team, shard)
            }
        }
        return try plan.teams.indices.map { i in
            let team = plan.teams[i].id
            let shard = BuildShard(index: BuildShard.index(of: team, count: count), count: count)!
            guard let found = byTeam[team], found.team.entry.key == render.keys[i] else {
                throw refusal("shard \(shard) has no pages of team \(team) for the ledger as the store holds it now; run the shard again")
            }
            return found
        }
    }

    /// Refuses when a file of a team a shard staged is not in its folder, or a team it
    /// kept in the site is not there as the shard found it.
    func requireFiles(_ teams: [(team: ShardTeam, shard: BuildShard)]) throws {
        for (team, shard) in teams {
            let shardFolder = Project.shardsFolderName + "/\(shard.index)-of-\(shard.count)"
            guard let kept = team.kept else {
                for path in team.stagedPaths where access(folder + "/" + shardFolder + "/" + path, F_OK) != 0 {
                    throw refusal(
                        "shard \(shard) made \(path), which is not in \(folder)/\(shardFolder)/; copy the shard's folder into \(folder)/ or run the shard again"
                    )
                }
                if let left = team.keptPages, SiteWriter.fingerprint(left.paths, in: folder) != left.fingerprint {
                    throw refusal(
                        "shard \(shard) left the finished statements of team \(team.entry.team) in \(folder)/ as it found them there, but they have changed since; run the shard again"
                    )
                }
                continue
            }
            guard SiteWriter.fingerprint(team.entry.paths, in: folder) == kept else {
                throw refusal(
                    "shard \(shard) kept the pages of team \(team.entry.team) as \(folder)/ held them when it ran, but they have changed there since; run the shard again"
                )
            }
        }
    }

    private func refusal(_ sentence: String) -> AllotError { AllotError("cannot merge: " + sentence) }
}
