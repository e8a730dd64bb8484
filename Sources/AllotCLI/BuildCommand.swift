import Allot
import ArgumentParser
import Foundation

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the statement site: every seat's statements, warnings and team pages, in HTML and JSON.",
        discussion: """
            Imports the config's sources, replays the ledger and writes the site into --out. Each \
            page is written as .html and as a .json twin. Files whose bytes did not change are not \
            rewritten, and files from earlier builds that no longer belong are removed. When a \
            template or the input is wrong nothing is written and the previous site stays as it was.

            A sharded build spreads the work over several processes or machines that share the \
            store. Run allot build --shard K/N --out DIR once for each K from 0 to N-1, at the \
            same time if you like: shard K renders only its teams (each team belongs to one shard, \
            chosen from its id) and stages their pages in DIR/.allot-shards/K-of-N/, leaving the \
            site itself alone. When all have finished, run allot build --merge N --out DIR once: it \
            checks that every shard finished for the same store revision, config and allot, writes \
            the index and the other site-wide pages, puts the shards' pages in place and removes \
            stale files. The result is the site a plain allot build writes, byte for byte. Shards on \
            other machines write into one shared folder, or each into its own, whose \
            .allot-shards/ are then copied into DIR before the merge. A shard that was stopped is \
            simply run again. See docs/scale-out.md.
            """
    )

    @OptionGroup var project: ProjectOptions
    @OptionGroup var asOf: AsOfOption

    @Option(help: ArgumentHelp("The folder to write the site into.", valueName: "folder"))
    var out = "site"

    @Option(
        help: ArgumentHelp(
            "A folder of templates that replace the defaults with the same file name (default: the config's templates).",
            valueName: "folder"))
    var templates: String?

    @Option(
        help: ArgumentHelp(
            "Build only shard K of N (K from 0 to N-1): render the teams assigned to K, stage their pages in <folder>/.allot-shards/K-of-N/ (--out's folder) and record them in the store for --merge N.",
            valueName: "K/N"))
    var shard: String?

    @Option(
        help: ArgumentHelp(
            "Finish a build of N shards: check that all N finished for this store revision, config and allot, write the site-wide pages, put the shards' pages in place and remove stale files.",
            valueName: "N"))
    var merge: Int?

    @Option(name: .customLong("markdown-to"), help: ArgumentHelp(visibility: .hidden))
    var markdownTo: String?

    func validate() throws {
        if shard != nil && merge != nil {
            throw ValidationError("--shard and --merge go to separate runs: each shard with --shard K/N, then one merge with --merge N.")
        }
        if let shard, BuildShard(parsing: shard) == nil {
            throw ValidationError("--shard takes K/N with K from 0 to N-1, e.g. 0/3 for the first of three shards, not \"\(shard)\".")
        }
        if let merge, merge < 1 { throw ValidationError("--merge takes the number of shards, 1 or more, not \(merge).") }
    }

    func run() throws {
        if let markdownTo { return try writeMarkdown(to: markdownTo) }
        if let shard = shard.flatMap(BuildShard.init(parsing:)) { return try buildShard(shard) }
        if let merge { return try mergeShards(merge) }
        let started = ContinuousClock.now
        let progress = ProgressBar(label: "Rendering pages")
        let p = try project.openProject()
        for change in try p.importSources().sourceChanges { print(TerminalText.literal(change.description)) }
        let summary = try p.buildSite(
            into: out, asOf: asOf.instant(p), templates: templates, importing: false, progress: progress?.update)
        progress?.finish()
        print(
            "Built \(out)/: \(summary.written) files written, \(summary.unchanged) unchanged, \(summary.removed) removed in \(seconds(since: started)) s. Open \(out)/index.html"
        )
    }

    func seconds(since start: ContinuousClock.Instant) -> String {
        let elapsed = (ContinuousClock.now - start).components
        return String(format: "%.1f", Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18)
    }

    /// For bench/run: each page's filled Markdown as a Hugo content file.
    private func writeMarkdown(to folder: String) throws {
        let p = try project.openProject()
        let pages = try p.filledMarkdown(asOf: asOf.instant(p), templates: templates)
        for page in pages {
            let path = folder + "/" + page.path + ".md"
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            let title = page.title.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            let front = "---\ntitle: \"\(title)\"\nurl: \"/\(page.path).html\"\n---\n"
            try Data((front + page.markdown).utf8).write(to: URL(fileURLWithPath: path))
        }
        print("Wrote the filled Markdown of \(pages.count) pages to \(folder).")
    }
}
