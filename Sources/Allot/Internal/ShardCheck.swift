import AllotStore
import AllotSupport
import Foundation

/// The merge's check of the shards' records against the store and the settings as they
/// are now: every shard finished, for this store revision, these inputs and this
/// program, holding exactly its teams with the keys they have now, and every file it
/// made is staged in its folder or already in the site. The first problem, in shard
/// order, is said as a sentence that says what to run.
struct ShardCheck {
    let count: Int
    let folder: String
    let plan: SitePlan
    let render: RenderPlan
    let program: String

    /// Every team's entry in team order, each with the shard that made it.
    func entries(_ records: [Int: ShardRecord]) throws -> [(entry: TeamCache.Entry, shard: BuildShard)] {
        var byTeam: [String: (entry: TeamCache.Entry, shard: BuildShard)] = [:]
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
            guard let entries = TeamCache.entries(record.teams) else {
                throw refusal("the store's record of shard \(shard) cannot be read; run the shard again")
            }
            for entry in entries {
                guard shard.holds(team: entry.team) else {
                    throw refusal(
                        "the store's record of shard \(shard) holds team \(entry.team), which is not that shard's; run the shard again")
                }
                byTeam[entry.team] = (entry, shard)
            }
        }
        return try plan.teams.indices.map { i in
            let team = plan.teams[i].id
            let shard = BuildShard(index: BuildShard.index(of: team, count: count), count: count)!
            guard let found = byTeam[team], found.entry.key == render.keys[i] else {
                throw refusal("shard \(shard) has no pages of team \(team) for the ledger as the store holds it now; run the shard again")
            }
            return found
        }
    }

    /// Refuses when a file a shard made is neither staged in its folder nor in the site.
    func requireFiles(_ entries: [(entry: TeamCache.Entry, shard: BuildShard)]) throws {
        for (entry, shard) in entries {
            let staged = Project.shardFolder(shard, in: folder)
            for path in entry.paths where access(staged + "/" + path, F_OK) != 0 && access(folder + "/" + path, F_OK) != 0 {
                let shardFolder = Project.shardsFolderName + "/\(shard.index)-of-\(shard.count)"
                throw refusal(
                    "shard \(shard) made \(path), which is neither in \(folder)/\(shardFolder)/ nor in \(folder)/; copy the shard's folder into \(folder)/ or run the shard again"
                )
            }
        }
    }

    private func refusal(_ sentence: String) -> AllotError { AllotError("cannot merge: " + sentence) }
}
