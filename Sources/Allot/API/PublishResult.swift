/// What `Project.publish` did.
public enum PublishResult: Sendable, Equatable {
    /// The site is the current release, file for file: nothing was copied or switched.
    case unchanged(current: String)
    /// A new release is current; `pruned` are the old releases removed to keep the newest
    /// ones.
    case published(ReleaseChange, pruned: [String])
}
