import AllotSite
import AllotStore
import AllotSupport
import Foundation

extension Project {
    /// Ends a sharded build (`allot build --merge N`): imports the sources (unless
    /// `importing` is false: the caller has just imported them), then checks
    /// that all `count` shards finished for the store revision, inputs and program of
    /// this run and that the files of their teams are staged in their folders or, where a
    /// shard kept them, in the site as it found them, and refuses with a sentence,
    /// changing nothing, when one did not. Then writes the site-wide pages from the
    /// shards' team summaries, puts the staged files in place, removes stale files and
    /// writes the manifest, the team cache and the build key: the folder is then byte for
    /// byte the one `buildSite` writes. The shards' folders are removed last, so a merge
    /// killed midway can simply be run again.
    public func mergeShards(
        count: Int, into folder: String, asOf: Instant? = nil, templates: String? = nil,
        reports: [any Report] = BuiltInReports.all, importing: Bool = true
    ) throws -> SiteWriter.Summary {
        precondition(count >= 1, "a sharded build has at least one shard")
        if importing { try importSources() }
        let lock = try claimSite(folder)
        defer { lock.release() }
        let plan = try sitePlan(asOf: asOf, templates: templates, reports: reports)
        let render = try renderPlan(plan, asOf: asOf)
        let check = ShardCheck(count: count, folder: folder, plan: plan, render: render, program: Self.programIdentity)
        let found = try check.teams(try store.shardRecords(count: count))
        if let done = Self.alreadyBuilt(folder, key: plan.buildKey) {
            // Merged already (a merge run again after it finished): the shards' folders are
            // gone, and the site is theirs.
            removeShardFolders(count: count, in: folder)
            return done
        }
        try check.requireFiles(found)
        let entries = found.map(\.team.entry)
        let siteFiles = try siteFiles(entries, render)
        let now = try store.revision()
        guard now == plan.revision else {
            throw AllotError("cannot merge: the store changed during the merge (an import ran); run the shards again")
        }
        let session = try SiteWriter(folder: folder).begin()
        var finished = false
        defer { if !finished { session.abandon() } }
        for (team, shard) in found {
            if team.kept != nil {
                session.kept(team.entry.paths.count)
                continue
            }
            let staged = Self.shardFolder(shard, in: folder)
            for path in team.stagedPaths { try session.adopt(staged + "/" + path, as: path) }
            session.kept(team.keptPages?.paths.count ?? 0)
        }
        try session.write(siteFiles)
        let summary = try session.finish(
            keeping: Set(entries.flatMap(\.paths) + siteFiles.map(\.path)),
            records: [
                SiteWriter.Record(
                    name: TeamCache.fileName, whileChanging: try TeamCache.contents(found.filter { $0.team.kept != nil }.map(\.team.entry)),
                    after: try TeamCache.contents(entries)),
                SiteWriter.Record(name: Self.buildKeyFile, whileChanging: nil, after: Data(plan.buildKey.utf8)),
            ])
        finished = true
        removeShardFolders(count: count, in: folder)
        return summary
    }

    /// The shards' folders of a build of `count` shards, and `.allot-shards` when that leaves it empty.
    private func removeShardFolders(count: Int, in folder: String) {
        for index in 0..<count {
            try? FileManager.default.removeItem(atPath: Self.shardFolder(BuildShard(index: index, count: count)!, in: folder))
        }
        rmdir(folder + "/" + Self.shardsFolderName)
    }
}
