/// What switching `current` from one release to another changed: the site's paths
/// added, changed and removed, each list sorted.
public struct ReleaseChange: Sendable, Equatable {
    /// The release `current` points at now.
    public var release: String
    /// The release it pointed at before; nil when nothing was published.
    public var previous: String?
    public var added: [String] = [], changed: [String] = [], removed: [String] = []
}
