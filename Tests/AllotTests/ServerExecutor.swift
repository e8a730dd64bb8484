import Dispatch

/// Runs the in-process preview server's tasks on a dispatch queue of their own, not on
/// Swift's concurrency pool, which has a thread per core: tests that compute for seconds
/// at a time beside it would otherwise keep the server from answering.
final class ServerExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = ServerExecutor()
    private let queue = DispatchQueue(label: "allot-tests.preview-server", attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
