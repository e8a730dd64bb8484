import Foundation
import Testing

/// The scratch folders one test made, removed when it ends.
final class ScratchRegistry: @unchecked Sendable {
    private let lock = NSLock()
    private var paths: [String] = []

    func add(_ path: String) { lock.withLock { paths.append(path) } }

    func removeAll() {
        for path in lock.withLock({ paths }) { try? FileManager.default.removeItem(atPath: path) }
    }
}

/// Gives each test of a suite its own scratch registry and removes what it registered
/// when the test ends, passed or failed.
struct ScratchCleanup: SuiteTrait, TestTrait, TestScoping {
    var isRecursive: Bool { true }

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        guard testCase != nil else { return try await function() }
        let registry = ScratchRegistry()
        defer { registry.removeAll() }
        try await TestSupport.$scratchRegistry.withValue(registry) { try await function() }
    }
}

extension Trait where Self == ScratchCleanup {
    /// Removes the scratch folders each test makes (`TestSupport.scratch()`) when it ends.
    static var cleansScratch: Self { ScratchCleanup() }
}
