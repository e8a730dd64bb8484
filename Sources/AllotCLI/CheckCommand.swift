import Allot
import ArgumentParser

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Import the config's sources, replay the ledger and list its problems.",
        discussion: """
            Lists rejected shares and adjustments, unfunded sends and duplicate responses with \
            their event ids. Exits with 1 when an input file has validation errors (nothing is \
            imported then); with --strict, also when the replay found any problem.
            """
    )

    @OptionGroup var project: ProjectOptions
    @OptionGroup var asOf: AsOfOption

    @Flag(help: "Exit with 1 when the replay finds rejected, unfunded or duplicate operations.")
    var strict = false

    func run() throws {
        let p = try project.openAndImport()
        let check = try p.check(asOf: asOf.instant(p))
        let calendar = p.config.settings.calendar
        let text = TerminalText(calendar: calendar)
        print(
            "\(p.configPath): \(check.seats) \(check.seats == 1 ? "seat" : "seats"), \(check.messages) \(check.messages == 1 ? "message" : "messages") sent, as of \(text.time(check.asOf)) \(calendar.identifier)."
        )
        print(text.problems(check.problems))
        for source in try p.unlistedSources() {
            print(
                "\(TerminalText.literal(source)) is no longer in the config's sources, but its rows stay in the store; remove them with allot import --forget \(TerminalText.literal(source))"
            )
        }
        if strict && !check.problems.isEmpty { throw ExitCode.failure }
    }
}
