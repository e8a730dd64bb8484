import AllotLedger

/// A run's claim on one seat's notice for one as-of: only the run holding it sends the
/// notice, and it lets go once the notice is delivered (or its delivery failed). A claim
/// left behind belongs to a run that did not finish; it may or may not have sent it.
public struct NoticeClaim: Sendable, Equatable {
    public var account: String
    public var asOf: Instant
    public var contentHash: String
    public var channel: NoticeChannel
    public var claimant: NoticeClaimant
    public var claimedAt: Instant

    public init(
        account: String, asOf: Instant, contentHash: String, channel: NoticeChannel, claimant: NoticeClaimant, claimedAt: Instant
    ) {
        self.account = account; self.asOf = asOf; self.contentHash = contentHash; self.channel = channel
        self.claimant = claimant; self.claimedAt = claimedAt
    }
}
