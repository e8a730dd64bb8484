/// Finds the shares of a `TeamForecast`, one at a time: the receiver projected to run short
/// first and the giver projected to lose credits first (ties by account id) that are not
/// yet tried together. For each of the giver's lots that would expire within the horizon,
/// the amount is what the receiver would send unpaid before it expires, at most what the
/// giver would lose; the largest is tried first. A share is kept when the replay with it
/// loses fewer credits to expiry and leaves the giver no shorter; each kept share lowers
/// the team's expiry, so the search ends.
struct SharePlanner {
    let projection: ForecastProjection
    let baseline: [SeatForecast]
    /// The projection with no share, that `baseline` was read from.
    let unshared: Ledger

    init(_ projection: ForecastProjection, baseline: [SeatForecast], projected: Ledger) {
        self.projection = projection; self.baseline = baseline; unshared = projected
    }

    func plan() -> (seats: [SeatForecast], shares: [SuggestedShare]) {
        var seats = baseline, shares: [SuggestedShare] = []
        var projected = unshared
        var held = projection.heldAtAsOf
        var tried = Set<[String]>()
        search: while true {
            let receivers = seats.filter { $0.shortfall > 0 }.sorted {
                Self.precedes(($0.firstShort!, $0.account), ($1.firstShort!, $1.account))
            }
            let givers = seats.filter { $0.projectedExpiry > 0 }.sorted {
                Self.precedes(($0.firstExpiry!, $0.account), ($1.firstExpiry!, $1.account))
            }
            for receiver in receivers {
                for giver in givers where giver.account != receiver.account && !tried.contains([giver.account, receiver.account]) {
                    tried.insert([giver.account, receiver.account])
                    let lots = held[giver.account] ?? []
                    guard let first = lots.first?.expires else { continue }
                    let lostBefore = seats.reduce(0) { $0 + $1.projectedExpiry }
                    for amount in candidateAmounts(from: lots, giver: giver, to: receiver.account, in: projected) {
                        let share = SuggestedShare(from: giver.account, to: receiver.account, amount: amount, expiring: first)
                        let trial = projection.project(shares + [share])
                        let after = projection.seats(in: trial)
                        let lost = after.reduce(0) { $0 + $1.projectedExpiry }
                        let giverShortAfter = after.first { $0.account == giver.account }?.shortfall ?? 0
                        guard lost < lostBefore, giverShortAfter <= giver.shortfall else { continue }
                        shares.append(share)
                        seats = after
                        projected = trial
                        held[giver.account] = Self.taking(amount, from: lots)
                        tried.removeAll()
                        continue search
                    }
                }
            }
            return (seats, shares)
        }
    }

    /// The amounts worth trying for a share from `giver` to `receiver`, largest first: for
    /// each expiry among the giver's lots that falls within the horizon, what the receiver
    /// would send without credit before it, at most what the lots expiring by then hold and
    /// what the giver would lose. A share takes lots in consumption order, so one that
    /// reaches a later lot carries the earlier ones too.
    private func candidateAmounts(from lots: [Lot], giver: SeatForecast, to receiver: String, in projected: Ledger) -> [Int] {
        var amounts: [Int] = [], heldBy = 0
        for (i, lot) in lots.enumerated() {
            heldBy += lot.amount
            guard let expires = lot.expires, expires < projection.horizonEnd else { break }
            if i + 1 < lots.count, lots[i + 1].expires == expires { continue }
            let unpaid = Self.unpaidSends(of: receiver, in: projected, from: projection.asOf, before: expires)
            let amount = min(giver.projectedExpiry, unpaid, heldBy)
            if amount > 0, amount != amounts.last { amounts.append(amount) }
        }
        return amounts.reversed()
    }

    /// Synthetic sends of `account` in `[from, before)` that went out without credit.
    static func unpaidSends(of account: String, in ledger: Ledger, from: Instant, before: Instant) -> Int {
        (ledger[account]?.postings ?? []).count {
            $0.kind == .unfunded && $0.time >= from && $0.time < before && $0.ref?.hasPrefix("\u{0}forecast ") == true
        }
    }

    /// `lots` after `amount` is taken from them in consumption order.
    static func taking(_ amount: Int, from lots: [Lot]) -> [Lot] {
        var rest = amount, out: [Lot] = []
        for var lot in lots {
            let taken = min(rest, lot.amount)
            rest -= taken
            lot.amount -= taken
            if lot.amount > 0 { out.append(lot) }
        }
        return out
    }

    /// Earlier instant first, then account id by UTF-8 bytes.
    static func precedes(_ a: (Instant, String), _ b: (Instant, String)) -> Bool {
        a.0 != b.0 ? a.0 < b.0 : UTF8Order.precedes(a.1, b.1)
    }
}
