import Foundation

/// A program a test runs, awaited without holding a thread of Swift's concurrency pool:
/// its end arrives through Process's termination handler, and what it writes is read on
/// threads of its own. The pool has a thread per core; a test blocked in `waitUntilExit`
/// or a pipe read holds one, and the tests beside it (the preview server under test
/// among them) wait for it.
final class ChildProcess: @unchecked Sendable {
    /// How a program ended, and what it wrote where that was kept (else empty).
    struct Ended: Sendable {
        var status: Int32
        var output: Data
        var errors: Data

        var outputText: String { String(decoding: output, as: UTF8.self) }
        var errorText: String { String(decoding: errors, as: UTF8.self) }
    }

    private let process = Process()
    private let status = Eventually<Int32>()
    private let output: Eventually<Data>?
    private let errors: Eventually<Data>?

    /// Starts `executable`; its standard output and error are kept when asked for, else
    /// thrown away.
    init(
        _ executable: String, _ arguments: [String], keepOutput: Bool = false, keepErrors: Bool = false,
        environment: [String: String] = [:]
    ) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let outputPipe = keepOutput ? Pipe() : nil, errorPipe = keepErrors ? Pipe() : nil
        process.standardOutput = outputPipe ?? FileHandle.nullDevice
        process.standardError = errorPipe ?? FileHandle.nullDevice
        let status = status
        process.terminationHandler = { status.arrive($0.terminationStatus) }
        try process.run()
        output = outputPipe.map(Self.readToEnd)
        errors = errorPipe.map(Self.readToEnd)
    }

    var processIdentifier: Int32 { process.processIdentifier }

    /// Until its end has been seen.
    var isRunning: Bool { status.now == nil }

    /// SIGKILL unless told otherwise: a program started from a thread of the pool inherits
    /// its blocked signals, SIGTERM among them, and only a program that unblocks them (as
    /// nginx does) ever sees one.
    func kill(_ signal: Int32 = SIGKILL) {
        if isRunning { _ = Foundation.kill(process.processIdentifier, signal) }
    }

    func ended() async -> Ended {
        Ended(status: await status.value, output: await output?.value ?? Data(), errors: await errors?.value ?? Data())
    }

    /// Everything written into `pipe` until the program closes it, read on a thread of its
    /// own so the program never waits on a full pipe.
    private static func readToEnd(_ pipe: Pipe) -> Eventually<Data> {
        let data = Eventually<Data>()
        let reading = pipe.fileHandleForReading
        Thread { data.arrive(reading.readDataToEndOfFile()) }.start()
        return data
    }
}
