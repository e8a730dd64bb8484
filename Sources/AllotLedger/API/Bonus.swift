/// A one-off grant to every open account at local midnight of a month's 1st.
public struct Bonus: Sendable, Hashable {
    public var month: Month
    public var amount: Int
    public var note: String?

    public init(month: Month, amount: Int, note: String? = nil) {
        self.month = month; self.amount = amount; self.note = note
    }
}
