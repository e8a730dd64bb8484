import Allot
import ArgumentParser
import Foundation

/// Where the ledger is; shared by every command that reads one.
struct ProjectOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The ledger's config file.", valueName: "path"))
    var config: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The store: an SQLite file, or a PostgreSQL database as a libpq URI such as postgresql://user@host/allot (default: the config's store, else .allot/ledger.sqlite beside the config).",
            valueName: "path-or-uri"))
    var store: String?

    /// ./allot.toml, else the bundled demo when run from the repository root.
    var configPath: String {
        if let config { return config }
        let fm = FileManager.default
        if !fm.fileExists(atPath: "allot.toml"), fm.fileExists(atPath: "examples/demo/allot.toml") {
            return "examples/demo/allot.toml"
        }
        return "allot.toml"
    }

    func openProject() throws -> Project {
        var project = try Project(configPath: configPath, storePath: store)
        project.warn = { issue in FileHandle.standardError.write(Data("warning: \(TerminalText.literal(issue.description))\n".utf8)) }
        project.waiting = { text in FileHandle.standardError.write(Data("\(TerminalText.literal(text))\n".utf8)) }
        return project
    }

    /// Opens the project and imports its sources, as every reading command does first.
    func openAndImport() throws -> Project {
        let project = try openProject()
        try project.importSources()
        return project
    }
}
