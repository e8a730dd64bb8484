import Allot
import ArgumentParser
import Foundation

/// For a `validate()`: ArgumentParser would print an error thrown there as `Error: …`, so
/// the failure is said here, as `reported` says it, and ArgumentParser exits quietly with
/// the `ExitCode` this throws. A `run()` lets its failures through to the one catch in
/// `AllotCommand.main`.
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
