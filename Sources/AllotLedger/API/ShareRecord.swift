/// A share that moved credits: who gave, who got, and the expiries of what moved.
public struct ShareRecord: Sendable, Hashable {
    public var eventId: String
    public var time: Instant
    public var from: String
    public var to: String
    public var amount: Int
    public var note: String?
    /// The giver's credits as they moved, in consumption order (same expiries merged).
    public var moved: [Lot]
}
