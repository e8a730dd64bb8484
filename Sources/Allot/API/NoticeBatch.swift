import AllotMail

/// One seat's expiry notice, ready to deliver.
public struct Notice: Sendable {
    public var account: Account
    public var slug: String
    public var message: MailMessage
}

/// The notices for one as-of, and the warned seats that get none, with why.
public struct NoticeBatch: Sendable {
    public var asOf: Instant
    public var notices: [Notice]
    public var skipped: [(account: Account, reason: String)]
}
