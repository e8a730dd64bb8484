import Allot
import ArgumentParser

struct StatementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "statement",
        abstract: "Show one account's monthly statement.",
        discussion: "Readable on a terminal, or with --json the statement JSON described in the README."
    )

    @OptionGroup var project: ProjectOptions
    @OptionGroup var asOf: AsOfOption

    @Argument(help: ArgumentHelp("The account (seat) id.", valueName: "account"))
    var account: String

    @Argument(help: ArgumentHelp("The month, as YYYY-MM.", valueName: "month"))
    var month: String

    @Flag(help: "Print the statement JSON instead of text.")
    var json = false

    func validate() throws {
        guard Month(month) != nil else { throw ValidationError("'\(month)' is not a month; write it as YYYY-MM, e.g. 2015-01.") }
    }

    func run() throws {
        let p = try project.openAndImport()
        guard let ledger = try p.replay(seat: account, asOf: asOf.instant(p)) else {
            let known = try p.store.accounts().prefix(10).map(\.id).joined(separator: ", ")
            throw AllotError("no seat has the id '\(account)'. Seats include: \(known)")
        }
        let months = ledger.statementMonths(of: account)
        guard let statement = ledger.statement(of: account, for: Month(month)!) else {
            let range = months.isEmpty ? "none before as-of" : "\(months.first!) to \(months.last!)"
            throw AllotError("\(account) has no statement for \(month); its months are \(range)")
        }
        if json {
            let clock = PageClock(asOf: ledger.asOf, format: DisplayFormat(calendar: ledger.settings.calendar))
            print(try JSONOutput.string(ClockedModel(model: StatementDocument(statement), clock: clock)), terminator: "")
        } else {
            print(TerminalText(calendar: ledger.settings.calendar).statement(statement))
        }
    }
}
