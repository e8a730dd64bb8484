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
    /// The origin of every lot ever made, by sequence number.
    var origins: [LotOrigin] = []

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

    mutating func post(
        _ kind: Posting.Kind, _ amount: Int, at t: Instant, capped: Int = 0, ref: String? = nil, note: String? = nil,
        lots: [LotDraw] = []
    ) {
        balance += amount
        postings.append(
            Posting(time: t, kind: kind, amount: amount, balance: balance, capped: capped, ref: ref, note: note, lots: lots))
    }

    /// Lots expiring at the same instant make one posting: one line on a statement, which
    /// names each lot.
    mutating func postExpiry(_ draw: LotDraw, at t: Instant) {
        if let last = postings.last, last.kind == .expire, last.time == t {
            balance -= draw.amount
            postings[postings.count - 1].amount -= draw.amount
            postings[postings.count - 1].balance = balance
            postings[postings.count - 1].lots.append(draw)
        } else {
            post(.expire, -draw.amount, at: t, lots: [draw])
        }
    }

    /// Adds a lot in consumption order and returns its sequence number.
    mutating func addLot(_ amount: Int, expires: Instant?, origin: LotOrigin) -> Int {
        let lot = Lot(amount: amount, expires: expires, sequence: nextSequence, origin: origin)
        nextSequence += 1
        origins.append(origin)
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
    /// Returns each lot drawn on, with the amount taken from it, in order.
    mutating func takeCredits(_ amount: Int) -> [(lot: Lot, amount: Int)] {
        var left = amount, taken: [(lot: Lot, amount: Int)] = []
        var used = head
        while left > 0, used < lotStore.count {
            let n = min(lotStore[used].amount, left)
            lotStore[used].amount -= n
            left -= n
            taken.append((lotStore[used], n))
            if lotStore[used].amount == 0 { used += 1 }
        }
        dropFront(used - head)
        return taken
    }

    /// Removes the lot with this sequence number, returning it with what it still held.
    mutating func removeLot(sequence: Int) -> Lot? {
        guard let i = lotStore[head...].firstIndex(where: { $0.sequence == sequence }) else { return nil }
        let lot = lotStore[i]
        if i == head { dropFront(1) } else { lotStore.remove(at: i) }
        return lot
    }
}
