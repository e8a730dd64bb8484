import Allot
import ArgumentParser

@main
struct AllotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "allot",
        abstract: "Exact InMail credit ledgers: statements, expiry warnings and team shares.",
        discussion: """
            Allot reads a folder with allot.toml and seat and event files (CSV or JSON Lines), \
            keeps them in a store (.allot/ledger.sqlite beside the config), and replays them under \
            the credit policies to give exact balances.

            Without --config, commands use ./allot.toml, or examples/demo/allot.toml when run \
            from the repository root.
            """,
        version: AllotVersion.current,
        subcommands: [
            BuildCommand.self, ServeCommand.self, PublishCommand.self, NotifyCommand.self, ImportCommand.self, CheckCommand.self,
            StatementCommand.self, CompareCommand.self, SuggestCommand.self, GenerateCommand.self,
        ]
    )

    /// ArgumentParser's entry, except that a failure a command's `run()` lets through is
    /// said as every other is (`error: ` and a sentence), not as ArgumentParser's
    /// `Error: ` and the error's Swift description.
    static func main() async {
        var command: ParsableCommand
        do {
            command = try await asyncParseAsRoot()
        } catch {
            exit(withError: error)
        }
        do {
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            // ArgumentParser's own commands (`help`, `--help` after a subcommand) end by
            // throwing a request only it can answer.
            let ours = ([Self.self] + configuration.subcommands).contains { $0 == type(of: command) }
            exit(withError: ours ? reported(error) : error)
        }
    }
}
