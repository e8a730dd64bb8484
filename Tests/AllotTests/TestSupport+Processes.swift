import Foundation

extension TestSupport {
    /// The `allot` binary SwiftPM built beside the test bundle.
    static var allotBinary: String {
        Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("allot").path
    }

    /// Runs the `allot` binary to its end, keeping what it writes.
    static func allot(_ arguments: [String]) async throws -> ChildProcess.Ended {
        try await ChildProcess(allotBinary, arguments, keepOutput: true, keepErrors: true).ended()
    }

    /// Runs a Python checker from the fixtures; "" when it exits 0, else what it printed.
    static func python(_ script: String, _ arguments: [String]) async throws -> String {
        let ended = try await ChildProcess("/usr/bin/env", ["python3", fixture(script)] + arguments, keepOutput: true, keepErrors: true)
            .ended()
        let text = ended.outputText + ended.errorText
        return ended.status == 0 ? "" : (text.isEmpty ? "\(script) failed" : text)
    }

    /// A loopback port no program listens on just now.
    static func freePort() async throws -> UInt16 {
        let found = try await ChildProcess(
            "/usr/bin/env",
            ["python3", "-c", "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])"],
            keepOutput: true
        ).ended()
        return UInt16(found.outputText.trimmingCharacters(in: .whitespacesAndNewlines))!
    }

    /// Runs blocking work (a tight poll, a sleep that must end on time) on a thread of its
    /// own, so it holds no thread of the concurrency pool and no busy pool delays it.
    static func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        let result = Eventually<Result<T, Error>>()
        Thread { result.arrive(Result { try work() }) }.start()
        return try await result.value.get()
    }
}
