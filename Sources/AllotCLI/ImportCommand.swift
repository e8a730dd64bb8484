import Allot
import ArgumentParser

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Check seat and event files and add them to the store.",
        discussion: """
            The files are checked completely, together and against what the store holds. If any \
            has a problem, nothing is imported and every problem is listed with its file, line and \
            field. Rows already imported with the same content are skipped, so importing a file \
            again changes nothing. A file's kind (seats or events) is told by its columns.
            """
    )

    @OptionGroup var project: ProjectOptions

    @Argument(help: ArgumentHelp("CSV or JSON Lines files to import.", valueName: "file"))
    var files: [String]

    func run() throws {
        try reportingFailures {
            let plan = try project.openProject().importFiles(files)
            print(
                "Imported \(plan.accounts.count) seats (\(plan.unchangedSeats) unchanged) and \(plan.addedEvents) events (\(plan.repeatedEvents) already there)."
            )
        }
    }
}
