import Foundation

/// A libpq connection URI (`postgresql://user@host:5432/allot`,
/// `postgresql:///allot?host=/run/postgresql`) as a store location: anything else is an
/// SQLite file's path.
public enum PostgresURI {
    /// Whether `location` names a PostgreSQL database.
    public static func names(_ location: String) -> Bool {
        location.hasPrefix("postgresql://") || location.hasPrefix("postgres://")
    }

    /// The libpq parameters whose values are no secret, shown as written. Every other
    /// value (`password`, `sslpassword`, a misspelt or unknown key such as `PASSWORD`) is
    /// taken for one.
    static let plainParameters: Set<String> = [
        "host", "hostaddr", "port", "dbname", "user", "passfile", "require_auth", "channel_binding", "connect_timeout",
        "client_encoding", "options", "application_name", "fallback_application_name", "keepalives", "keepalives_idle",
        "keepalives_interval", "keepalives_count", "tcp_user_timeout", "replication", "gssencmode", "sslmode", "sslnegotiation",
        "sslcompression", "sslcert", "sslkey", "sslcertmode", "sslrootcert", "sslcrl", "sslcrldir", "sslsni", "requirepeer",
        "ssl_min_protocol_version", "ssl_max_protocol_version", "krbsrvname", "gsslib", "gssdelegation", "service",
        "target_session_attrs", "load_balance_hosts",
    ]

    /// The URI with every secret in it replaced by `***`: the password of `user:password@`,
    /// and the value of every query parameter but `plainParameters` (a parameter with no
    /// `=` whole): how messages name the store.
    public static func redacted(_ uri: String) -> String {
        var text = uri
        for range in secretRanges(in: uri).reversed() { text.replaceSubrange(range, with: "***") }
        return text
    }

    /// `text` (a message of libpq's or the server's) with every secret of `uri` in it, as
    /// written or percent-decoded, replaced by `***`.
    static func redacting(_ text: String, of uri: String) -> String {
        let written = secretRanges(in: uri).map { String(uri[$0]) }
        let secrets = Set(written + written.compactMap { $0.removingPercentEncoding }).filter { !$0.isEmpty }
        return secrets.sorted { $0.count > $1.count }.reduce(text) { $0.replacingOccurrences(of: $1, with: "***") }
    }

    /// Why libpq would read the URI otherwise than it looks, such that its messages could
    /// show part of a secret; nil when it would not. libpq ends the user name and password
    /// at the first `@`, `/` or `?`: one `@` more, or a `/` or `?` before the `@` (in a
    /// password, unencoded), makes part of the password a host, port or database name,
    /// which its messages show.
    static func misreading(_ uri: String) -> String? {
        guard let scheme = uri.range(of: "://") else { return nil }
        let rest = uri[scheme.upperBound...]
        guard let firstAt = rest.firstIndex(of: "@") else { return nil }
        let authority = rest.prefix { $0 != "/" && $0 != "?" }
        let misread = firstAt < authority.endIndex ? authority.filter { $0 == "@" }.count > 1 : authority.contains(":")
        guard misread else { return nil }
        return
            "holds an \"@\" libpq would read otherwise than meant, taking part of the user name or password for a host, port or database; write \"@\", \"/\" and \"?\" inside a user name, password or parameter as %40, %2F and %3F"
    }

    /// Where the URI holds secrets, in order: the password, or the whole of what precedes
    /// the last `@` when libpq would misread it; then the parameters' values.
    private static func secretRanges(in uri: String) -> [Range<String.Index>] {
        guard let scheme = uri.range(of: "://") else { return [] }
        var rest = uri[scheme.upperBound...]
        var found: [Range<String.Index>] = []
        if misreading(uri) != nil, let at = rest.lastIndex(of: "@") {
            found.append(rest.startIndex..<at)
            rest = rest[at...]
        } else {
            let authority = rest.prefix { $0 != "/" && $0 != "?" }
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":"), authority.index(after: colon) < at {
                found.append(authority.index(after: colon)..<at)
            }
        }
        if let query = rest.firstIndex(of: "?") {
            for pair in rest[rest.index(after: query)...].split(separator: "&") {
                guard let equals = pair.firstIndex(of: "=") else {
                    found.append(pair.startIndex..<pair.endIndex)
                    continue
                }
                let key = String(pair[..<equals])
                let start = pair.index(after: equals)
                if !plainParameters.contains(key.removingPercentEncoding ?? key) && start < pair.endIndex {
                    found.append(start..<pair.endIndex)
                }
            }
        }
        return found
    }
}
