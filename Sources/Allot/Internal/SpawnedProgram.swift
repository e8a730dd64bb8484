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
/// standard input (`/dev/null`), output and error.
enum SpawnedProgram {
    struct Ended: Sendable {
        /// The exit status, or 128 plus the signal that ended it, as a shell says it.
        var status: Int32
        var output: Data
        var errors: Data
    }

    /// Runs `program` (looked up on PATH unless it has a slash) with `arguments`; nil when it
    /// cannot be started (not found, or not executable).
    static func run(_ program: String, _ arguments: [String]) throws -> Ended? {
        let output = try closeOnExecPipe(), errors = try closeOnExecPipe()
        let pid = spawn(program, arguments, output: output.write, errors: errors.write)
        close(output.write)
        close(errors.write)
        guard let pid else {
            close(output.read)
            close(errors.read)
            return nil
        }
        let (received, exited) = readUntilEnd([output.read, errors.read], of: pid)
        return Ended(status: exited ?? wait(for: pid, blocking: true)!, output: received[0], errors: received[1])
    }

    /// Both ends close on exec, so no program another thread starts holds them open, which
    /// would keep the reader here from seeing their end while the child runs.
    private static func closeOnExecPipe() throws -> (read: Int32, write: Int32) {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw AllotError("cannot make a pipe: \(String(cString: strerror(errno)))") }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        return (ends[0], ends[1])
    }

    /// The child's pid. Its standard input is /dev/null, output and error the given pipes, and
    /// it inherits no other descriptor, no blocked signals and no ignored SIGPIPE.
    private static func spawn(_ program: String, _ arguments: [String], output: Int32, errors: Int32) -> pid_t? {
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
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_adddup2(&actions, errors, 2)
        var flags = Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        #if canImport(Glibc)
            // Descriptors the program holds that are not close-on-exec (Foundation's pipes and
            // sockets among them); one closed meanwhile is skipped by the child.
            let held = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
            for fd in held.compactMap({ Int32($0) }) where fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }
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

    /// Reads `descriptors` until each ends, and closes them. A program the child left running
    /// may hold them open after the child has exited: once it has, only what is already
    /// written is read. Returns what was read from each, and the child's status if that was
    /// how the reading ended.
    private static func readUntilEnd(_ descriptors: [Int32], of pid: pid_t) -> ([Data], Int32?) {
        var polled = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        var received = descriptors.map { _ in Data() }
        var exited: Int32?
        var buffer = [UInt8](repeating: 0, count: 65536)
        while polled.contains(where: { $0.fd >= 0 }) {
            let ready = poll(&polled, nfds_t(polled.count), exited == nil ? 200 : 0)
            if ready < 0 && errno == EINTR { continue }
            if ready <= 0 {
                if ready < 0 || exited != nil { break }
                exited = wait(for: pid, blocking: false)
                continue
            }
            for i in polled.indices where polled[i].fd >= 0 && polled[i].revents != 0 {
                let count = read(polled[i].fd, &buffer, buffer.count)
                if count > 0 {
                    received[i].append(buffer, count: count)
                } else if count == 0 || errno != EINTR {
                    close(polled[i].fd)
                    polled[i].fd = -1
                }
            }
        }
        for entry in polled where entry.fd >= 0 { close(entry.fd) }
        return (received, exited)
    }

    /// The child's status once it has exited; nil while it runs (when not blocking).
    private static func wait(for pid: pid_t, blocking: Bool) -> Int32? {
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
