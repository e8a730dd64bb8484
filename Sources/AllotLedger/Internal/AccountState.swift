/// One account while the replay runs.
struct AccountState {
    let account: Account
    var lots: [Lot] = []
    var balance = 0
    var nextSequence = 0
    var isClosed = false
    var postings: [Posting] = []
    var messages: [SentMessage] = []
    var lotsAtMonthStart: [Month: [Lot]] = [:]

    init(account: Account) { self.account = account }

    mutating func post(_ kind: Posting.Kind, _ amount: Int, at t: Instant, capped: Int = 0, ref: String? = nil, note: String? = nil) {
        balance += amount
        postings.append(Posting(time: t, kind: kind, amount: amount, balance: balance, capped: capped, ref: ref, note: note))
    }

    /// Lots expiring at the same instant make one posting: one line on a statement.
    mutating func postExpiry(_ amount: Int, at t: Instant) {
        if let last = postings.last, last.kind == .expire, last.time == t {
            balance -= amount
            postings[postings.count - 1].amount -= amount
            postings[postings.count - 1].balance = balance
        } else {
            post(.expire, -amount, at: t)
        }
    }

    /// Adds a lot in consumption order and returns its sequence number.
    mutating func addLot(_ amount: Int, expires: Instant?) -> Int {
        let lot = Lot(amount: amount, expires: expires, sequence: nextSequence)
        nextSequence += 1
        let at = lots.firstIndex { Lot.consumedBefore(lot, $0) } ?? lots.count
        lots.insert(lot, at: at)
        return lot.sequence
    }

    /// Takes `amount` credits in consumption order; the caller has checked the balance.
    /// Returns the expiries and amounts taken, in order.
    mutating func takeCredits(_ amount: Int) -> [(expires: Instant?, amount: Int)] {
        var left = amount, taken: [(expires: Instant?, amount: Int)] = []
        var used = 0
        while left > 0, used < lots.count {
            let n = min(lots[used].amount, left)
            lots[used].amount -= n
            left -= n
            if let last = taken.last, last.expires == lots[used].expires {
                taken[taken.count - 1].amount += n
            } else {
                taken.append((lots[used].expires, n))
            }
            if lots[used].amount == 0 { used += 1 }
        }
        lots.removeFirst(used)
        return taken
    }

    /// Removes the lot with this sequence number, returning what it still held.
    mutating func removeLot(sequence: Int) -> Int {
        guard let i = lots.firstIndex(where: { $0.sequence == sequence }) else { return 0 }
        return lots.remove(at: i).amount
    }
}
