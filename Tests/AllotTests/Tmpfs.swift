import Foundation

/// A small tmpfs mounted for one test, to fill a disk or refuse writes for real. Mounting
/// needs root with CAP_SYS_ADMIN (`allowed`); the test unmounts it in a `defer`.
struct Tmpfs {
    let path: String

    /// Whether this process may mount one; a container may withhold it even from root.
    static let allowed: Bool = {
        let probe = NSTemporaryDirectory() + "allot-mount-probe-" + UUID().uuidString
        guard geteuid() == 0, (try? FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: false)) != nil
        else { return false }
        defer { try? FileManager.default.removeItem(atPath: probe) }
        guard mount("tmpfs", probe, "tmpfs", 0, "size=4k") == 0 else { return false }
        umount2(probe, Int32(MNT_DETACH))
        return true
    }()

    /// Mounts `bytes` of space on a new scratch folder.
    init(bytes: Int, readOnly: Bool = false) throws {
        path = TestSupport.scratch()
        guard mount("tmpfs", path, "tmpfs", readOnly ? UInt(MS_RDONLY) : 0, "size=\(bytes)") == 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EPERM)
        }
    }

    init(kilobytes: Int) throws { try self.init(bytes: kilobytes * 1024) }

    /// Grows (or shrinks) the disk, keeping what it holds.
    func resize(kilobytes: Int) throws {
        guard mount("tmpfs", path, "tmpfs", UInt(MS_REMOUNT), "size=\(kilobytes * 1024)") == 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EPERM)
        }
    }

    /// Detached at once, even while something still has a file open in it.
    func unmount() { umount2(path, Int32(MNT_DETACH)) }
}
