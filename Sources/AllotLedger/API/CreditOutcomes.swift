/// Where one seat's credits came from and how they ended, from its opening to as-of,
/// followed lot by lot (spec §9): for each kind of origin, the credits its lots brought
/// and how many of those were sent, shared out, adjusted away, expired or forfeited, or
/// are still held. Each row adds up: `brought = sent + sharedOut + adjusted + expired +
/// forfeited + held`. A refunded send counts as sent; its refund is a new lot, brought by
/// the `refund` row.
public struct CreditOutcomes: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        /// `LotOrigin.kind`: `allotment`, `bonus`, `grant`, `adjust`, `refund` or `share`.
        public var origin: String
        public var brought = 0, sent = 0, sharedOut = 0, adjusted = 0, expired = 0, forfeited = 0, held = 0

        public init(origin: String) { self.origin = origin }

        /// What the row's credits came to: all it brought.
        public var ended: Int { sent + sharedOut + adjusted + expired + forfeited + held }
    }

    /// The origins that brought credits, in the order of `Self.origins`.
    public var rows: [Row]

    public static let origins = ["allotment", "bonus", "grant", "adjust", "refund", "share"]

    public init(_ account: AccountLedger) {
        var originOfLot: [String: String] = [:]
        var byOrigin = Dictionary(uniqueKeysWithValues: Self.origins.map { ($0, Row(origin: $0)) })
        func add(_ origin: String, _ change: (inout Row) -> Void) {
            change(&byOrigin[origin, default: Row(origin: origin)])
        }
        for p in account.postings {
            let made: String? =
                switch p.kind {
                case .allotment: "allotment"
                case .bonus: "bonus"
                case .grant: "grant"
                case .adjust where p.amount > 0: "adjust"
                case .refund: "refund"
                case .shareIn: "share"
                default: nil
                }
            for draw in p.lots {
                if let made {
                    originOfLot[draw.lot] = made
                    add(made) { $0.brought += draw.amount }
                    continue
                }
                let origin = originOfLot[draw.lot] ?? "unknown"
                switch p.kind {
                case .send: add(origin) { $0.sent += draw.amount }
                case .shareOut: add(origin) { $0.sharedOut += draw.amount }
                case .adjust: add(origin) { $0.adjusted += draw.amount }
                case .expire: add(origin) { $0.expired += draw.amount }
                case .forfeit: add(origin) { $0.forfeited += draw.amount }
                default: break
                }
            }
        }
        for lot in account.lots where lot.amount > 0 {
            add(originOfLot[lot.id] ?? lot.origin?.kind ?? "unknown") { $0.held += lot.amount }
        }
        rows = (Self.origins + (byOrigin["unknown"] == nil ? [] : ["unknown"])).compactMap { byOrigin[$0] }.filter {
            $0.brought > 0 || $0.ended > 0
        }
    }
}
