/// The process that claims a notice: its host, its pid, and when it started (clock ticks
/// since boot, where the system says), which tells it from a later process given the
/// same pid.
public struct NoticeClaimant: Sendable, Equatable {
    public var host: String
    public var pid: Int32
    public var startTicks: Int64?

    public init(host: String, pid: Int32, startTicks: Int64?) {
        self.host = host; self.pid = pid; self.startTicks = startTicks
    }
}
