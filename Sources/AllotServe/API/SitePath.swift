import Foundation

/// Turns a request's raw path into a file inside the site folder, or nil. Each segment
/// is percent-decoded on its own, so `%2e%2e`, `%2F` and `..%2f` cannot climb out;
/// `.`/`..` segments, backslashes and NUL are refused; and the real path (symlinks
/// followed) must still lie inside the site.
public struct SitePath: Sendable {
    public let root: String

    /// `root` is resolved once, symlinks included.
    public init(root: String) {
        self.root = URL(fileURLWithPath: root).standardizedFileURL.resolvingSymlinksInPath().path
    }

    public func file(forRawPath raw: String) -> String? {
        let pathOnly = raw.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard pathOnly.hasPrefix("/") else { return nil }
        var segments: [String] = []
        for piece in pathOnly.split(separator: "/", omittingEmptySubsequences: true) {
            guard let decoded = String(piece).removingPercentEncoding,
                decoded != ".", decoded != "..", !decoded.contains("/"), !decoded.contains("\\"),
                !decoded.contains("\0")
            else { return nil }
            segments.append(decoded)
        }
        var path = root + (segments.isEmpty ? "" : "/" + segments.joined(separator: "/"))
        var isFolder: ObjCBool = false
        if pathOnly.hasSuffix("/") || segments.isEmpty
            || (FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue)
        {
            path += "/index.html"
        }
        let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard real.hasPrefix(root + "/"), FileManager.default.fileExists(atPath: real, isDirectory: &isFolder),
            !isFolder.boolValue
        else { return nil }
        return real
    }

    /// The content type for a file name.
    public static func contentType(_ path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "json": return "application/json"
        case "csv": return "text/csv; charset=utf-8; header=present"
        case "js": return "text/javascript; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "txt", "md": return "text/plain; charset=utf-8"
        case "eml": return "message/rfc822"
        default: return "application/octet-stream"
        }
    }
}
