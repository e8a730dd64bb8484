/// What importing a source again did to the rows it held (spec §8): `events.csv: 1
/// added, 2 changed, 1 removed: ev-17, …`.
public struct SourceChange: Sendable, Equatable {
    public var source: String
    public var added: Int
    public var changed: Int
    public var removed: Int
    /// The ids of changed and removed rows (seats and events), the first few in UTF-8 order.
    public var ids: [String]

    public init(source: String, added: Int, changed: Int, removed: Int, ids: [String]) {
        self.source = source; self.added = added; self.changed = changed; self.removed = removed; self.ids = ids
    }

    public var description: String {
        var text = "\(source): \(added) added, \(changed) changed, \(removed) removed"
        if !ids.isEmpty { text += ": " + ids.joined(separator: ", ") + (changed + removed > ids.count ? ", …" : "") }
        return text
    }
}
