import Foundation

/// A one-line progress bar on standard error, shown only when that is a terminal.
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let lock = NSLock()
    private var lastDrawn = -1

    /// nil when standard error is not a terminal: then long work stays quiet.
    init?(label: String) {
        guard isatty(2) == 1 else { return nil }
        self.label = label
    }

    func update(_ done: Int, _ total: Int) {
        lock.withLock {
            let percent = total == 0 ? 100 : done * 100 / total
            guard percent != lastDrawn else { return }
            lastDrawn = percent
            let width = 30, filled = width * percent / 100
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(done)/\(total)".utf8))
        }
    }

    func finish() {
        lock.withLock { if lastDrawn >= 0 { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) } }
    }
}
