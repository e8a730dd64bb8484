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
        let ledger = try reportingFailures {
            let p = try project.openAndImport()
            let ledger = try p.replay(asOf: asOf.instant(p))
            let text = TerminalText(calendar: ledger.settings.calendar)
            let events = ledger.accounts.reduce(0) { $0 + $1.messages.count }
            print("\(p.configPath): \(ledger.accounts.count) seats, \(events) messages sent, as of \(text.time(ledger.asOf)) \(ledger.settings.calendar.identifier).")
            print(text.problems(ledger))
            return ledger
        }
        if strict && !ledger.problems.isEmpty { throw ExitCode.failure }
    }
}
