/// Where a lot's credits came from (spec §9).
public enum LotOrigin: Sendable, Hashable {
    /// A policy's allotment at this instant.
    case allotment(Instant)
    /// A `[[bonus]]` of this month.
    case bonus(month: Month, note: String?)
    /// A grant event.
    case grant(event: String, note: String?)
    /// A positive adjust event.
    case adjust(event: String, note: String?)
    /// The refund of a send: its event id and its message.
    case refund(event: String, message: String)
    /// A share: its event id, the giver's account and the giver's lot it was drawn from.
    case share(event: String, from: String, fromLot: String)

    /// The origin's kind as the JSON twins name it: `allotment`, `bonus`, `grant`, `adjust`,
    /// `refund` or `share`.
    public var kind: String {
        switch self {
        case .allotment: "allotment"
        case .bonus: "bonus"
        case .grant: "grant"
        case .adjust: "adjust"
        case .refund: "refund"
        case .share: "share"
        }
    }
}
