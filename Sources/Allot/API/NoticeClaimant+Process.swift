import AllotStore
import Foundation

extension NoticeClaimant {
    /// This process.
    public static let current = NoticeClaimant(host: hostName(), pid: getpid(), startTicks: startTicks(of: getpid()))

    /// Whether the process that made a claim on this host is still running: its pid is
    /// in use, not by a zombie, and (where the system says when processes started) not
    /// by a later process given the same pid.
    public var isRunning: Bool {
        if kill(pid, 0) != 0 && errno == ESRCH { return false }
        guard let stat = Self.stat(of: pid) else { return true }
        return stat.state != "Z" && (startTicks == nil || stat.startTicks == startTicks)
    }

    static func startTicks(of pid: Int32) -> Int64? { stat(of: pid)?.startTicks }

    /// The state and start time of a process, from Linux's /proc/PID/stat; nil elsewhere.
    /// The fields after the command name, which is in parentheses and may hold spaces
    /// and parentheses, are the state (field 3) to the start time (field 22).
    private static func stat(of pid: Int32) -> (state: Character, startTicks: Int64)? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 19, let state = fields[0].first, let ticks = Int64(fields[19]) else { return nil }
        return (state, ticks)
    }

    private static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
