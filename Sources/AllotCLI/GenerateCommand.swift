import Allot
import ArgumentParser
import Foundation

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a made-up ledger (allot.toml, seats.csv, events.csv) of realistic shape.",
        discussion: "The same options always give the same files: use them for demos, tests and benchmarks."
    )

    @Option(help: "How many seats.") var accounts = 100
    @Option(help: "How many months of activity, from --start.") var months = 12
    @Option(help: "The seed of the random draw.") var seed: UInt64 = 1
    @Option(help: ArgumentHelp("The first month, as YYYY-MM.", valueName: "month")) var start = "2014-10"
    @Option(help: ArgumentHelp("The folder to write the files into (created if missing).", valueName: "folder")) var out: String

    func validate() throws {
        guard accounts > 0 else { throw ValidationError("--accounts must be 1 or more.") }
        guard months > 0 else { throw ValidationError("--months must be 1 or more.") }
        guard Month(start) != nil else { throw ValidationError("--start '\(start)' is not a month; write it as YYYY-MM.") }
    }

    func run() throws {
        let ledger = SyntheticLedger(accounts: accounts, months: months, seed: seed, start: Month(start)!)
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        for file in ledger.files() {
            try Data(file.text.utf8).write(to: URL(fileURLWithPath: out).appendingPathComponent(file.name))
        }
        print("Wrote allot.toml, seats.csv and events.csv to \(out).")
    }
}
