import Allot
import ArgumentParser

struct SuggestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suggest",
        abstract: "Suggest shares that move credits to teammates before they expire.",
        discussion: """
            Projects every open seat over the next warn_days days at its pace (its sends in the \
            28 days before as-of, a day), with allotments and bonuses as the policy gives them and \
            no refunds, and finds the seats that would lose credits to expiry and the teammates \
            that would run short. Each suggested share takes the giver's earliest-expiring credits, \
            reaching as far into its lots that expire within the horizon as the receiver would \
            use before they expire. With --json, the plan as \
            JSON (schema in site/schema/suggest.schema.json).
            """
    )

    @OptionGroup var project: ProjectOptions
    @OptionGroup var asOf: AsOfOption

    @Option(help: ArgumentHelp("Suggest for one team only (its id).", valueName: "team"))
    var team: String?

    @Flag(help: "Print the plan as JSON instead of text.")
    var json = false

    func run() throws {
        let p = try project.openAndImport()
        let end = try asOf.instant(p) ?? p.resolvedAsOf(nil)
        if let team, try !p.store.teams().contains(where: { $0.id == team }) {
            let known = try p.store.teams().map { TerminalText.literal($0.id) }.joined(separator: ", ")
            throw AllotError("no team is called '\(TerminalText.literal(team))'; the teams are \(known)")
        }
        let forecasts = try p.forecasts(asOf: end, team: team)
        if json {
            print(try JSONOutput.string(SuggestModel(asOf: end, forecasts: forecasts)), terminator: "")
        } else {
            let names = Dictionary(try p.store.accounts().map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
            print(TerminalText(calendar: p.config.settings.calendar).suggestions(forecasts, names: names, teamNames: p.config.teamNames))
        }
    }
}
