import Allot
import Foundation

/// `allot build --shard K/N` and `allot build --merge N`.
extension BuildCommand {
    func buildShard(_ shard: BuildShard) throws {
        let started = ContinuousClock.now
        let progress = ProgressBar(label: "Rendering shard \(shard)")
        let p = try project.openProject()
        for change in try p.importSources().sourceChanges { print(TerminalText.literal(change.description)) }
        let summary = try p.buildShard(
            shard, into: out, asOf: asOf.instant(p), templates: templates, importing: false, progress: progress?.update)
        progress?.finish()
        let folder = "\(out)/.allot-shards/\(shard.index)-of-\(shard.count)/"
        print(
            "Built shard \(shard) (\(summary.teams) teams) into \(folder): \(summary.staged) files staged, \(summary.unchanged) kept unchanged in \(out)/, in \(seconds(since: started)) s. When all \(shard.count) shards have finished, run allot build --merge \(shard.count) --out \(out)"
        )
    }

    func mergeShards(_ count: Int) throws {
        let started = ContinuousClock.now
        let p = try project.openProject()
        for change in try p.importSources().sourceChanges { print(TerminalText.literal(change.description)) }
        let summary = try p.mergeShards(count: count, into: out, asOf: asOf.instant(p), templates: templates, importing: false)
        print(
            "Merged \(count) shards into \(out)/: \(summary.written) files written, \(summary.unchanged) unchanged, \(summary.removed) removed in \(seconds(since: started)) s. Open \(out)/index.html"
        )
    }
}
