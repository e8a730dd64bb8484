/// A libpq connection URI (`postgresql://user@host:5432/allot`,
/// `postgresql:///allot?host=/run/postgresql`) as a store location: anything else is an
/// SQLite file's path.
public enum PostgresURI {
    /// Whether `location` names a PostgreSQL database.
    public static func names(_ location: String) -> Bool {
        location.hasPrefix("postgresql://") || location.hasPrefix("postgres://")
    }

    /// The URI with its password (`user:password@`, `?password=`) replaced by `***`:
    /// how messages name the store.
    public static func redacted(_ uri: String) -> String {
        var text = uri
        for range in passwordRanges(in: uri).reversed() { text.replaceSubrange(range, with: "***") }
        return text
    }

    /// `text` (a message of libpq's) with any password of `uri` in it replaced by `***`.
    static func redacting(_ text: String, of uri: String) -> String {
        passwordRanges(in: uri).map { String(uri[$0]) }.sorted { $0.count > $1.count }
            .reduce(text) { $0.replacingOccurrences(of: $1, with: "***") }
    }

    /// Where the URI holds passwords, in order.
    private static func passwordRanges(in uri: String) -> [Range<String.Index>] {
        guard let scheme = uri.range(of: "://") else { return [] }
        let rest = uri[scheme.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" }
        var found: [Range<String.Index>] = []
        if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":"), authority.index(after: colon) < at {
            found.append(authority.index(after: colon)..<at)
        }
        if let query = rest.firstIndex(of: "?") {
            for pair in rest[rest.index(after: query)...].split(separator: "&") where pair.hasPrefix("password=") {
                let start = pair.index(pair.startIndex, offsetBy: "password=".count)
                if start < pair.endIndex { found.append(start..<pair.endIndex) }
            }
        }
        return found
    }
}
