/// What each posting class does to the accounts (spec §3 and §4).
extension TeamReplay {
    func perform(_ item: ScheduledItem) {
        let t = item.time
        switch item.action {
        case .expire(let a, let sequence):
            if let lot = states[a].removeLot(sequence: sequence), lot.amount > 0 {
                states[a].postExpiry(LotDraw(lot: lot.id, amount: lot.amount), at: t)
            }
        case .close(let a):
            let left = states[a].balance
            let held = states[a].lots.filter { $0.amount > 0 }.map { LotDraw(lot: $0.id, amount: $0.amount) }
            states[a].lots.removeAll()
            states[a].isClosed = true
            settleAtClosing(a, at: t)
            if left > 0 { states[a].post(.forfeit, -left, at: t, lots: held) }
        case .policySwitch(let entry):
            switchPolicy(entry, at: t)
        case .allot(let a):
            guard let policy = settings.timeline.policy(at: t) else { return }
            grantCapped(.allotment, policy.allotment, to: a, at: t, policy: policy, origin: .allotment(t))
        case .bonus(let a, let b):
            let bonus = settings.bonuses[b]
            grantCapped(
                .bonus, bonus.amount, to: a, at: t, policy: settings.timeline.policy(at: t),
                origin: .bonus(month: bonus.month, note: bonus.note), note: bonus.note)
        case .refund(let a, let m):
            if let c = states[a].account.closed, c <= t { return }
            let sent = states[a].messages[m]
            let lot = addLot(1, to: a, at: t, origin: .refund(event: sent.eventId, message: sent.message))
            states[a].post(.refund, 1, at: t, ref: sent.eventId, lots: [lot].compactMap { $0 })
            states[a].messages[m].refunded = t
        }
    }

    func apply(_ e: LedgerEvent) {
        guard let a = e.account.flatMap({ indexById[$0] }) else { return }
        let t = e.time
        switch e.kind {
        case .send: send(e, from: a)
        case .grant:
            let lot = addLot(e.amount ?? 0, to: a, at: t, origin: .grant(event: e.id, note: e.note))
            states[a].post(.grant, e.amount ?? 0, at: t, ref: e.id, note: e.note, lots: [lot].compactMap { $0 })
        case .adjust: adjust(e, a)
        case .share: share(e, from: a)
        case .accept, .decline: break
        }
    }

    /// Spec §4: a funded send still open at the closing c (its window or guarantee period
    /// ends at or after c, no counted response before c, no refund yet) can never bring
    /// its credit back: it is lost at closing.
    private func settleAtClosing(_ a: Int, at c: Instant) {
        for i in states[a].messages.indices {
            let m = states[a].messages[i]
            guard m.funded, m.refundOn != nil, m.refunded == nil, let w = m.closes, w >= c else { continue }
            if let r = m.response, r.time < c { continue }
            states[a].messages[i].lostAtClosing = c
        }
    }

    /// A new lot whose expiry follows the policy in force at `t`; schedules its expiry.
    /// Returns the credits it holds, or nil when there are none.
    @discardableResult
    func addLot(_ amount: Int, to a: Int, at t: Instant, expires: Instant?? = .none, origin: LotOrigin) -> LotDraw? {
        guard amount > 0 else { return nil }
        let expiry =
            expires
            ?? settings.timeline.policy(at: t)?.expiry(
                ofLotCreatedAt: t, calendar: calendar,
                history: AccountHistory(account: states[a].account, now: t, messages: states[a].messages))
        let seq = states[a].addLot(amount, expires: expiry, origin: origin)
        if let x = expiry { scheduleExpiry(of: seq, in: a, at: x) }
        return LotDraw(lot: "L\(seq + 1)", amount: amount)
    }

    private func scheduleExpiry(of seq: Int, in a: Int, at x: Instant) {
        guard x < asOf else { return }
        schedule.push(
            ScheduledItem(
                time: x, cls: .expiry, rank: seq &* states.count &+ a, id: "",
                action: .expire(account: a, lot: seq)))
    }

    private func grantCapped(
        _ kind: Posting.Kind, _ amount: Int, to a: Int, at t: Instant, policy: (any Policy)?, origin: LotOrigin,
        note: String? = nil
    ) {
        // A plugin's policy may hand out more than spec §2 allows; held to the range, no
        // sum can overflow.
        let amount = LedgerLimits.credits.clamp(amount)
        var granted = amount
        if let cap = policy?.cap { granted = min(amount, max(0, LedgerLimits.credits.clamp(cap) - states[a].balance)) }
        guard amount > 0 else { return }
        let lot = addLot(granted, to: a, at: t, origin: origin)
        states[a].post(kind, granted, at: t, capped: amount - granted, note: note, lots: [lot].compactMap { $0 })
    }

