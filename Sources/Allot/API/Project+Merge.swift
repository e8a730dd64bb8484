import AllotSite
import AllotStore
import AllotSupport
import Foundation

extension Project {
    /// Ends a sharded build (`allot build --merge N`): imports the sources, then checks
    /// that all `count` shards finished for the store revision, inputs and program of
    /// this run and that every file they made is staged or in the site, and refuses with
    /// a sentence, changing nothing, when one did not. Then writes the site-wide pages
    /// from the shards' team summaries, renames the staged files into place, removes stale
    /// files and writes the manifest, the team cache and the build key: the folder is
    /// then byte for byte the one `buildSite` writes. The shards' folders are removed.
    public func mergeShards(
        count: Int, into folder: String, asOf: Instant? = nil, templates: String? = nil,
        reports: [any Report] = BuiltInReports.all
    ) throws -> SiteWriter.Summary {
        precondition(count >= 1, "a sharded build has at least one shard")
        try importSources()
        let plan = try sitePlan(asOf: asOf, templates: templates, reports: reports)
        let render = try renderPlan(plan, asOf: asOf)
        let check = ShardCheck(count: count, folder: folder, plan: plan, render: render, program: Self.programIdentity)
        let found = try check.entries(try store.shardRecords(count: count))
        try check.requireFiles(found)
        let entries = found.map(\.entry)
        let siteFiles = try siteFiles(entries, render)
        let now = try store.revision()
        guard now == plan.revision else {
            throw AllotError("cannot merge: the store changed during the merge (an import ran); run the shards again")
        }
        let session = try SiteWriter(folder: folder).begin()
        var finished = false
        defer { if !finished { session.abandon() } }
        var untouched: [TeamCache.Entry] = []
        for (entry, shard) in found {
            let staged = Self.shardFolder(shard, in: folder)
            var adopted = false
            for path in entry.paths {
                if access(staged + "/" + path, F_OK) == 0 {
                    try session.adopt(staged + "/" + path, as: path)
                    adopted = true
                } else {
                    session.kept(1)
                }
            }
            if !adopted { untouched.append(entry) }
        }
        try session.write(siteFiles)
        let summary = try session.finish(
            keeping: Set(entries.flatMap(\.paths) + siteFiles.map(\.path)),
            records: [
                SiteWriter.Record(
                    name: TeamCache.fileName, whileChanging: try TeamCache.contents(untouched), after: try TeamCache.contents(entries)),
                SiteWriter.Record(name: Self.buildKeyFile, whileChanging: nil, after: Data(plan.buildKey.utf8)),
            ])
        finished = true
        for index in 0..<count {
            try? FileManager.default.removeItem(atPath: Self.shardFolder(BuildShard(index: index, count: count)!, in: folder))
        }
        rmdir(folder + "/" + Self.shardsFolderName)
        return summary
    }
}
