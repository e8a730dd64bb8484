import Allot
import Foundation

/// A failure from the system (disk, permissions, files in the way) as a sentence that
/// names the path and says what to do, never Foundation's `Error Domain=… Code=…` dump.
enum SystemErrorText {
    static func sentence(for error: Error) -> String {
        if let error = error as? AllotError { return sentence(for: error) }
        let ns = error as NSError
        let path = (ns.userInfo[NSFilePathErrorKey] as? String) ?? (ns.userInfo[NSURLErrorKey] as? URL)?.path
        let creating =
            (ns.domain == NSCocoaErrorDomain
                && [CocoaError.fileWriteUnknown.rawValue, CocoaError.fileWriteFileExists.rawValue].contains(ns.code))
            || [ENOTDIR, EEXIST].contains(posixCode(ns) ?? 0)
        if creating, let path, let file = fileInTheWay(of: path) {
            return TerminalText.literal(file) + ": is a file where a folder is needed; move it or choose another place"
        }
        if ns.domain == NSCocoaErrorDomain && ns.code == CocoaError.fileReadNoPermission.rawValue {
            return named(path) + "permission denied; run as a user who may read it"
        }
        if let code = posixCode(ns) ?? cocoaCode(ns) { return named(path) + (sentence(code) ?? String(cString: strerror(code))) }
        let text = String(describing: error)
        return named(path) + (text.contains("Domain=") ? ns.localizedDescription : text)
    }

    /// The product's own error as it says itself, or, when the system refused, the plain
    /// sentence for the system's error number.
    static func sentence(for error: AllotError) -> String {
        guard let code = error.systemError, error.path != nil, let text = sentence(code) else {
            return TerminalText.literal(error.description)
        }
        return named(error.path) + text
    }

    /// What went wrong and what to do, for the system errors a user can put right.
    private static func sentence(_ code: Int32) -> String? {
        switch code {
        case ENOSPC: "the disk is full; free some space and run the command again"
        case EDQUOT: "the disk quota is used up; free some space and run the command again"
        case EACCES, EPERM: "permission denied; run as a user who may write there, or choose another place"
        case EROFS: "the file system is read-only; choose another place"
        case ENOTDIR, EEXIST: "a file is in the way where a folder is needed; move it or choose another place"
        case EISDIR: "is a folder where a file is needed; give the path of a file"
        case ENOENT: "no such file or folder; check the path"
        default: nil
        }
    }

    private static func named(_ path: String?) -> String {
        path.map { TerminalText.literal($0) + ": " } ?? ""
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

    /// The POSIX error a Foundation file error without one stands for.
    private static func cocoaCode(_ error: NSError) -> Int32? {
        guard error.domain == NSCocoaErrorDomain else { return nil }
        switch CocoaError.Code(rawValue: error.code) {
        case .fileWriteOutOfSpace: return ENOSPC
        case .fileWriteNoPermission: return EACCES
        case .fileWriteFileExists: return EEXIST
        case .fileNoSuchFile, .fileReadNoSuchFile: return ENOENT
        case .fileWriteVolumeReadOnly: return EROFS
        default: return nil
        }
    }
}
