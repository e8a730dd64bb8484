import FlyingSocks
import Foundation

/// FlyingFox's socket pool with an end to every wait on a client (`ClientTimeouts`). A
/// wait past its deadline ends as a disconnection, and FlyingFox closes the connection.
/// One task ends the overdue waits, looking four times a second: a timer per wait would
/// keep its memory until due even when the wait ended first (swiftlang/swift#60441),
/// some megabytes after a burst of requests.
struct TimeoutSocketPool<Base: AsyncSocketPool>: AsyncSocketPool {
    let base: Base
    let timeouts: ClientTimeouts
    /// Where the task of each wait with a deadline runs (nil: Swift's concurrency pool).
    let executor: (any TaskExecutor)?
    private let waits = WaitsUnderWay()

    init(base: Base, timeouts: ClientTimeouts, executor: (any TaskExecutor)? = nil) {
        self.base = base
        self.timeouts = timeouts
        self.executor = executor
    }

    func prepare() async throws {
        try await base.prepare()
    }

    func run() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await base.run() }
            group.addTask {
                while true {
                    try await Task.sleep(for: .milliseconds(250))
                    waits.endOverdue()
                }
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    func suspendSocket(_ socket: Socket, untilReadyFor events: Socket.Events) async throws {
        guard let deadline = timeouts.deadline(for: socket, waitingFor: events) else {
            return try await base.suspendSocket(socket, untilReadyFor: events)
        }
        guard deadline > .now else { throw SocketError.disconnected }
        let wait = Task(executorPreference: executor) { try await base.suspendSocket(socket, untilReadyFor: events) }
        let id = waits.add(wait, until: deadline)
        defer { waits.remove(id) }
        do {
            try await withTaskCancellationHandler {
                try await wait.value
            } onCancel: {
                wait.cancel()
            }
        } catch is CancellationError where !Task.isCancelled {
            throw SocketError.disconnected
        }
    }
}

/// The waits on clients under way, each with its deadline.
private final class WaitsUnderWay: @unchecked Sendable {
    private struct Wait {
        var deadline: ContinuousClock.Instant
        var task: Task<Void, any Error>
    }

    /// Not Synchronization's Mutex: ThreadSanitizer does not see its locking on Linux.
    private let lock = NSLock()
    private var waits: [Int: Wait] = [:]
    private var next = 0

    func add(_ task: Task<Void, any Error>, until deadline: ContinuousClock.Instant) -> Int {
        lock.withLock {
            next += 1
            waits[next] = Wait(deadline: deadline, task: task)
            return next
        }
    }

    func remove(_ id: Int) {
        _ = lock.withLock { waits.removeValue(forKey: id) }
    }

    func endOverdue() {
        let now = ContinuousClock.now
        let overdue = lock.withLock { waits.values.filter { $0.deadline <= now } }
        for wait in overdue { wait.task.cancel() }
    }
}
