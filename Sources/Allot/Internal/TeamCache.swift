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

        init(team: String, key: String, summary: TeamSummary, paths: [String], pages: [String: PageRecord] = [:]) {
            self.team = team; self.key = key; self.summary = summary; self.paths = paths; self.pages = pages
        }

        // On disk a page's files are written once, as its path and the endings of its
        // files (`.html`, `.summary.csv`), and a final page's record as its key alone:
        // a page record's files are the team's files of that page. Written out in full,
        // the paths were nine tenths of a medium site's 16 MB of records.
        private enum CodingKeys: String, CodingKey { case team, key, summary, files, finalKeys }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            team = try c.decode(String.self, forKey: .team)
            key = try c.decode(String.self, forKey: .key)
            summary = try c.decode(TeamSummary.self, forKey: .summary)
            let files = try c.decode([String: [String]].self, forKey: .files)
            var paths: [String] = []
            for (page, endings) in files { for ending in endings { paths.append(page + ending) } }
            self.paths = paths.sorted()
            for (page, key) in try c.decode([String: String].self, forKey: .finalKeys) {
                guard let endings = files[page], !endings.isEmpty else { continue }
                pages[page] = PageRecord(key: key, files: endings.map { page + $0 })
            }
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(team, forKey: .team)
            try c.encode(key, forKey: .key)
            try c.encode(summary, forKey: .summary)
            var files: [String: [String]] = [:]
            for path in paths {
                let (page, ending) = Self.split(path)
                files[page, default: []].append(ending)
            }
            try c.encode(files.mapValues { $0.sorted() }, forKey: .files)
            try c.encode(pages.mapValues(\.key), forKey: .finalKeys)
        }

        /// A file's page (the path up to the first dot of its last part) and the rest.
        static func split(_ path: String) -> (page: String, ending: String) {
            let name = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
            guard let dot = path[name...].firstIndex(of: ".") else { return (path, "") }
            return (String(path[..<dot]), String(path[dot...]))
        }
    }

    let folder: String
    static let fileName = ".allot-teams"
    /// The shape of `TeamSummary` the entries hold, part of every build's inputs: a new
    /// summary field (2: credits lost month by month; 3: the forecast's projected expiry and
    /// savings; 4: response rates, all time and month by month; 5: the final pages'
    /// records; 6: files written once, by page) bumps it, so no build reuses a summary
    /// written without it.
    static let version = 6
    private var path: String { folder + "/" + Self.fileName }

    /// An entry and its line in the file: a build that reuses a team writes the line it
    /// read, and encodes only the teams it rendered, each once.
    struct Line: Sendable {
        var entry: Entry
        var bytes: Data

        init(_ entry: Entry) throws { self.init(entry, bytes: try JSONLines.line(entry)) }

        init(_ entry: Entry, bytes: Data) { self.entry = entry; self.bytes = bytes }
    }

    /// The entries by team, with their lines; none when the file is missing or unreadable.
    func read() -> [String: Line] {
        guard let data = FileManager.default.contents(atPath: path), let lines = JSONLines.decodeLines(Entry.self, from: data)
        else { return [:] }
        var out: [String: Line] = [:]
        for (entry, bytes) in lines { out[entry.team] = Line(entry, bytes: bytes) }
        return out
    }

    /// The file's bytes for these lines, in order.
    static func contents(_ lines: [Line]) -> Data { JSONLines.joined(lines.map(\.bytes)) }

    /// The entries `contents` wrote; nil when any line does not read as one.
    static func entries(_ data: Data) -> [Entry]? { JSONLines.decode(Entry.self, from: data) }

    /// The file's bytes for `entries`; the site writer puts them in place.
    static func contents(_ entries: [Entry]) throws -> Data { try JSONLines.encode(entries) }
}
