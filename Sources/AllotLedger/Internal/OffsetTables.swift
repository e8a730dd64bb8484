import Foundation

/// One offset table per zone per process: calendars are made often (every config read,
/// hundreds of tests), and each table fills in as the zone's years are asked for.
enum OffsetTables {
    private static let cache = Cache()

    static func table(for identifier: String, _ zone: TimeZone) -> OffsetTable {
        cache.lock.withLock {
            if let table = cache.tables[identifier] { return table }
            let table = OffsetTable(zone)
            cache.tables[identifier] = table
            return table
        }
    }
}

/// `tables` is read and written only under `lock`.
private final class Cache: @unchecked Sendable {
    let lock = NSLock()
    var tables: [String: OffsetTable] = [:]
}
