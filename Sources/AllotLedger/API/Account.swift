/// A seat: one recruiter's credit account (spec §2).
public struct Account: Hashable, Sendable {
    public var id: String
    public var name: String
    public var team: String
    public var email: String?
    public var opened: Instant
    public var closed: Instant?

    public init(id: String, name: String, team: String, email: String? = nil, opened: Instant, closed: Instant? = nil) {
        self.id = id; self.name = name; self.team = team; self.email = email
        self.opened = opened; self.closed = closed
    }

    /// True when the seat is open at `t`: `opened <= t < closed`.
    public func isOpen(at t: Instant) -> Bool { opened <= t && t < (closed ?? .distantFuture) }
}
