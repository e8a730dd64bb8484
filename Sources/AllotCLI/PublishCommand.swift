import Allot
import AllotMail
import AllotServe
import AllotSupport
import ArgumentParser
import Foundation

struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Build the site and publish it atomically for a web server that serves FOLDER/current.",
        discussion: """
            Builds the site (nothing is published when the build fails), copies it into \
            FOLDER/releases/<id>/ and switches the symlink FOLDER/current to it with one atomic \
            rename, so readers never see a half-copied or mixed site. Keeps the newest --keep \
            releases. --rollback switches back to the release before the current one.
            """
    )

    @OptionGroup var project: ProjectOptions
    @OptionGroup var asOf: AsOfOption

    @Option(help: ArgumentHelp("The folder the web server serves as FOLDER/current.", valueName: "folder"))
    var to: String

    @Option(help: "How many releases to keep, the current one included.")
    var keep = 5

    @Flag(help: "Switch back to the release before the current one; builds nothing.")
    var rollback = false

    @Option(help: ArgumentHelp("The folder the site is built into before publishing.", valueName: "folder"))
    var out = "site"

    @Option(help: ArgumentHelp("A folder of templates that replace the defaults.", valueName: "folder"))
    var templates: String?

    func validate() throws {
        guard keep >= 1 else { throw ValidationError("--keep must be 1 or more.") }
    }

    func run() throws {
        let publisher = Publisher(folder: to)
        if rollback {
            let change = try reportingFailures { try publisher.rollback() }
            print("Rolled back \(to)/current from \(change.previous ?? "nothing") to \(change.release).")
            report(change)
            return
        }
        try reportingFailures {
            let p = try project.openProject()
            _ = try p.buildSite(into: out, asOf: asOf.instant(p), templates: templates)
        }
        guard let files = SiteWriter.manifest(of: out) else { throw AllotError("\(out) holds no built site") }
        let content = Self.contentID(out, files)
        if let current = publisher.current(), current.hasSuffix("-" + content) {
            print("Nothing changed since release \(current); nothing was published.")
            return
        }
        let id = Self.timestamp() + "-" + content
        let change = try reportingFailures { try publisher.publish(site: out, files: files, id: id) }
        let pruned = try publisher.prune(keep: keep)
        print("Published release \(id) to \(to)/current.")
        report(change)
        if !pruned.isEmpty { print("Removed \(pruned.count) old releases (keeping \(keep)).") }
    }

    private func report(_ change: Publisher.Change) {
        let pages = { (list: [String]) in list.filter { $0.hasSuffix(".html") } }
        print("Pages: \(pages(change.added).count) added, \(pages(change.changed).count) changed, \(pages(change.removed).count) removed.")
        for (label, list) in [("added", change.added), ("changed", change.changed), ("removed", change.removed)] {
            for path in pages(list).prefix(10) { print("  \(label): \(path)") }
            if pages(list).count > 10 { print("  … and \(pages(list).count - 10) more \(label)") }
        }
    }

    /// A short hash of the site's files: the same site gets the same suffix.
    static func contentID(_ folder: String, _ files: [String]) -> String {
        var bytes: [UInt8] = []
        for file in files.sorted() {
            bytes += Array(file.utf8) + [0]
            bytes += SHA256.digest(FileManager.default.contents(atPath: folder + "/" + file) ?? Data())
        }
        return String(SHA256.hex(bytes).prefix(10))
    }

    /// Now in UTC, `20261126T145500Z`: release ids sort by time.
    static func timestamp() -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return f.string(from: Date())
    }
}
