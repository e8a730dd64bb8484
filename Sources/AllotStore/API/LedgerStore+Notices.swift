import AllotLedger

/// The notice log: at most one delivery per seat and as-of. A run claims a notice in a
/// short write transaction before it sends it, sends with no transaction open, and then
/// records the delivery (or, when the delivery failed, lets go of the claim), so runs at
/// the same time, in several processes or on several hosts, never send the same notice.
extension LedgerStore {
    /// The notice already delivered to this seat for this as-of, if any.
    public func deliveredNotice(account: String, asOf: Instant) throws -> NoticeRecord? {
        try backend.read { db in try Self.delivered(account, asOf, db) }
    }

    /// The claim a run holds on this seat's notice for this as-of, if any.
    public func noticeClaim(account: String, asOf: Instant) throws -> NoticeClaim? {
        try backend.read { db in try Self.claim(account, asOf, db) }
    }

    /// Claims a notice for the caller, unless it is delivered already (and `overDelivered`
    /// is false: a resend) or another run holds it. A claim `isAbandoned` says was left by a
    /// run that did not finish is taken over when `overAbandoned`, and otherwise reported.
    /// `isAbandoned` runs inside the transaction, so a run it judges cannot record its
    /// delivery in the meantime.
    public func claimNotice(
        _ claim: NoticeClaim, overDelivered: Bool, overAbandoned: Bool, isAbandoned: (NoticeClaim) -> Bool
    ) throws -> NoticeClaimOutcome {
        var outcome = NoticeClaimOutcome.claimed
        try backend.write { db in
            if let held = try Self.claim(claim.account, claim.asOf, db) {
                let abandoned = isAbandoned(held)
                guard abandoned && overAbandoned else {
                    outcome = .held(held, abandoned: abandoned)
                    return .rollback
                }
            } else if !overDelivered, let record = try Self.delivered(claim.account, claim.asOf, db) {
                outcome = .delivered(record)
                return .rollback
            }
            try db.execute(
                """
                INSERT INTO notice_claim (account, as_of, content_hash, channel, host, pid, start_ticks, claimed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(account, as_of) DO UPDATE SET content_hash = excluded.content_hash, channel = excluded.channel,
                    host = excluded.host, pid = excluded.pid, start_ticks = excluded.start_ticks, claimed_at = excluded.claimed_at
                """, claim.account, claim.asOf.millis, claim.contentHash, claim.channel.rawValue, claim.claimant.host,
                claim.claimant.pid, claim.claimant.startTicks, claim.claimedAt.millis)
            return .commit
        }
        return outcome
    }

    /// Records the claimed notice as delivered (replacing an earlier delivery: a resend)
    /// and lets go of the claim, in one transaction.
    public func recordDelivery(of claim: NoticeClaim, at deliveredAt: Instant) throws {
        try backend.write { db in
            try Self.deleteClaim(claim, db)
            try db.execute(
                """
                INSERT INTO notice (account, as_of, content_hash, delivered_at, channel, host, pid) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(account, as_of) DO UPDATE SET content_hash = excluded.content_hash,
                    delivered_at = excluded.delivered_at, channel = excluded.channel, host = excluded.host, pid = excluded.pid
                """, claim.account, claim.asOf.millis, claim.contentHash, deliveredAt.millis, claim.channel.rawValue,
                claim.claimant.host, claim.claimant.pid)
            return .commit
        }
    }

    /// Lets go of a claim whose delivery failed, so the next run tries again.
    public func releaseClaim(_ claim: NoticeClaim) throws {
        try backend.write { db in
            try Self.deleteClaim(claim, db)
            return .commit
        }
    }

    /// Deletes the claim only while it is still the caller's (another run may have taken
    /// it over as abandoned).
    private static func deleteClaim(_ claim: NoticeClaim, _ db: any SQLConnection) throws {
        try db.execute(
            """
            DELETE FROM notice_claim WHERE account = ? AND as_of = ? AND host = ? AND pid = ?
                AND start_ticks IS NOT DISTINCT FROM ? AND claimed_at = ?
            """, claim.account, claim.asOf.millis, claim.claimant.host, claim.claimant.pid, claim.claimant.startTicks,
            claim.claimedAt.millis)
    }

    private static func delivered(_ account: String, _ asOf: Instant, _ db: any SQLConnection) throws -> NoticeRecord? {
        try db.first(
            "SELECT content_hash, delivered_at, channel, host, pid FROM notice WHERE account = ? AND as_of = ?", account, asOf.millis
        ) {
            NoticeRecord(
                account: account, asOf: asOf, contentHash: $0.text(0) ?? "", deliveredAt: Instant(millis: $0.integer(1) ?? 0),
                channel: try $0.text(2).map(channel), host: $0.text(3), pid: $0.integer(4).map { Int32($0) })
        }
    }

    private static func claim(_ account: String, _ asOf: Instant, _ db: any SQLConnection) throws -> NoticeClaim? {
        try db.first(
            "SELECT content_hash, channel, host, pid, start_ticks, claimed_at FROM notice_claim WHERE account = ? AND as_of = ?",
            account, asOf.millis
        ) {
            NoticeClaim(
                account: account, asOf: asOf, contentHash: $0.text(0) ?? "", channel: try channel($0.text(1) ?? ""),
                claimant: NoticeClaimant(host: $0.text(2) ?? "", pid: Int32($0.integer(3) ?? 0), startTicks: $0.integer(4)),
                claimedAt: Instant(millis: $0.integer(5) ?? 0))
        }
    }

    private static func channel(_ name: String) throws -> NoticeChannel {
        guard let channel = NoticeChannel(rawValue: name) else {
            throw StoreDamage("the store logs a notice sent through \"\(name)\", a channel this version of Allot does not know")
        }
        return channel
    }
}
