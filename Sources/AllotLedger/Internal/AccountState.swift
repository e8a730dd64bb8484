/// One account while the replay runs.
struct AccountState {
    let account: Account
    /// Lots in consumption order from `head` on; lots before it are used up or expired.
    /// Most lots leave from the front, so they are dropped by moving `head`, not by
    /// shifting every lot behind them (which made long ledgers quadratic).
    private var lotStore: [Lot] = []
    private var head = 0
    var balance = 0
    var nextSequence = 0
    var isClosed = false
    var postings: [Posting] = []
    var messages: [SentMessage] = []
    var lotsAtMonthStart: [Month: [Lot]] = [:]

    init(account: Account) { self.account = account }

    var lots: [Lot] {
        get { Array(lotStore[head...]) }
        set { lotStore = newValue; head = 0 }
    }

    private mutating func dropFront(_ n: Int) {
        head += n
        if head > 64 && head * 2 > lotStore.count {
            lotStore.removeFirst(head)
            head = 0
        }
    }

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
        // Lots stay in consumption order; a new one usually goes last, so search, don't scan.
        var low = head, high = lotStore.count
        while low < high {
            let mid = (low + high) / 2
            if Lot.consumedBefore(lot, lotStore[mid]) { high = mid } else { low = mid + 1 }
        }
        lotStore.insert(lot, at: low)
        return lot.sequence
    }

    /// Takes `amount` credits in consumption order; the caller has checked the balance.
    /// Returns the expiries and amounts taken, in order.
    mutating func takeCredits(_ amount: Int) -> [(expires: Instant?, amount: Int)] {
        var left = amount, taken: [(expires: Instant?, amount: Int)] = []
        var used = head
        while left > 0, used < lotStore.count {
            let n = min(lotStore[used].amount, left)
            lotStore[used].amount -= n
            left -= n
            if let last = taken.last, last.expires == lotStore[used].expires {
                taken[taken.count - 1].amount += n
            } else {
                taken.append((lotStore[used].expires, n))
            }
            if lotStore[used].amount == 0 { used += 1 }
        }
        dropFront(used - head)
        return taken
    }

    /// Removes the lot with this sequence number, returning what it still held.
    mutating func removeLot(sequence: Int) -> Int {
        guard let i = lotStore[head...].firstIndex(where: { $0.sequence == sequence }) else { return 0 }
        let amount = lotStore[i].amount
        if i == head { dropFront(1) } else { lotStore.remove(at: i) }
        return amount
    }
}
