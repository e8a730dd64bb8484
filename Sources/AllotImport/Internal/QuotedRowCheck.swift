/// Finds a quoted field whose text holds a line that reads as a whole row of the file:
/// legal CSV, but what a missing closing quote leaves behind.
enum QuotedRowCheck {
    /// The warning for the record at `start` (which spans lines, beginning on `line`),
    /// naming the first such field and the row it seems to hold.
    static func warning(
        _ b: UnsafeBufferPointer<UInt8>, record start: Int, line: Int, header: [String], file: String
    ) -> ImportIssue? {
        var found: ImportIssue?
        _ = CSVTokenizer.record(b, from: start) { f, s, e, quoted, _ in
            guard found == nil, quoted, let row = firstRowInside(b, s, e, width: header.count) else { return }
            let opened = line + lineFeeds(b, start, s)
            found = ImportIssue(
                file: file, line: opened, field: f < header.count ? header[f] : nil,
                "the quoted field that opens on this line holds what looks like the row on line \(opened + lineFeeds(b, s, row)); a closing quote may be missing"
            )
        }
        return found
    }

    /// Where the first line after a line feed in `b[s..<e]` starts that reads as one
    /// record of `width` fields.
    private static func firstRowInside(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, width: Int) -> Int? {
        var i = s
        while i < e {
            guard let feed = (i..<e).first(where: { b[$0] == CSVTokenizer.lf }) else { return nil }
            let lineStart = feed + 1
            var lineEnd = (lineStart..<e).first(where: { b[$0] == CSVTokenizer.lf }) ?? e
            if lineEnd > lineStart, b[lineEnd - 1] == CSVTokenizer.cr { lineEnd -= 1 }
            if lineEnd > lineStart {
                let text = UnsafeBufferPointer(rebasing: b[lineStart..<lineEnd])
                let shape = CSVTokenizer.record(text, from: 0) { _, _, _, _, _ in }
                if shape.fields == width, shape.unclosed == nil, shape.next == text.count { return lineStart }
            }
            i = lineStart
        }
        return nil
    }

    private static func lineFeeds(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Int {
        b[s..<e].reduce(0) { $0 + ($1 == CSVTokenizer.lf ? 1 : 0) }
    }
}
