import FlyingSocks
import Foundation

/// The bytes of an open file, read a chunk at a time: an answer holds one chunk of a big
/// file, not all of it, and a rebuild that replaces the file mid-answer changes nothing
/// (the handle keeps the file it opened).
struct OpenFileBytes: AsyncBufferedSequence, AsyncBufferedIteratorProtocol {
    typealias Element = UInt8
    let handle: FileHandle

    func makeAsyncIterator() -> Self { self }

    mutating func next() async throws -> UInt8? {
        try handle.read(upToCount: 1)?.first
    }

    mutating func nextBuffer(suggested count: Int) async throws -> Data? {
        guard let chunk = try handle.read(upToCount: count), !chunk.isEmpty else { return nil }
        return chunk
    }
}
