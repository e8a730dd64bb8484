import AllotReports
import Foundation

/// What the last build of a site folder knew of each team: the key of everything the
/// team's pages were made from, its summary, and the files it wrote. A team whose key
/// is unchanged is not replayed again. `.allot-teams` in the site folder, one JSON line
/// per team.
struct TeamCache {
    struct Entry: Codable, Sendable {
        var team: String
        var key: String
        var summary: TeamSummary
        var paths: [String]
        /// The team's final pages (`PageModel.isFinal`) by path: their keys and files.
        var pages: [String: PageRecord] = [:]
    }

    let folder: String
    static let fileName = ".allot-teams"
    /// The shape of `TeamSummary` the entries hold, part of every build's inputs: a new
    /// summary field (2: credits lost month by month; 3: the forecast's projected expiry and
    /// savings; 4: response rates, all time and month by month; 5: the final pages'
    /// records) bumps it, so no build reuses a summary written without it.
    static let version = 5
    private var path: String { folder + "/" + Self.fileName }

    /// The entries by team; none when the file is missing or unreadable.
    func read() -> [String: Entry] {
        guard let data = FileManager.default.contents(atPath: path), let entries = Self.entries(data) else { return [:] }
        var out: [String: Entry] = [:]
        for entry in entries { out[entry.team] = entry }
        return out
    }

    /// The entries `contents` wrote; nil when any line does not read as one.
    static func entries(_ data: Data) -> [Entry]? { JSONLines.decode(Entry.self, from: data) }

    /// The file's bytes for `entries`; the site writer puts them in place.
    static func contents(_ entries: [Entry]) throws -> Data { try JSONLines.encode(entries) }
}
