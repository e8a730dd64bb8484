import AllotLedger
import GRDB

extension LedgerStore {
    /// The notice already delivered to this seat for this as-of, if any.
    public func deliveredNotice(account: String, asOf: Instant) throws -> NoticeRecord? {
        try queue.read { db in
            try Row.fetchOne(
                db, sql: "SELECT account, as_of, content_hash, delivered_at FROM notice WHERE account = ? AND as_of = ?",
                arguments: [account, asOf.millis]
            ).map {
                NoticeRecord(account: $0[0], asOf: Instant(millis: $0[1]), contentHash: $0[2], deliveredAt: Instant(millis: $0[3]))
            }
        }
    }

    /// Records a delivery, replacing an earlier one for the same seat and as-of (a resend).
    public func recordNotice(_ r: NoticeRecord) throws {
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO notice (account, as_of, content_hash, delivered_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT(account, as_of) DO UPDATE SET content_hash = excluded.content_hash, delivered_at = excluded.delivered_at
                    """, arguments: [r.account, r.asOf.millis, r.contentHash, r.deliveredAt.millis])
        }
    }
}
