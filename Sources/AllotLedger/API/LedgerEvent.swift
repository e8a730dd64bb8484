/// One row of an events file (spec §4), already checked and resolved to instants.
public struct LedgerEvent: Hashable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        case send, accept, decline, share, grant, adjust

        public var isResponse: Bool { self == .accept || self == .decline }
    }

    public var id: String
    public var time: Instant
    public var kind: Kind
    public var account: String?
    public var message: String?
    public var to: String?
    public var amount: Int?
    public var note: String?

    public init(
        id: String, time: Instant, kind: Kind, account: String? = nil, message: String? = nil,
        to: String? = nil, amount: Int? = nil, note: String? = nil
    ) {
        self.id = id; self.time = time; self.kind = kind; self.account = account
        self.message = message; self.to = to; self.amount = amount; self.note = note
    }
}
