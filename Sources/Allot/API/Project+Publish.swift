extension Project {
    /// Builds the site into `site` (as `buildSite` does), then publishes it for a web
    /// server that serves `folder/current`: copies it whole into `folder/releases/<id>/`
    /// and switches the symlink `folder/current` to it with one atomic rename, so readers
    /// never see a half-copied or mixed site. Nothing is published when the build fails,
    /// or when the site is the current release's. Keeps the newest `keep` releases, never
    /// removing the current one. The release id is `releasedAt` in UTC and a hash of the
    /// site's files, `20261126T145500Z-3f1c0a9b2e`, so ids sort by time. `folder` may be
    /// on another host (`ssh://user@host[:port]/path` or `user@host:/path`, see
    /// `PublishDestination`): the release goes there with rsync over `ssh`.
    public func publish(
        site: String, to folder: String, keep: Int = 5, releasedAt: Instant, asOf: Instant? = nil, templates: String? = nil,
        reports: [any Report] = BuiltInReports.all, ssh: String = "ssh", progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws -> PublishResult {
        guard keep >= 1 else { throw AllotError("keep must be 1 or more") }
        let publisher = try Self.host(folder, ssh: ssh)
        // Before the build: a host that cannot be reached is said at once.
        _ = try publisher.current()
        _ = try buildSite(into: site, asOf: asOf, templates: templates, reports: reports, progress: progress)
        guard let files = SiteWriter.manifest(of: site) else { throw AllotError("\(site) holds no built site") }
        let content = Publisher.contentID(site, files)
        if let current = try publisher.current(), current.hasSuffix("-" + content) { return .unchanged(current: current) }
        let change = try publisher.publish(site: site, files: files, id: Publisher.releaseID(at: releasedAt, content: content))
        return .published(change, pruned: try publisher.prune(keep: keep))
    }

    /// Switches `folder/current` back to the release before the current one; builds
    /// nothing and needs no project. `folder` may be on another host, as for `publish`.
    public static func rollback(in folder: String, ssh: String = "ssh") throws -> ReleaseChange {
        try host(folder, ssh: ssh).rollback()
    }

    private static func host(_ folder: String, ssh: String) throws -> any ReleaseHost {
        switch try PublishDestination(parsing: folder) {
        case .folder(let path): return Publisher(folder: path)
        case .remote(let user, let host, let port, let path):
            return RemotePublisher(user: user, host: host, port: port, path: path, ssh: ssh)
        }
    }
}
