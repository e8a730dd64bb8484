import Foundation

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

extension SpawnedProgram {
    /// Feeds a child its input and reads what it writes, all on one thread through `poll`,
    /// until it has exited and its pipes are drained. A program the child left running may
    /// hold the pipes open after the child has exited: once it has, only what is already
    /// written is read. Past the deadline the child is killed, with what it started.
    struct Exchange {
        let pid: pid_t
        let deadline: Double?
        /// What was read from each descriptor, in the order given.
        private(set) var received: [Data]
        /// The child's status, once seen.
        private(set) var exited: Int32?
        private(set) var timedOut = false
        /// The part of the input not written (the child ended without reading it).
        private(set) var unwritten = Data()
        private var polled: [pollfd]
        private var input: Int32 = -1

        init(pid: pid_t, reading descriptors: [Int32], deadline: Double?) {
            self.pid = pid
            self.deadline = deadline
            received = descriptors.map { _ in Data() }
            polled = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        }

        /// Writes `bytes` to `descriptor` (non-blocking) as the child reads them, then closes it.
        mutating func feed(_ descriptor: Int32, _ bytes: Data) {
            input = descriptor
            unwritten = bytes
            if bytes.isEmpty {
                close(descriptor)
            } else {
                polled.append(pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0))
            }
        }

        /// Runs to the end; every descriptor is closed.
        mutating func run() {
            var buffer = [UInt8](repeating: 0, count: 65536)
            while polled.contains(where: { $0.fd >= 0 }) {
                if exited == nil, let deadline, SpawnedProgram.now() >= deadline {
                    ProcessTree.kill(pid)
                    timedOut = true
                    exited = SpawnedProgram.wait(for: pid, blocking: true)
                }
                let left = ((deadline ?? .infinity) - SpawnedProgram.now()) * 1000
                let ready = poll(&polled, nfds_t(polled.count), exited == nil ? Int32(min(200, max(0, left)).rounded(.up)) : 0)
                if ready < 0 && errno == EINTR { continue }
                if ready <= 0 {
                    if ready < 0 || exited != nil { break }
                    exited = SpawnedProgram.wait(for: pid, blocking: false)
                    continue
                }
                for i in polled.indices where polled[i].fd >= 0 && polled[i].revents != 0 {
                    if polled[i].fd == input {
                        writeInput(at: i)
                    } else {
                        let count = read(polled[i].fd, &buffer, buffer.count)
                        if count > 0 {
                            received[i].append(buffer, count: count)
                        } else if count == 0 || errno != EINTR {
                            close(polled[i].fd)
                            polled[i].fd = -1
                        }
                    }
                }
            }
            for entry in polled where entry.fd >= 0 { close(entry.fd) }
        }

        /// Writes what the pipe takes of the input; closes it when all is written or the
        /// child can no longer read it.
        private mutating func writeInput(at i: Int) {
            let count = unwritten.withUnsafeBytes { write(input, $0.baseAddress, min($0.count, 65536)) }
            if count > 0 {
                unwritten.removeFirst(count)
                guard unwritten.isEmpty else { return }
            } else if count < 0 && (errno == EAGAIN || errno == EINTR) {
                return
            }
            close(input)
            polled[i].fd = -1
        }
    }
}
