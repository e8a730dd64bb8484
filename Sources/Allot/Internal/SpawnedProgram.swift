import Foundation

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// Runs a program to its end on the calling thread, keeping what it writes, without
/// Foundation's `Process`. On Linux `Process` learns that a child ended when a socket the
/// child inherits closes, and then waits for that child in a blocking `waitpid` on the one
/// thread that sees every `Process` of the program end. A child that closes the descriptors
/// it inherits (sshd and ssh do) holds that thread until it exits, and meanwhile no other
/// child of the program is seen to end: a publish from a program that had started one such
/// child hung. Here the calling thread waits for its own child, which inherits only
/// standard input (`/dev/null`, or a pipe it is fed through), output and error.
enum SpawnedProgram {
    struct Ended: Sendable {
        /// The exit status, or 128 plus the signal that ended it, as a shell says it.
        var status: Int32
        var output: Data
        var errors: Data
        /// It ran past its time limit and was killed, with what it had started.
        var timedOut = false
        /// It read the whole of its input (true when it was given none).
        var readInput = true
    }

    /// Runs `program` (looked up on PATH unless it has a slash) with `arguments`; nil when it
    /// cannot be started (not found, or not executable). `input` is written to its standard
    /// input while what it writes is read, so neither side waits on a full pipe. Past
    /// `timeout` seconds it is killed, with every process it started.
    static func run(_ program: String, _ arguments: [String], input: Data? = nil, timeout: Double? = nil) throws -> Ended? {
        let output = try closeOnExecPipe(), errors = try closeOnExecPipe()
        let feed = try input.map { _ in try closeOnExecPipe() }
        if input != nil { _ = ignoreBrokenPipes }
        let pid = spawn(program, arguments, input: feed?.read, output: output.write, errors: errors.write)
        close(output.write)
        close(errors.write)
        if let feed { close(feed.read) }
        guard let pid else {
            close(output.read)
            close(errors.read)
            if let feed { close(feed.write) }
            return nil
        }
        var exchange = Exchange(pid: pid, reading: [output.read, errors.read], deadline: timeout.map { now() + $0 })
        if let feed, let input {
            _ = fcntl(feed.write, F_SETFL, fcntl(feed.write, F_GETFL) | O_NONBLOCK)
            exchange.feed(feed.write, input)
        }
        exchange.run()
        return Ended(
            status: exchange.exited ?? wait(for: pid, blocking: true)!, output: exchange.received[0], errors: exchange.received[1],
            timedOut: exchange.timedOut, readInput: exchange.unwritten.isEmpty)
    }

    /// A write to a pipe whose reader has gone fails with EPIPE instead of ending Allot.
    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    /// Seconds on a monotonic clock.
    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Both ends close on exec, so no program another thread starts holds them open, which
    /// would keep the reader here from seeing their end while the child runs.
    private static func closeOnExecPipe() throws -> (read: Int32, write: Int32) {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw AllotError("cannot make a pipe: \(String(cString: strerror(errno)))") }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        return (ends[0], ends[1])
    }

    /// The child's pid. Its standard input is `input` (else /dev/null), output and error the
    /// given pipes, and it inherits no other descriptor, no blocked signals and no ignored
    /// SIGPIPE.
    private static func spawn(_ program: String, _ arguments: [String], input: Int32?, output: Int32, errors: Int32) -> pid_t? {
        #if canImport(Glibc)
            var actions = posix_spawn_file_actions_t()
            var attributes = posix_spawnattr_t()
        #else
            var actions: posix_spawn_file_actions_t? = nil
            var attributes: posix_spawnattr_t? = nil
        #endif
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        if let input {
            posix_spawn_file_actions_adddup2(&actions, input, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_adddup2(&actions, errors, 2)
        var flags = Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        #if canImport(Glibc)
            // Descriptors the program holds that are not close-on-exec (Foundation's pipes and
            // sockets among them). glibc 2.34 closes every one at once, including one another
            // thread opens while this child starts; before it, the ones held now are listed.
            if let closeFrom = addCloseFrom {
                _ = closeFrom(&actions, 3)
            } else {
                let held = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
                for fd in held.compactMap({ Int32($0) }) where fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }
            }
        #else
            flags |= Int32(POSIX_SPAWN_CLOEXEC_DEFAULT)
        #endif
        var none = sigset_t(), pipeSignal = sigset_t()
        sigemptyset(&none)
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &pipeSignal)
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        let envp = ProcessInfo.processInfo.environment.map { strdup($0.key + "=" + $0.value) } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid = pid_t()
        let failed = posix_spawnp(&pid, program, &actions, &attributes, argv, envp)
        return failed == 0 ? pid : nil
    }

    #if canImport(Glibc)
        /// `posix_spawn_file_actions_addclosefrom_np`, which Swift's Glibc module does not
        /// expose; nil on a glibc older than 2.34.
        private static let addCloseFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
            guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return nil }
            return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
        }()
    #endif

    /// The child's status once it has exited; nil while it runs (when not blocking).
    static func wait(for pid: pid_t, blocking: Bool) -> Int32? {
        var status: Int32 = 0
        while true {
            let waited = waitpid(pid, &status, blocking ? 0 : WNOHANG)
            if waited == -1 && errno == EINTR { continue }
            if waited == 0 { return nil }
            // Reaped by someone else (a `waitpid(-1)` elsewhere in the program): its status is lost.
            if waited == -1 { return 255 }
            let signal = status & 0x7f
            return signal == 0 ? (status >> 8) & 0xff : 128 + signal
        }
    }
}
