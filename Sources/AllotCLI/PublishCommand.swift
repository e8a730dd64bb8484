import Allot
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
            releases. --rollback switches back to the release before the current one. FOLDER may be \
            on another host (ssh://user@host[:port]/path or user@host:/path): the release is copied \
            with rsync over ssh, unchanged files hard-linked to the previous release, and current is \
            switched there with one rename; --ssh sets the ssh command line (keys, ports and jump \
            hosts come from your ssh setup).
            """
    )

    @OptionGroup var project: ProjectOptions
    @OptionGroup var asOf: AsOfOption

    @Option(
        help: ArgumentHelp(
            "The folder the web server serves as FOLDER/current: a local path, or on another host ssh://user@host[:port]/path or user@host:/path.",
            valueName: "folder"))
    var to: String

    @Option(help: ArgumentHelp("The ssh command line for a folder on another host, like rsync's -e.", valueName: "command"))
    var ssh = "ssh"

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
        if rollback {
            let change = try Project.rollback(in: to, ssh: ssh)
            print("Rolled back \(to)/current from \(change.previous ?? "nothing") to \(change.release).")
            report(change)
            return
        }
        let p = try project.openProject()
        let now = Instant(millis: Int64(Date().timeIntervalSince1970 * 1000))
        let result = try p.publish(site: out, to: to, keep: keep, releasedAt: now, asOf: asOf.instant(p), templates: templates, ssh: ssh)
        switch result {
        case .unchanged(let current):
            print("Nothing changed since release \(current); nothing was published.")
        case .published(let change, let pruned):
            print("Published release \(change.release) to \(to)/current.")
            report(change)
            if !pruned.isEmpty { print("Removed \(pruned.count) old releases (keeping \(keep)).") }
        }
    }

    private func report(_ change: ReleaseChange) {
        let pages = { (list: [String]) in list.filter { $0.hasSuffix(".html") } }
        print("Pages: \(pages(change.added).count) added, \(pages(change.changed).count) changed, \(pages(change.removed).count) removed.")
        for (label, list) in [("added", change.added), ("changed", change.changed), ("removed", change.removed)] {
            for path in pages(list).prefix(10) { print("  \(label): \(path)") }
            if pages(list).count > 10 { print("  … and \(pages(list).count - 10) more \(label)") }
        }
    }
}
