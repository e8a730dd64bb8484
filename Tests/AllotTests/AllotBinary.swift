import Foundation

/// The built `allot` binary run as a separate process.
enum AllotBinary {
    static var path: String { ProcessHeavyTests.CrashAndConcurrencyTests.binary }

    /// Runs it to the end: its exit status and what it wrote on standard error.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, err: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = arguments
        p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let err = Pipe()
        p.standardOutput = FileHandle.nullDevice
        p.standardError = err
        try p.run()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: e, as: UTF8.self))
    }
}
