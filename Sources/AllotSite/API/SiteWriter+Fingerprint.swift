import AllotSupport
import Foundation

extension SiteWriter {
    /// What the site's files at `paths` are now, cheaply: a hash of each one's size,
    /// modification time and inode (a file replaced by a rename, or copied in, gets
    /// another). nil when one is missing. A shard records it for the files it left in
    /// the site; the merge takes those files only while it is still the same.
    public static func fingerprint(_ paths: [String], in folder: String) -> String? {
        var text = ""
        for path in paths {
            var info = stat()
            guard stat(folder + "/" + path, &info) == 0 else { return nil }
            text += "\(path)\u{0}\(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) \(info.st_ino)\n"
        }
        return SHA256.hex(Array(text.utf8))
    }
}
