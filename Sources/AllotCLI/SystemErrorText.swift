import Allot
import Foundation

/// A failure from the system (disk, permissions, files in the way) as a sentence that
/// names the path and says what to do, never Foundation's `Error Domain=… Code=…` dump.
enum SystemErrorText {
    static func sentence(for error: Error) -> String {
        let ns = error as NSError
        let path = (ns.userInfo[NSFilePathErrorKey] as? String) ?? (ns.userInfo[NSURLErrorKey] as? URL)?.path
        let pathPrefix = path.map { TerminalText.literal($0) + ": " } ?? ""
        let creating =
            (ns.domain == NSCocoaErrorDomain
                && [CocoaError.fileWriteUnknown.rawValue, CocoaError.fileWriteFileExists.rawValue].contains(ns.code))
            || [ENOTDIR, EEXIST].contains(posixCode(ns) ?? 0)
        if creating, let path, let file = fileInTheWay(of: path) {
            return TerminalText.literal(file) + ": is a file where a folder is needed; move it or choose another place"
        }
        if let code = posixCode(ns) {
            switch code {
            case ENOSPC, EDQUOT: return pathPrefix + "the disk is full; free some space and run the command again"
            case EACCES, EPERM: return pathPrefix + "permission denied; run as a user who may write there, or choose another place"
            case EROFS: return pathPrefix + "the file system is read-only; choose another place"
            case ENOTDIR, EEXIST: return pathPrefix + "a file is in the way where a folder is needed; move it or choose another place"
            case EISDIR: return pathPrefix + "is a folder where a file is needed"
            case ENOENT: return pathPrefix + "no such file or folder"
            default: return pathPrefix + String(cString: strerror(code))
            }
        }
        if ns.domain == NSCocoaErrorDomain {
            switch CocoaError.Code(rawValue: ns.code) {
            case .fileWriteOutOfSpace: return pathPrefix + "the disk is full; free some space and run the command again"
            case .fileWriteNoPermission, .fileReadNoPermission:
                return pathPrefix + "permission denied; run as a user who may write there, or choose another place"
            case .fileWriteFileExists: return pathPrefix + "a file is in the way where a folder is needed; move it or choose another place"
            case .fileNoSuchFile, .fileReadNoSuchFile: return pathPrefix + "no such file or folder"
            case .fileWriteVolumeReadOnly: return pathPrefix + "the file system is read-only; choose another place"
            default: break
            }
        }
        let text = String(describing: error)
        return pathPrefix + (text.contains("Domain=") ? ns.localizedDescription : text)
    }

    /// The path itself or a folder above it that exists as a file, if one does: the
    /// cause of Foundation's unspecific "could not be completed" when creating folders.
    private static func fileInTheWay(of path: String) -> String? {
        var candidate = URL(fileURLWithPath: path).standardizedFileURL
        while candidate.path != "/" {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isFolder) {
                return isFolder.boolValue ? nil : candidate.path
            }
            candidate.deleteLastPathComponent()
        }
        return nil
    }

    /// The POSIX error behind a Foundation error, if it names one.
    private static func posixCode(_ error: NSError) -> Int32? {
        if error.domain == NSPOSIXErrorDomain { return Int32(error.code) }
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError { return posixCode(underlying) }
        return nil
    }
}
