import Allot
import AllotServe
import ArgumentParser
import Foundation

/// Runs a command body; bad input is printed as `file:line: field: message` lines on
/// standard error and ends the command with exit code 1.
func reportingFailures<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let failure as ImportFailure {
        let count = failure.issues.count
        printError("error: \(count == 1 ? "1 problem" : "\(count) problems") in the input; nothing was imported:")
        for issue in failure.issues.prefix(50) { printError(TerminalText.literal(issue.description)) }
        if count > 50 { printError("… and \(count - 50) more problems") }
        throw ExitCode.failure
    } catch let error as UserError {
        printError("error: " + TerminalText.literal(error.message))
        throw ExitCode.failure
    } catch let error as TemplateError {
        printError("error: template \(error); nothing was written")
        throw ExitCode.failure
    } catch let error as PublishError {
        printError("error: \(error)")
        throw ExitCode.failure
    } catch let error as SiteWriteError {
        printError("error: \(error)")
        throw ExitCode.failure
    }
}

/// A plain-English failure that is the user's to fix.
struct UserError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// A line on standard output, written at once (a long-running command's output is not
/// held in a buffer).
func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
