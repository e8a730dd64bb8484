import AllotSupport
import Foundation

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// One writer at a time for a site folder: an exclusive `flock` on `.allot-lock` in it,
/// held from before a build looks at the folder until it has finished with it (two
/// builds into one folder at once used to mix their pages for good). The lock goes with
/// the process, so a killed build never leaves it held.
public final class SiteLock: @unchecked Sendable {
    static let fileName = ".allot-lock"
    private var fd: Int32
    private let folder: String
    /// Whether the folder was made for the lock: a build that then fails leaves no folder.
    private let madeFolder: Bool

    /// Takes the lock on `folder` (made when missing), waiting up to `timeout` seconds for
    /// another build holding it; `waiting` is told once, with a sentence naming the
    /// folder and the holder's pid.
    public init(_ folder: String, timeout: Double, waiting: (String) -> Void = { _ in }) throws {
        self.folder = folder
        madeFolder = !FileManager.default.fileExists(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/" + Self.fileName
        fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let code = errno
            let why = code == ELOOP ? "is a symbolic link; remove it" : String(cString: strerror(code))
            throw AllotError("cannot be opened to lock the site: \(why)", path: path, systemError: code)
        }
        let deadline = Date().addingTimeInterval(timeout)
        var told = false
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            let holder = Self.holder(fd).map { " (pid \($0))" } ?? ""
            guard code == EWOULDBLOCK || code == EINTR, Date() < deadline else {
                close(fd)
                let seconds = timeout == timeout.rounded() ? "\(Int(timeout))" : "\(timeout)"
                throw AllotError(
                    "another build\(holder) is still writing this site after \(seconds) s; try again when it has finished (ALLOT_BUSY_TIMEOUT sets how long to wait)",
                    path: folder)
            }
            if !told {
                waiting("another build is writing \(folder)\(holder); waiting")
                told = true
            }
            usleep(50_000)
        }
        let pid = Data("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    /// The pid the holder wrote into the lock file, if any.
    private static func holder(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 16)
        let n = pread(fd, &buffer, buffer.count, 0)
        guard n > 0 else { return nil }
        return Int32(String(decoding: buffer[..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Lets another build have the folder. The file is emptied first, so a site is the
    /// same bytes whichever process built it last; a folder made for the lock that holds
    /// nothing else (the build failed) is removed, so a failed build leaves nothing.
    public func release() {
        guard fd >= 0 else { return }
        _ = ftruncate(fd, 0)
        if madeFolder, (try? FileManager.default.contentsOfDirectory(atPath: folder)) == [Self.fileName] {
            unlink(folder + "/" + Self.fileName)
            rmdir(folder)
        }
        close(fd)
        fd = -1
    }

    deinit { release() }
}
