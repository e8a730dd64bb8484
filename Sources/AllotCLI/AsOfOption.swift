import Allot
import ArgumentParser

struct AsOfOption: ParsableArguments {
    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp("Leave out everything at or after this instant; a bare date means the end of that day.", valueName: "instant"))
    var text: String?

    /// nil when not given: the config's as_of, else the end of the latest record's day.
    func instant(_ project: Project) throws -> Instant? {
        guard let text else { return nil }
        switch InstantParser(calendar: project.config.settings.calendar).parseEnd(text) {
        case .success(let t): return t
        case .failure(let f): throw AllotError("--as-of: \(f)")
        }
    }
}
