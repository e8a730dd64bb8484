import Foundation

/// The built `allot` binary run as a separate process, awaited off the concurrency pool.
enum AllotBinary {
    static var path: String { TestSupport.allotBinary }

    /// Runs it to the end: its exit status and what it wrote on standard error.
    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> (status: Int32, err: String) {
        let ended = try await ChildProcess(path, arguments, keepErrors: true, environment: environment).ended()
        return (ended.status, ended.errorText)
    }
}
