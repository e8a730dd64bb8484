import Allot
import ArgumentParser
import Foundation

/// Runs a command body; every failure is printed on standard error as `error: ` and a
/// sentence (bad input as `file:line: field: message` lines) and ends the command with
/// exit code 1. ArgumentParser's own errors (usage) keep their exit code 64.
///
/// A `validate()` reports its own failures through this too: ArgumentParser would print
/// an error thrown there as `Error: …`, and exits quietly with the `ExitCode` this throws.
func reportingFailures<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch {
        throw reported(error)
    }
}

/// Prints `error` as `error: ` and a sentence and gives the exit code to end with; an
/// exit code, a validation error or a help request is ArgumentParser's to say, as it is.
func reported(_ error: Error) -> Error {
    switch error {
    case is ExitCode, is ValidationError, is CleanExit:
        return error
    case let failure as ImportFailure:
        let count = failure.issues.count
        printError("error: \(count == 1 ? "1 problem" : "\(count) problems") in the input; nothing was imported:")
        for issue in failure.issues.prefix(50) { printError(TerminalText.literal(issue.description)) }
        if count > 50 { printError("… and \(count - 50) more problems") }
    case let error as AllotError:
        printError("error: " + SystemErrorText.sentence(for: error))
        return ExitCode(error.status)
    default:
        printError("error: " + SystemErrorText.sentence(for: error))
    }
    return ExitCode.failure
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// A line on standard output, written at once (a long-running command's output is not
/// held in a buffer).
func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
