/// The store's SQL with PostgreSQL's parameters: `?N` becomes `$N`, and each bare `?`
/// the next number. Quoted text and names are left alone.
enum PostgresPlaceholders {
    static func translate(_ sql: String) -> String {
        var out = "", next = 0, quote: Character?
        out.reserveCapacity(sql.utf8.count + 8)
        var i = sql.startIndex
        while i < sql.endIndex {
            let c = sql[i]
            i = sql.index(after: i)
            if let open = quote {
                if c == open { quote = nil }
                out.append(c)
                continue
            }
            switch c {
            case "'", "\"":
                quote = c
                out.append(c)
            case "?":
                let digits = sql[i...].prefix { $0.isASCII && $0.isNumber }
                if digits.isEmpty {
                    next += 1
                    out += "$\(next)"
                } else {
                    out += "$" + digits
                    i = digits.endIndex
                }
            default: out.append(c)
            }
        }
        return out
    }
}
