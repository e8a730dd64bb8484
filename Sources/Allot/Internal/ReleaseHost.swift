/// A place releases are published to and `current` is switched on: a local folder
/// (`Publisher`) or a folder on another host over SSH (`RemotePublisher`).
protocol ReleaseHost {
    /// The release `current` points at.
    func current() throws -> String?
    /// Copies `files` (paths relative to `site`) into a new release `id` and switches to it.
    func publish(site: String, files: [String], id: String) throws -> ReleaseChange
    /// Points `current` back at the release before it.
    func rollback() throws -> ReleaseChange
    /// Removes all but the newest `keep` releases, never the current one.
    func prune(keep: Int) throws -> [String]
}

extension Publisher: ReleaseHost {}
