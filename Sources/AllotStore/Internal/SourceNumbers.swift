import GRDB

/// Sources by number: rows name their source by a number, and a source first seen gets
/// the next one (so a higher number means added later).
struct SourceNumbers {
    private(set) var byName: [String: Int64] = [:]
    private(set) var names: [Int64: String] = [:]

    /// Reads every source, and numbers the new ones among `batch` (in their order).
    init(_ db: Database, batch: [String]) throws {
        for row in try Row.fetchAll(db, sql: "SELECT path, number FROM source") {
            byName[row[0]] = row[1]
            names[row[1]] = row[0]
        }
        var next = (names.keys.max() ?? 0) + 1
        for name in batch where byName[name] == nil {
            try db.execute(
                sql: "INSERT INTO source (path, size, modified, sha256, number) VALUES (?, -1, 0, '', ?)", arguments: [name, next])
            byName[name] = next
            names[next] = name
            next += 1
        }
    }
}
