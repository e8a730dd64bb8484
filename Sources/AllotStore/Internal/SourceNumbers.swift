/// Sources by number: rows name their source by a number, and a source first seen gets
/// the next one (so a higher number means added later).
struct SourceNumbers {
    private(set) var byName: [String: Int64] = [:]
    private(set) var names: [Int64: String] = [:]

    /// Reads every source, and numbers the new ones among `batch` (in their order).
    init(_ db: any SQLConnection, batch: [String]) throws {
        try db.query("SELECT path, number FROM source", arguments: []) { row in
            guard let path = row.text(0), let number = row.integer(1) else { return }
            byName[path] = number
            names[number] = path
        }
        var next = (names.keys.max() ?? 0) + 1
        for name in batch where byName[name] == nil {
            try db.execute("INSERT INTO source (path, size, modified, sha256, number) VALUES (?, -1, 0, '', ?)", name, next)
            byName[name] = next
            names[next] = name
            next += 1
        }
    }
}
