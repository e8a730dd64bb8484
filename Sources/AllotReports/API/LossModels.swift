import AllotLedger

/// One month's credits lost, in a JSON twin: `month` as `YYYY-MM`, then the figures of
/// `CreditLosses` and their total.
package struct LossLine: Codable, Sendable, Equatable {
    package var month: String
    package var expired, forfeited, unanswered, total: Int

    package init(_ m: MonthLosses) {
        month = m.month.description
        expired = m.losses.expired
        forfeited = m.losses.forfeited
        unanswered = m.losses.unanswered
        total = m.losses.total
    }
}

extension TeamModel {
    /// A share the giver's balance could not cover, rejected whole (spec §4, `share`).
    package struct RejectedShare: Codable, Sendable, Equatable {
        package var time, from, to: String
        /// The credits asked for.
        package var amount: Int
        /// The giver's balance at the share, short of `amount`; null when the ledger does not say.
        package var balance: Int?
        package var ref: String

        enum CodingKeys: String, CodingKey { case time, from, to, amount, balance, ref }

        /// `balance` is written as null when unknown.
        package func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(time, forKey: .time)
            try c.encode(from, forKey: .from)
            try c.encode(to, forKey: .to)
            try c.encode(amount, forKey: .amount)
            try c.encode(balance, forKey: .balance)
            try c.encode(ref, forKey: .ref)
        }
    }
}
