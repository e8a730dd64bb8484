import AllotSite
import AllotStore
import AllotSupport
import Foundation

extension Project {
    /// What a shard did: its teams, the files it staged for the merge, and those the site
    /// already held with the same bytes (whole teams it did not render again among them).
    public struct ShardSummary: Sendable, Equatable {
        public var teams = 0, staged = 0, unchanged = 0
    }

    /// The folder inside the site's folder where a shard stages its pages for the merge:
    /// `.allot-shards/K-of-N`. Only that shard writes it; the merge empties and removes it.
    public static func shardFolder(_ shard: BuildShard, in site: String) -> String {
        site + "/" + shardsFolderName + "/\(shard.index)-of-\(shard.count)"
    }

    static let shardsFolderName = ".allot-shards"

    /// One shard of a sharded build (`allot build --shard K/N`): imports the sources
    /// (unless `importing` is false: the caller has just imported them),
    /// replays and renders only the teams `shard` holds, stages the files of each team
    /// whose files differ from the site's in `shardFolder(shard, in: folder)`, and records
    /// the shard's team summaries and files in the store for `mergeShards`. Nothing in the
    /// site itself changes. The shard is recorded unfinished before its folder is touched,
    /// so a shard killed midway is refused by the merge until it has been run again. A
    /// team whose pages the site holds as the last build or merge left them, for the same
    /// inputs, is not rendered again.
    public func buildShard(
        _ shard: BuildShard, into folder: String, asOf: Instant? = nil, templates: String? = nil,
        reports: [any Report] = BuiltInReports.all, importing: Bool = true,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws -> ShardSummary {
        if importing { try importSources() }
        let plan = try sitePlan(asOf: asOf, templates: templates, reports: reports)
        let render = try renderPlan(plan, asOf: asOf)
        let mine = plan.teams.indices.filter { shard.holds(team: plan.teams[$0].id) }
        var record = ShardRecord(
            count: shard.count, index: shard.index, finished: false, revision: plan.revision, inputs: plan.inputs,
            program: Self.programIdentity, teams: "")
        try store.recordShard(record)
        let previous = TeamCache(folder: folder).read()
        let recorded = SiteWriter.recordedStats(of: folder)
        let stage = try ShardStage(site: folder, folder: Self.shardFolder(shard, in: folder))
        let teams = try ParallelMap.map(mine, progress: progress) { i -> ShardTeam in
            let team = plan.teams[i].id
            if let entry = previous[team]?.entry, entry.key == render.keys[i], SiteWriter.asRecorded(entry.paths, in: folder, recorded),
                let kept = SiteWriter.fingerprint(entry.paths, in: folder)
            {
                stage.kept(entry.paths.count)
                return ShardTeam(entry: entry, kept: kept)
            }
            var (entry, files, _) = try renderTeam(
                team, key: render.keys[i], render, previous: previous[team]?.entry,
                intact: { SiteWriter.asRecorded($0, in: folder, recorded) })
            let rendered = Set(files.map(\.path))
            var left = entry.paths.filter { !rendered.contains($0) }
            // The fingerprints before the comparison: a file replaced after them is taken
            // for changed.
            var leftPrint = left.isEmpty ? "" : SiteWriter.fingerprint(left, in: folder)
            if leftPrint == nil {
                // A kept page's file went missing since it was checked: render them all.
                (entry, files, _) = try renderTeam(team, key: render.keys[i], render)
                left = []
                leftPrint = ""
            }
            let found = SiteWriter.fingerprint(entry.paths, in: folder)
            let staged = try stage.write(files, mayKeep: found != nil)
            stage.kept(left.count)
            return ShardTeam(
                entry: entry, kept: staged ? nil : found,
                keptPages: staged && !left.isEmpty ? ShardTeam.KeptFiles(paths: left, fingerprint: leftPrint!) : nil)
        }
        let now = try store.revision()
        guard now == plan.revision else {
            throw AllotError(
                "the store changed while shard \(shard) was built (revision \(plan.revision), now \(now): an import ran); run the shard again"
            )
        }
        record.finished = true
        record.teams = try ShardTeam.contents(teams)
        try store.recordShard(record)
        return ShardSummary(teams: teams.count, staged: stage.staged, unchanged: stage.unchanged)
    }
}
