/// An account's credits expiring and response windows closing soon (spec §7).
public struct ExpiryWarning: Sendable {
    public var account: Account
    /// Lots whose expiry falls in [as_of, as_of + horizon), those with the same expiry as one.
    public var expiring: [Lot]
    /// Pending messages (refund_on = response) whose window closes in that range.
    public var pending: [SentMessage]

    public var expiringTotal: Int { expiring.reduce(0) { $0 + $1.amount } }
    public var pendingTotal: Int { pending.count }
}

extension Ledger {
    /// End of the warning range: as_of + `warn_days` days.
    public var warningHorizon: Instant { settings.calendar.adding(days: settings.warnDays, to: asOf) }

    /// Accounts not closed before as_of with something expiring or closing within the
    /// horizon, by account id. Lots and messages are soonest first.
    public func warnings() -> [ExpiryWarning] {
        let horizon = warningHorizon
        return accounts.compactMap { ledger in
            if let c = ledger.account.closed, c < asOf { return nil }
            let expiring = Lot.mergingSameExpiry(ledger.lots).filter { lot in lot.expires.map { $0 >= asOf && $0 < horizon } ?? false }
            let pending = ledger.messages.filter { m in
                guard m.refundOn == .response, let w = m.closes, w >= asOf, w < horizon else { return false }
                return m.isPending(at: asOf)
            }.sorted { $0.closes! != $1.closes! ? $0.closes! < $1.closes! : UTF8Order.precedes($0.eventId, $1.eventId) }
            guard !expiring.isEmpty || !pending.isEmpty else { return nil }
            return ExpiryWarning(account: ledger.account, expiring: expiring, pending: pending)
        }
    }
}
