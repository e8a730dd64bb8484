/// What claiming a notice found: the claim is the caller's, the notice was delivered
/// already, or another run holds it (abandoned when that run did not finish).
public enum NoticeClaimOutcome: Sendable, Equatable {
    case claimed
    case delivered(NoticeRecord)
    case held(NoticeClaim, abandoned: Bool)
}
