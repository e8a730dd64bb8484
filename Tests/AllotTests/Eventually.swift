import Foundation

/// A value that arrives once, from any thread, and that tasks await without holding a
/// thread of the concurrency pool while it has not.
final class Eventually<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var arrived: Value?
    private var waiting: [CheckedContinuation<Value, Never>] = []

    /// The value, if it has arrived.
    var now: Value? { lock.withLock { arrived } }

    func arrive(_ value: Value) {
        let waiters = lock.withLock {
            arrived = value
            defer { waiting = [] }
            return waiting
        }
        for waiter in waiters { waiter.resume(returning: value) }
    }

    var value: Value {
        get async {
            await withCheckedContinuation { waiter in
                let ready = lock.withLock {
                    if arrived == nil { waiting.append(waiter) }
                    return arrived
                }
                if let ready { waiter.resume(returning: ready) }
            }
        }
    }
}
