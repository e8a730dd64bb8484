import Allot
import ArgumentParser

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Replay the same history under a [[compare]] entry's policies and show what would have changed.",
        discussion: """
            Each [[compare]] entry in allot.toml names an alternative policy timeline ([[compare.policy]]) \
            and optionally its own bonuses ([[compare.bonus]]; the main ones otherwise). The same seats, \
            sends, responses and shares are replayed under it, and for every seat, team and month the \
            credits granted, refunded and expired, the messages lost and sent unfunded, and the closing \
            balance are shown as they were, as they would have been, and the difference. With --json, \
            the whole comparison as JSON (kind "compare"; schema in site/schema/compare.schema.json).
            """
    )

    @OptionGroup var project: ProjectOptions
    @OptionGroup var asOf: AsOfOption

    @Argument(help: ArgumentHelp("The name of a [[compare]] entry in the config.", valueName: "name"))
    var name: String

    @Option(help: ArgumentHelp("Show one seat, month by month.", valueName: "account"))
    var account: String?

    @Option(help: ArgumentHelp("Show one team, month by month.", valueName: "team"))
    var team: String?

    @Flag(help: "Print the comparison as JSON instead of text.")
    var json = false

    func validate() throws {
        if account != nil && team != nil { throw ValidationError("Give --account or --team, not both.") }
    }

    func run() throws {
        let p = try project.openAndImport()
        let (ledger, comparisons) = try p.replayWithComparisons(asOf: asOf.instant(p), comparing: [name])
        let x = comparisons[0]
        let slugs = try p.siteSlugs()
        let scope: CompareModel.Scope = account.map { .account($0) } ?? team.map { .team($0) } ?? .all
        let line: Comparison.Line
        switch scope {
        case .account(let id):
            guard let l = x.account(id) else { throw AllotError("no seat has the id '\(TerminalText.literal(id))'") }
            line = l
        case .team(let id):
            guard let l = x.team(id) else {
                throw AllotError(
                    "no team is called '\(TerminalText.literal(id))'; the teams are \(x.teams.map { TerminalText.literal($0.id) }.joined(separator: ", "))"
                )
            }
            line = l
        case .all:
            line = x.all
        }
        if json {
            print(try JSONOutput.string(CompareModel(x, scope: scope, slugs: slugs, detail: true)!), terminator: "")
        } else {
            let byMonth = account != nil || team != nil
            print(TerminalText(calendar: ledger.settings.calendar).comparison(x, line: line, byMonth: byMonth))
        }
    }
}
