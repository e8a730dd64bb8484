import Foundation

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// A process and those it started, found through `/proc` (on other systems, the process
/// alone).
enum ProcessTree {
    /// Kills `pid` and every process descending from it with SIGKILL: a shell's command
    /// that hangs is a child of the shell, and killing the shell alone would leave it.
    static func kill(_ pid: pid_t) {
        let tree = descendants(of: pid)
        for p in [pid] + tree { _ = Foundation.kill(p, SIGKILL) }
    }

    private static func descendants(of pid: pid_t) -> [pid_t] {
        #if canImport(Glibc)
            var children: [pid_t: [pid_t]] = [:]
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
                guard let p = pid_t(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                    let nameEnd = stat.lastIndex(of: ")")
                else { continue }
                // "pid (name) state ppid …": the name may hold spaces and parentheses.
                let fields = stat[stat.index(after: nameEnd)...].split(separator: " ")
                if fields.count > 1, let parent = pid_t(fields[1]) { children[parent, default: []].append(p) }
            }
            var out: [pid_t] = [], queue = children[pid] ?? []
            while let p = queue.popLast() {
                out.append(p)
                queue += children[p] ?? []
            }
            return out
        #else
            return []
        #endif
    }
}
