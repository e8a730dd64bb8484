import Foundation

/// A small tmpfs mounted on a scratch folder: a disk that fills on purpose. Mounting
/// needs root (CI runs the suite as root).
struct Tmpfs {
    let path: String

    /// Whether this process may mount one (not where it is not root, or in a container
    /// without the right to mount).
    static let mountable: Bool = {
        let probe = NSTemporaryDirectory() + "allot-tmpfs-probe-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: probe) }
        guard (try? FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: true)) != nil,
            (try? run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", probe])) != nil
        else { return false }
        try? run(["umount", probe])
        return true
    }()

    /// Mounts `kilobytes` KiB on a new scratch folder; unmount it before the test ends.
    init(kilobytes: Int) throws {
        path = TestSupport.scratch() + "/disk"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try Self.run(["mount", "-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", path])
    }

    /// Grows (or shrinks) the disk, keeping what it holds.
    func resize(kilobytes: Int) throws {
        try Self.run(["mount", "-o", "remount,size=\(kilobytes)k", path])
    }

    func unmount() { try? Self.run(["umount", path]) }

    private static func run(_ arguments: [String]) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = arguments
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
    }
}
