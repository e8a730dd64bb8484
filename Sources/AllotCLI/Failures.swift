import Allot
import ArgumentParser
import Foundation

/// Runs a command body; every failure is printed on standard error as `error: ` and a
/// sentence (bad input as `file:line: field: message` lines) and ends the command with
/// exit code 1. ArgumentParser's own errors (usage) keep their exit code 64.
func reportingFailures<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let failure as ImportFailure {
        let count = failure.issues.count
        printError("error: \(count == 1 ? "1 problem" : "\(count) problems") in the input; nothing was imported:")
        for issue in failure.issues.prefix(50) { printError(TerminalText.literal(issue.description)) }
        if count > 50 { printError("… and \(count - 50) more problems") }
        throw ExitCode.failure
    } catch let error as AllotError {
        printError("error: " + TerminalText.literal(error.description))
        throw ExitCode.failure
    } catch let error as TemplateError {
        printError("error: template \(error); nothing was written")
        throw ExitCode.failure
    } catch let error as StoreError {
        printError("error: " + TerminalText.literal(error.description))
        throw ExitCode.failure
    } catch let error as SiteWriteError {
        printError("error: \(error)")
        throw ExitCode.failure
    } catch let error as ExitCode {
        throw error
    } catch {
        printError("error: " + SystemErrorText.sentence(for: error))
        throw ExitCode.failure
    }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// A line on standard output, written at once (a long-running command's output is not
/// held in a buffer).
func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
