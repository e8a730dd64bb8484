import Foundation

/// One team as a shard recorded it in the store: its `TeamCache` entry (key, summary,
/// files) and where its files are. A shard stages the files it rendered in its folder,
/// or none: when the site already holds every one of them with the same bytes (or the
/// team was not rendered again), it keeps them there and records their fingerprint, so
/// the merge can tell that they are still the files the shard found. The files of final
/// pages it did not render again (a monthly update's finished months) stay in the site
/// too, with their own fingerprint.
struct ShardTeam: Codable, Sendable {
    var entry: TeamCache.Entry
    /// nil when the team's files are staged in the shard's folder; else
    /// `SiteWriter.fingerprint` of its files in the site when the shard found them.
    var kept: String?
    /// When the team's files are staged: those of its final pages it did not render
    /// again, left in the site, and their fingerprint there. nil when there are none.
    var keptPages: KeptFiles?

    struct KeptFiles: Codable, Sendable {
        var paths: [String]
        var fingerprint: String
    }

    /// The files the merge takes from the shard's folder.
    var stagedPaths: [String] {
        guard kept == nil else { return [] }
        let left = Set(keptPages?.paths ?? [])
        return entry.paths.filter { !left.contains($0) }
    }

    /// JSON lines, the form the store holds (`ShardRecord.teams`).
    static func contents(_ teams: [ShardTeam]) throws -> String { String(decoding: try JSONLines.encode(teams), as: UTF8.self) }

    /// The teams `contents` wrote; nil when any line does not read as one.
    static func read(_ text: String) -> [ShardTeam]? { JSONLines.decode(ShardTeam.self, from: Data(text.utf8)) }
}
