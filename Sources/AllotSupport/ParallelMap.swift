import Foundation

/// Maps over items on every core, keeping order; the first error (in item order) is
/// thrown, and a transform that cannot fail makes a call that cannot either.
package enum ParallelMap {
    package static func map<T: Sendable, R: Sendable, E: Error>(
        _ items: [T], progress: (@Sendable (Int, Int) -> Void)? = nil, _ transform: @Sendable (T) throws(E) -> R
    ) throws(E) -> [R] {
        let results = ResultBox<R, E>(count: items.count)
        // Small chunks: an item may be a whole team, and teams differ in size.
        let chunk = max(1, min(16, items.count / 64))
        let chunks = (items.count + chunk - 1) / chunk
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            for i in (c * chunk)..<min(items.count, (c + 1) * chunk) {
                results.set(i, Result { () throws(E) -> R in try transform(items[i]) })
            }
            let done = results.finish(min(items.count, (c + 1) * chunk) - c * chunk)
            progress?(done, items.count)
        }
        var values: [R] = []
        values.reserveCapacity(items.count)
        for result in results.values { values.append(try result!.get()) }
        return values
    }
}

/// Results written from several threads, each index once.
private final class ResultBox<R, E: Error>: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [Result<R, E>?]
    private var done = 0

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ r: Result<R, E>) { lock.withLock { values[i] = r } }

    func finish(_ n: Int) -> Int {
        lock.withLock {
            done += n; return done
        }
    }
}