    private func switchPolicy(_ entry: Int, at t: Instant) {
        let e = settings.timeline.entries[entry]
        guard let expiry = e.policy.carryOverExpiry(startingAt: e.from, calendar: calendar) else { return }
        for a in states.indices {
            var lots = states[a].lots
            guard lots.contains(where: { $0.expires == nil }) else { continue }
            for i in lots.indices where lots[i].expires == nil {
                lots[i].expires = expiry
                scheduleExpiry(of: lots[i].sequence, in: a, at: expiry)
            }
            states[a].lots = lots.sorted(by: Lot.consumedBefore)
        }
    }

    private func send(_ e: LedgerEvent, from a: Int) {
        let t = e.time
        let policy = settings.timeline.policy(at: t)
        let response = e.message.flatMap { firstResponse[$0] }
        let funded = states[a].balance > 0
        var message = SentMessage(
            eventId: e.id, message: e.message ?? "", time: t, funded: funded,
            refundOn: policy?.refundOn, closes: nil, response: response, refunded: nil)
        if funded {
            let taken = states[a].takeCredits(1)
            states[a].post(.send, -1, at: t, ref: e.id, lots: taken.map { LotDraw(lot: $0.lot.id, amount: $0.amount) })
        } else {
            states[a].post(.unfunded, 0, at: t, ref: e.id)
            problems.append(
                LedgerProblem(
                    kind: .unfundedSend, eventId: e.id, time: t, account: states[a].account.id,
                    detail: "no credit left: message \(e.message ?? "") was sent unfunded and will never be refunded"))
        }
        var refundAt: Instant?
        if let policy {
            let w = calendar.adding(days: LedgerLimits.days.clamp(policy.windowDays), to: t)
            message.closes = w
            let answered = response.map { $0.time <= w } ?? false
            switch policy.refundOn {
            case .response: if answered { refundAt = response!.time.adding(hours: settings.refundDelayHours) }
            case .noResponse: if !answered { refundAt = w }
            }
        }
        states[a].messages.append(message)
        if funded, let r = refundAt, r < refundsBefore {
            schedule.push(
                ScheduledItem(
                    time: r, cls: .refund, rank: 0, id: e.id,
                    action: .refund(account: a, message: states[a].messages.count - 1)))
        }
    }

    private func adjust(_ e: LedgerEvent, _ a: Int) {
        let amount = e.amount ?? 0
        if amount > 0 {
            let lot = addLot(amount, to: a, at: e.time, origin: .adjust(event: e.id, note: e.note))
            states[a].post(.adjust, amount, at: e.time, ref: e.id, note: e.note, lots: [lot].compactMap { $0 })
        } else if states[a].balance < -amount {
            problems.append(
                LedgerProblem(
                    kind: .rejectedAdjust, eventId: e.id, time: e.time, account: states[a].account.id,
                    detail: "takes \(-amount) credits but the balance is \(states[a].balance); nothing was taken",
                    amount: -amount, balance: states[a].balance))
        } else if amount < 0 {
            let taken = states[a].takeCredits(-amount)
            states[a].post(
                .adjust, amount, at: e.time, ref: e.id, note: e.note, lots: taken.map { LotDraw(lot: $0.lot.id, amount: $0.amount) })
        }
    }

    private func share(_ e: LedgerEvent, from g: Int) {
        guard let r = e.to.flatMap({ indexById[$0] }), let amount = e.amount, amount > 0 else { return }
        guard states[g].balance >= amount else {
            problems.append(
                LedgerProblem(
                    kind: .rejectedShare, eventId: e.id, time: e.time, account: states[g].account.id,
                    detail: "shares \(amount) credits with \(e.to!) but the balance is \(states[g].balance); nothing moved",
                    to: states[r].account.id, amount: amount, balance: states[g].balance))
            return
        }
        let giver = states[g].account.id
        let taken = states[g].takeCredits(amount)
        states[g].post(
            .shareOut, -amount, at: e.time, ref: e.id, note: e.note, lots: taken.map { LotDraw(lot: $0.lot.id, amount: $0.amount) })
        // One lot for each lot drawn on, in the order drawn: each names the lot it came from.
        let created = taken.compactMap { part in
            addLot(
                part.amount, to: r, at: e.time, expires: .some(part.lot.expires),
                origin: .share(event: e.id, from: giver, fromLot: part.lot.id))
        }
        states[r].post(.shareIn, amount, at: e.time, ref: e.id, note: e.note, lots: created)
        let moved = Lot.mergingSameExpiry(taken.map { Lot(amount: $0.amount, expires: $0.lot.expires, sequence: 0) })
        shares.append(
            ShareRecord(
                eventId: e.id, time: e.time, from: giver, to: states[r].account.id, amount: amount, note: e.note,
                moved: moved.enumerated().map { Lot(amount: $1.amount, expires: $1.expires, sequence: $0) }))
    }
}
