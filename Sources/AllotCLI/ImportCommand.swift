import Allot
import ArgumentParser

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Check seat and event files and put them in the store, each replacing what it held before.",
        discussion: """
            The files are checked completely, together and against what the store holds. If any \
            has a problem, nothing is imported and every problem is listed with its file, line and \
            field. A file is a source: importing it again with the same content changes nothing, and \
            with other content makes the store hold exactly what it now says (rows added, changed \
            rows replaced, rows it no longer has removed), reported per file. An event several \
            files hold is one event, kept while any of them holds it. A file's kind (seats or \
            events) is told by its columns. --forget removes what a source holds, for a file taken \
            out of the config's sources (allot check lists them).
            """
    )

    @OptionGroup var project: ProjectOptions

    @Option(
        help: ArgumentHelp(
            "Remove the rows a source holds (its name as allot check lists it, or its path); repeat for several.",
            valueName: "source"))
    var forget: [String] = []

    @Argument(help: ArgumentHelp("CSV or JSON Lines files to import.", valueName: "file"))
    var files: [String] = []

    func validate() throws {
        guard !files.isEmpty || !forget.isEmpty else { throw ValidationError("Name the files to import, or --forget SOURCE.") }
    }

    func run() throws {
        let p = try project.openProject()
        for change in forget.isEmpty ? [] : try p.forget(sources: forget) {
            print("Forgot \(TerminalText.literal(change.source)): \(change.removed == 1 ? "1 row" : "\(change.removed) rows") removed.")
        }
        guard !files.isEmpty else { return }
        let plan = try p.importFiles(files)
        for change in plan.sourceChanges { print(TerminalText.literal(change.description)) }
        print(
            "Imported \(plan.accounts.count) seats (\(plan.unchangedSeats) unchanged) and \(plan.addedEvents) events (\(plan.repeatedEvents) already there)."
        )
    }
}
