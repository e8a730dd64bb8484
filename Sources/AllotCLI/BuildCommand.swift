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

    @Option(name: .customLong("markdown-to"), help: ArgumentHelp(visibility: .hidden))
    var markdownTo: String?

    func run() throws {
        if let markdownTo { return try writeMarkdown(to: markdownTo) }
        let started = ContinuousClock.now
        let progress = ProgressBar(label: "Rendering pages")
        let p = try project.openProject()
        for change in try p.importSources().sourceChanges { print(TerminalText.literal(change.description)) }
        let summary = try p.buildSite(into: out, asOf: asOf.instant(p), templates: templates, progress: progress?.update)
        progress?.finish()
        let seconds = (ContinuousClock.now - started).components
        let elapsed = String(format: "%.1f", Double(seconds.seconds) + Double(seconds.attoseconds) / 1e18)
        print(
            "Built \(out)/: \(summary.written) files written, \(summary.unchanged) unchanged, \(summary.removed) removed in \(elapsed) s. Open \(out)/index.html"
        )
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
