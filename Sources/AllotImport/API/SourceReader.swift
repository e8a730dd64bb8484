/// Reads a CSV file (with a header row) or a JSON Lines file into a `SourceTable`.
/// The format is told by the content: a first character `{` means JSON Lines.
public enum SourceReader {
    /// `file` is the name errors show.
    public static func read(_ bytes: [UInt8], file: String) throws(ImportFailure) -> SourceTable {
        try read(SourceBytes(bytes), file: file)
    }

    /// Checks the whole file (encoding, and every CSV record's shape) without keeping
    /// more than its bytes: a CSV table is interpreted from them again when validated.
    public static func read(_ source: SourceBytes, file: String) throws(ImportFailure) -> SourceTable {
        try source.withUnsafeBufferPointer { (all) throws(ImportFailure) -> SourceTable in
            let start = all.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            if let bad = UTF8Check.firstInvalidByte(all, from: start, releasing: source) {
                let line = 1 + all[start..<bad].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
                throw ImportFailure([
                    ImportIssue(file: file, line: line, "is not valid UTF-8 text (byte \(bad + 1)); save the file as UTF-8")
                ])
            }
            let body = UnsafeBufferPointer(rebasing: all[start...])
            guard let first = firstNonWhitespace(body) else {
                throw ImportFailure([ImportIssue(file: file, line: 0, "is empty; expected a header row or JSON lines")])
            }
            return first == "{"
                ? try JSONLinesTableReader.read(String(decoding: body, as: UTF8.self), file: file)
                : try CSVTableReader.read(source, from: start, file: file)
        }
    }

    /// The first scalar that is not white space (in Unicode's sense), if any.
    private static func firstNonWhitespace(_ body: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        var i = 0
        while i < body.count, body[i] < 0x80 {
            let scalar = Unicode.Scalar(body[i])
            if !scalar.properties.isWhitespace { return scalar }
            i += 1
        }
        guard i < body.count else { return nil }
        var iterator = body[i...].makeIterator()
        var decoder = UTF8()
        while case .scalarValue(let scalar) = decoder.decode(&iterator) {
            if !scalar.properties.isWhitespace { return scalar }
        }
        return nil
    }

    /// The kind whose columns these are, or an issue saying why none fits.
    static func kind(of columns: [String], file: String, line: Int) -> Result<SourceKind, ImportIssue> {
        let set = Set(columns)
        let kind: SourceKind
        if set.contains("type") || set.contains("time") {
            kind = .events
        } else if set.contains("opened") || set.contains("team") {
            kind = .seats
        } else {
            return .failure(
                ImportIssue(
                    file: file, line: line,
                    "cannot tell seats from events: expected the columns \(SourceKind.seats.columns.joined(separator: ",")) or \(SourceKind.events.columns.joined(separator: ","))"
                ))
        }
        if let unknown = columns.first(where: { !kind.columns.contains($0) }) {
            return .failure(
                ImportIssue(
                    file: file, line: line, field: unknown,
                    "is not a column of a \(kind.rawValue) file; the columns are \(kind.columns.joined(separator: ","))"))
        }
        if let missing = kind.requiredColumns.first(where: { !set.contains($0) }) {
            return .failure(ImportIssue(file: file, line: line, field: missing, "column is missing from this \(kind.rawValue) file"))
        }
        return .success(kind)
    }
}
