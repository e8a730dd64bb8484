/// Credits a posting created in one lot or took from one (spec §9): the lot's id and a
/// positive amount.
public struct LotDraw: Sendable, Hashable {
    public var lot: String
    public var amount: Int

    public init(lot: String, amount: Int) {
        self.lot = lot
        self.amount = amount
    }
}
