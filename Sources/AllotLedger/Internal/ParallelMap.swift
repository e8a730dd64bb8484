import Foundation

/// Maps over items on every core, keeping order; the first error wins.
package enum ParallelMap {
    package static func map<T: Sendable, R: Sendable>(_ items: [T], progress: (@Sendable (Int, Int) -> Void)? = nil,
                                              _ transform: @Sendable (T) throws -> R) throws -> [R] {
        let results = ResultBox<R>(count: items.count)
        // Small chunks: an item may be a whole team, and teams differ in size.
        let chunk = max(1, min(16, items.count / 64))
        let chunks = (items.count + chunk - 1) / chunk
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            for i in (c * chunk)..<min(items.count, (c + 1) * chunk) {
                results.set(i, Result { try transform(items[i]) })
            }
            let done = results.finish(min(items.count, (c + 1) * chunk) - c * chunk)
            progress?(done, items.count)
        }
        return try results.values.map { try $0!.get() }
    }
}

/// Results written from several threads, each index once.
private final class ResultBox<R>: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [Result<R, Error>?]
    private var done = 0

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ r: Result<R, Error>) { lock.withLock { values[i] = r } }

    func finish(_ n: Int) -> Int { lock.withLock { done += n; return done } }
}
