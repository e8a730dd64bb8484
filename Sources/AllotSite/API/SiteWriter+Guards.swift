import AllotSupport
import Foundation

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

extension SiteWriter {
    /// Names Allot keeps in a site folder besides the pages.
    static let ownNames: Set<String> = [manifestName, stagingName, SiteLock.fileName, ".allot-shards", fileStatsName]

    /// A build writes only into a missing or empty folder, or one an earlier build wrote
    /// (its manifest): a first build into a folder holding the user's own files (their
    /// `index.html`, a home folder, the ledger's folder, `/`) would overwrite and later
    /// remove them.
    public static func refuseForeignFolder(_ folder: String) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else { return }
        guard manifest(of: folder) == nil else { return }
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !ownNames.contains($0) }.sorted()
        guard !entries.isEmpty else { return }
        let shown = entries.prefix(3).joined(separator: ", ") + (entries.count > 3 ? ", …" : "")
        throw AllotError(
            "holds files no Allot build wrote (\(shown)); build into an empty or new folder with --out, or into one an earlier build made",
            path: folder)
    }

    /// Refuses when a folder on the way to any of `paths` is a symbolic link: a build never
    /// writes or removes through a link it did not make (one planted at `accounts` would
    /// send every page, and later removals, elsewhere).
    static func refuseLinks(on paths: [String], in folder: String) throws {
        var checked = Set<Substring>()
        for path in paths {
            var end = path.endIndex
            while let slash = path[..<end].lastIndex(of: "/") {
                let dir = path[..<slash]
                guard checked.insert(dir).inserted else { break }
                var info = stat()
                if lstat(folder + "/" + dir, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
                    let target =
                        (try? FileManager.default.destinationOfSymbolicLink(atPath: folder + "/" + dir)).map { " (to \($0))" } ?? ""
                    throw AllotError(
                        "is a symbolic link\(target); a build never writes or removes pages through a link it did not make: remove the link, or build into another folder",
                        path: folder + "/" + dir)
                }
                end = slash
            }
        }
    }
}
