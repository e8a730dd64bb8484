import Foundation

/// Runs the in-process preview server's tasks on two threads of their own, not on Swift's
/// concurrency pool or a dispatch queue. Both of those have a thread per core, and the
/// suite's builds fill them (`ParallelMap` uses `DispatchQueue.concurrentPerform`): in CI
/// the servers waited behind minutes of builds and their clients gave up unanswered.
final class ServerExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = ServerExecutor(threads: 2)

    private let ready = NSCondition()
    private var jobs: [UnownedJob] = []

    private init(threads: Int) {
        for n in 1...threads {
            let thread = Thread { [unowned self] in runJobs() }
            thread.name = "allot-tests.preview-server-\(n)"
            thread.start()
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        ready.withLock {
            jobs.append(job)
            ready.signal()
        }
    }

    private func runJobs() {
        while true {
            let job = ready.withLock {
                while jobs.isEmpty { ready.wait() }
                return jobs.removeFirst()
            }
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
