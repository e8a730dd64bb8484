/// Where `allot publish --to` puts releases: a folder on this machine, or one on another
/// host reached over SSH (`ssh://user@host[:port]/path`, or rsync's `user@host:/path`).
public enum PublishDestination: Sendable, Equatable {
    case folder(String)
    case remote(user: String?, host: String, port: Int?, path: String)

    /// Reads `--to`: a URL with the `ssh` scheme, `[user@]host:path` when a colon comes
    /// before any slash (as rsync and scp read it), else a local folder.
    public init(parsing text: String) throws {
        if text.hasPrefix("ssh://") {
            let rest = text.dropFirst("ssh://".count)
            guard let slash = rest.firstIndex(of: "/"), slash != rest.startIndex else {
                throw AllotError("\(text) has no path on the host; write ssh://user@host/path/to/folder")
            }
            let (user, hostPort) = Self.user(String(rest[..<slash]))
            var host = hostPort, port: Int?
            if let colon = hostPort.lastIndex(of: ":") {
                guard let number = Int(hostPort[hostPort.index(after: colon)...]), (1...65535).contains(number) else {
                    throw AllotError("\(text) has a port that is not a number from 1 to 65535")
                }
                host = String(hostPort[..<colon])
                port = number
            }
            guard !host.isEmpty else { throw AllotError("\(text) names no host; write ssh://user@host/path/to/folder") }
            self = .remote(user: user, host: host, port: port, path: String(rest[slash...]))
            return
        }
        if let colon = text.firstIndex(of: ":"), !text[..<colon].contains("/"), colon != text.startIndex {
            let (user, host) = Self.user(String(text[..<colon]))
            let path = String(text[text.index(after: colon)...])
            guard !path.isEmpty else { throw AllotError("\(text) has no path on the host; write user@host:/path/to/folder") }
            self = .remote(user: user, host: host, port: nil, path: path)
            return
        }
        self = .folder(text)
    }

    private static func user(_ text: String) -> (String?, String) {
        guard let at = text.lastIndex(of: "@") else { return (nil, text) }
        return (String(text[..<at]), String(text[text.index(after: at)...]))
    }
}
