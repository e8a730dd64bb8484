/// The slugs of the site: recorded the first time a seat or team needs one and kept for
/// life, after its seat is removed or forgotten too, so a link once built or mailed never
/// opens another seat's pages. What a slug is, is the caller's: the store only records.
extension LedgerStore {
    /// Every recorded slug. The seats and teams the store holds that have none get theirs
    /// from `assign(kind, ids, taken)` (`taken`: every slug of that kind ever recorded),
    /// recorded in one write transaction; when none lacks one, nothing is written.
    public func slugs(
        assigning assign: (_ kind: SlugKind, _ ids: [String], _ taken: Set<String>) -> [String: String]
    ) throws -> RecordedSlugs {
        let recorded = try backend.read { db in try Self.missingSlugs(db).isEmpty ? try Self.recordedSlugs(db) : nil }
        if let recorded { return recorded }
        var out = RecordedSlugs()
        try backend.write { db in
            // Read again inside the write lock: another build may have recorded them.
            let missing = try Self.missingSlugs(db)
            let before = try Self.recordedSlugs(db)
            for (kind, ids) in missing.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                let taken = Set((kind == .seat ? before.seats : before.teams).values)
                let wanted = Set(ids)
                let given = assign(kind, ids, taken).filter { wanted.contains($0.key) }.sorted { $0.key < $1.key }
                _ = try db.insert(into: "slug", columns: ["id", "kind", "slug"], count: given.count) { i, row in
                    row += [.text(given[i].key), .text(kind.rawValue), .text(given[i].value)]
                }
            }
            out = try Self.recordedSlugs(db)
            return .commit
        }
        return out
    }

    /// The ids of seats and of teams the store holds that have no slug, by kind (kinds
    /// with none left out).
    private static func missingSlugs(_ db: any SQLConnection) throws -> [SlugKind: [String]] {
        let seats = try db.texts("SELECT id FROM account a WHERE NOT EXISTS (SELECT 1 FROM slug s WHERE s.kind = 'seat' AND s.id = a.id)")
        let teams = try db.texts(
            "SELECT DISTINCT team FROM account a WHERE NOT EXISTS (SELECT 1 FROM slug s WHERE s.kind = 'team' AND s.id = a.team)")
        var out: [SlugKind: [String]] = [:]
        if !seats.isEmpty { out[.seat] = seats }
        if !teams.isEmpty { out[.team] = teams }
        return out
    }

    private static func recordedSlugs(_ db: any SQLConnection) throws -> RecordedSlugs {
        var out = RecordedSlugs()
        try db.query("SELECT kind, id, slug FROM slug", arguments: []) { row in
            guard let kind = row.text(0).flatMap(SlugKind.init(rawValue:)), let id = row.text(1), let slug = row.text(2) else { return }
            switch kind {
            case .seat: out.seats[id] = slug
            case .team: out.teams[id] = slug
            }
        }
        return out
    }

    /// The table as SQLite holds it, created by the store's migration "v10: slugs for life".
    static let slugTableSQL = """
        CREATE TABLE slug (
            kind TEXT NOT NULL, id TEXT NOT NULL, slug TEXT NOT NULL, PRIMARY KEY (kind, id)) WITHOUT ROWID;
        CREATE UNIQUE INDEX slug_taken ON slug(kind, slug);
        """
}
