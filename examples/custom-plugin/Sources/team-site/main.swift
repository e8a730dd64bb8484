import Allot
import Foundation
import TeamPlugin

/// team-site [--config FILE] [--templates FOLDER] [--as-of DATE] OUTPUT
///
/// Builds the site of a ledger whose config may use the `flat-rate` policy, with
/// Allot's pages plus the leaderboards (one per team, and their list), into OUTPUT.
/// Run from examples/custom-plugin, the defaults are the example ledger and the
/// example's templates.
let usage = "usage: team-site [--config FILE] [--templates FOLDER] [--as-of DATE] OUTPUT"

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(1)
}

var config = "ledger/allot.toml", templates = "templates", asOfText: String?, output: String?
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--config", "--templates", "--as-of":
        guard let value = arguments.popFirst() else { fail("\(argument) needs a value\n\(usage)") }
        if argument == "--config" { config = value } else if argument == "--templates" { templates = value } else { asOfText = value }
    case "-h", "--help":
        print(usage)
        exit(0)
    case _ where argument.hasPrefix("-"):
        fail("unknown option \(argument)\n\(usage)")
    default:
        guard output == nil else { fail("only one OUTPUT folder, please\n\(usage)") }
        output = argument
    }
}
guard let output else { fail(usage) }

do {
    // The registry decides which `[[policy]] name`s the config may use.
    let project = try Project(configPath: config, registry: .withTeamPlugin)
    var asOf: Instant?
    if let asOfText {
        switch InstantParser(calendar: project.config.settings.calendar).parseEnd(asOfText) {
        case .success(let t): asOf = t
        case .failure(let f): fail("--as-of: \(f)")
        }
    }
    let summary = try project.buildSite(into: output, asOf: asOf, templates: templates, reports: TeamPlugin.reports)
    print(
        "Built \(output)/: \(summary.written) files written, \(summary.unchanged) unchanged, \(summary.removed) removed. "
            + "Open \(output)/leaderboard/index.html")
} catch {
    // ImportFailure and AllotError describe themselves with file and line.
    fail(String(describing: error))
}
