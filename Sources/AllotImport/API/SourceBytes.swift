import Foundation

/// A source file's bytes: an array (tests, small inputs) or the file mapped into memory.
/// Readers go through a file front to back and call `release(before:)` as they go, so a
/// mapped file's pages leave memory behind them: a large file is never resident whole.
public final class SourceBytes: @unchecked Sendable {
    public let count: Int
    private let storage: Storage

    private enum Storage {
        case array([UInt8])
        case mapped(UnsafeMutableRawPointer, length: Int)
    }

    public init(_ bytes: [UInt8]) {
        storage = .array(bytes)
        count = bytes.count
    }

    /// Maps the file at `path`, or nil when it cannot be opened or read.
    public init?(mapping path: String) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        let length = Int(info.st_size)
        if length == 0 {
            storage = .array([]); count = 0
            return
        }
        guard let p = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else { return nil }
        storage = .mapped(p, length: length)
        count = length
    }

    deinit {
        if case .mapped(let p, let length) = storage { munmap(p, length) }
    }

    public func withUnsafeBufferPointer<R, E: Error>(_ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        switch storage {
        case .array(let a):
            return try a.withUnsafeBufferPointer(body)
        case .mapped(let p, let length):
            return try body(UnsafeBufferPointer(start: UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self), count: length))
        }
    }

    /// Tells the system that the bytes before `offset` will not be needed again soon:
    /// a mapped file's pages there stop counting against the process (they are read
    /// back from the page cache if a later pass needs them).
    public func release(from start: Int = 0, before end: Int) {
        guard case .mapped(let p, _) = storage else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let from = start / page * page, to = min(end, count) / page * page
        if to > from { madvise(p + from, to - from, Int32(MADV_DONTNEED)) }
    }
}

/// Calls `SourceBytes.release(before:)` every few megabytes of progress.
struct ReleaseBehind {
    let bytes: SourceBytes?
    private var released = 0
    private static let step = 8 << 20

    init(_ bytes: SourceBytes?) { self.bytes = bytes }

    @inline(__always)
    mutating func passed(_ offset: Int) {
        guard offset - released >= Self.step, let bytes else { return }
        bytes.release(from: released, before: offset)
        released = offset
    }
}
