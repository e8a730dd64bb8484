import Foundation

/// Notices when any file under the watched paths is added, removed or modified, by
/// comparing modification times and sizes between calls.
public struct ChangeWatcher: Sendable {
    public let paths: [String]
    private var last: [String: String]

    public init(paths: [String]) {
        self.paths = paths
        self.last = Self.fingerprint(paths)
    }

    /// True when something changed since the last call (or since `init`).
    public mutating func changed() -> Bool {
        let now = Self.fingerprint(paths)
        defer { last = now }
        return now != last
    }

    static func fingerprint(_ paths: [String]) -> [String: String] {
        var out: [String: String] = [:]
        let fm = FileManager.default
        for path in paths {
            var isFolder: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isFolder) else { out[path] = "missing"; continue }
            let files =
                isFolder.boolValue
                ? ((fm.enumerator(atPath: path)?.allObjects as? [String]) ?? []).map { path + "/" + $0 }
                : [path]
            for file in files {
                guard let a = try? fm.attributesOfItem(atPath: file) else { continue }
                let date = (a[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                out[file] = "\(date) \((a[.size] as? NSNumber)?.intValue ?? 0)"
            }
        }
        return out
    }
}
