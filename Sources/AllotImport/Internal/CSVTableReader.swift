/// CSV with a header row (RFC 4180: quoted fields may hold commas, quotes and line breaks),
/// read byte by byte. Reading checks the shape of every record and notes where each
/// starts; cells are cut out again when the table is interpreted, so a large file is
/// held once, as its bytes.
///
/// Quirks kept from the scalar reader this replaces: CR, LF and CRLF all end a record;
/// a quote inside a quoted field followed by anything but a quote, comma or line end
/// stands for itself and swallows the character after it; line numbers count LF only.
/// A quoted field still open at the end of the file is an error naming the line its
/// quote opened on.
enum CSVTableReader {
    static func read(_ source: SourceBytes, from start: Int, file: String) throws(ImportFailure) -> SourceTable {
        let result = source.withUnsafeBufferPointer { b -> Result<(SourceKind, CSVRecords, [ImportIssue]), ImportFailure> in
            let b = UnsafeBufferPointer(rebasing: b[start...])
            // The header: the first record, whatever it holds.
            var header: [String] = []
            let first = CSVTokenizer.record(b, from: 0) { _, s, e, _, escaped in
                header.append(CSVTokenizer.string(b, s, e, escaped: escaped))
            }
            if let open = first.unclosed { return .failure(ImportFailure([unclosed(open, line: 1, header: [], file: file)])) }
            if let duplicate = header.enumerated().first(where: { header.firstIndex(of: $0.element) != $0.offset }) {
                return .failure(
                    ImportFailure([ImportIssue(file: file, line: 1, field: duplicate.element, "column appears twice in the header")]))
            }
            let kind: SourceKind
            switch SourceReader.kind(of: header, file: file, line: 1) {
            case .success(let k): kind = k
            case .failure(let issue): return .failure(ImportFailure([issue]))
            }
            let records = CSVRecords(
                source: source, offset: start, columns: header.map { kind.columns.firstIndex(of: $0)! },
                bodyStart: first.next, bodyLine: 2 + first.newlines)
            var issues: [ImportIssue] = [], warnings: [ImportIssue] = []
            records.forEachRecord(b) { r, startLine, start in
                if let open = r.unclosed {
                    issues.append(unclosed(open, line: startLine, header: header, file: file))
                } else if r.fields != header.count {
                    issues.append(
                        ImportIssue(
                            file: file, line: startLine,
                            "has \(r.fields) fields but the header has \(header.count); quote fields that hold commas"))
                } else if r.newlines > 0,
                    let warning = QuotedRowCheck.warning(b, record: start, line: startLine, header: header, file: file)
                {
                    warnings.append(warning)
                }
            } field: { _, _, _, _ in
            }
            guard issues.isEmpty else { return .failure(ImportFailure(issues)) }
            return .success((kind, records, warnings))
        }
        switch result {
        case .success(let (kind, records, warnings)):
            var table = SourceTable(file: file, kind: kind, storage: .csv(records))
            table.warnings = warnings
            return table
        case .failure(let failure): throw failure
        }
    }

    /// A quoted field the file ends inside: everything after its quote would be its text.
    private static func unclosed(_ open: (field: Int, line: Int), line: Int, header: [String], file: String) -> ImportIssue {
        ImportIssue(
            file: file, line: line + open.line, field: open.field < header.count ? header[open.field] : nil,
            "the quote that opens this field on this line is never closed, so the rest of the file would be read into it; add the closing quote"
        )
    }
}

/// The records of a CSV file whose every record has the header's width. Only where the
/// body starts is kept: each pass reads the records again from there.
struct CSVRecords: Sendable {
    let source: SourceBytes
    /// Where the text starts in `source` (after a byte-order mark).
    let offset: Int
    /// For each header position, its column in `SourceKind.columns` order.
    let columns: [Int]
    /// Where the first record after the header starts (from `offset`), and its line.
    let bodyStart: Int
    let bodyLine: Int

    /// Calls `field(index, start, end, escaped)` for each field of each record that is
    /// not blank, then `record(shape, line, start)`. Releases the bytes behind it.
    func forEachRecord(
        _ b: UnsafeBufferPointer<UInt8>,
        _ record: (CSVRecordShape, Int, Int) throws -> Void,
        field: (Int, Int, Int, Bool) -> Void
    ) rethrows {
        var release = ReleaseBehind(source)
        var line = bodyLine
        var i = bodyStart
        while i < b.count {
            release.passed(offset + i)
            let startLine = line
            var emptyOnly = true
            let r = CSVTokenizer.record(b, from: i) { f, s, e, _, escaped in
                if e > s { emptyOnly = false }
                field(f, s, e, escaped)
            }
            line += 1 + r.newlines
            if !(r.fields <= 1 && emptyOnly) || r.unclosed != nil { try record(r, startLine, i) }
            i = r.next
        }
        source.release(before: offset + b.count)
    }

    func forEachRow(width: Int, _ body: (borrowing RowCells) throws -> Void) rethrows {
        try source.withUnsafeBufferPointer { whole in
            let b = UnsafeBufferPointer(rebasing: whole[offset...])
            let base = b.baseAddress ?? UnsafePointer(bitPattern: 1)!
            var scratch: [[UInt8]] = Array(repeating: [], count: width)
            try RowCells.withScratch(width: width) { row in
                var unescaped: [Int] = []
                try forEachRecord(b) { _, line, _ in
                    row.line = line
                    if unescaped.isEmpty {
                        try body(row)
                    } else {
                        // Rare: a quoted cell with quotes inside. Copy it out while the body runs.
                        let held = unescaped.map { c in
                            let p = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, scratch[c].count))
                            _ = p.initialize(from: scratch[c])
                            row.bases[c] = UnsafePointer(p.baseAddress!); row.starts[c] = 0; row.ends[c] = scratch[c].count
                            return p
                        }
                        defer { for p in held { p.deallocate() } }
                        try body(row)
                    }
                    row.clear()
                    unescaped.removeAll(keepingCapacity: true)
                } field: { f, s, e, escaped in
                    let c = columns[f]
                    if escaped {
                        scratch[c].removeAll(keepingCapacity: true)
                        CSVTokenizer.unescape(b, s, e, into: &scratch[c])
                        unescaped.append(c)
                    } else {
                        row.bases[c] = base; row.starts[c] = s; row.ends[c] = e
                    }
                }
            }
        }
    }
}

enum CSVTokenizer {
    static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr: UInt8 = 0x0D, lf: UInt8 = 0x0A

    /// Reads one record starting at `start` (which must be before the end), calling
    /// `field(index, start, end, quoted, escaped)` for each field: the raw span between the
    /// quotes for a quoted field, and whether it holds quotes to undo.
    @inline(__always)
    static func record(
        _ b: UnsafeBufferPointer<UInt8>, from start: Int,
        _ field: (Int, Int, Int, Bool, Bool) -> Void
    ) -> CSVRecordShape {
        let n = b.count
        var i = start, f = 0, newlines = 0
        while true {
            if i >= n { field(f, i, i, false, false); return CSVRecordShape(i, f + 1, newlines) }
            if b[i] == quote {
                i += 1
                let s = i
                let opened = newlines
                var escaped = false
                while true {
                    if i >= n {
                        field(f, s, i, true, escaped)
                        return CSVRecordShape(i, f + 1, newlines, unclosed: (f, opened))
                    }
                    let c = b[i]
                    if c == quote {
                        let next = i + 1
                        if next >= n { field(f, s, i, true, escaped); return CSVRecordShape(next, f + 1, newlines) }
                        let d = b[next]
                        if d == comma { field(f, s, i, true, escaped); f += 1; i = next + 1; break }
                        if d == cr || d == lf {
                            field(f, s, i, true, escaped)
                            var end = next + 1
                            if d == cr, end < n, b[end] == lf { end += 1 }
                            return CSVRecordShape(end, f + 1, newlines)
                        }
                        escaped = true
                        i = min(n, next + scalarLength(d))
                    } else {
                        if c == lf { newlines += 1 }
                        i += 1
                    }
                }
            } else {
                let s = i
                while i < n {
                    let c = b[i]
                    if c == comma || c == cr || c == lf { break }
                    i += 1
                }
                field(f, s, i, false, false)
                if i >= n { return CSVRecordShape(i, f + 1, newlines) }
                if b[i] == comma { f += 1; i += 1; continue }
                var end = i + 1
                if b[i] == cr, end < n, b[end] == lf { end += 1 }
                return CSVRecordShape(end, f + 1, newlines)
            }
        }
    }

    @inline(__always)
    static func scalarLength(_ lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    /// The value of a quoted field's raw span: `""` is one quote; a quote before any
    /// other character keeps the quote and drops that character.
    static func unescape(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, into out: inout [UInt8]) {
        var i = start
        while i < end {
            let c = b[i]
            out.append(c)
            i += c == quote && i + 1 < end ? 1 + scalarLength(b[i + 1]) : 1
        }
    }

    static func string(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, escaped: Bool) -> String {
        guard escaped else { return String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self) }
        var out: [UInt8] = []
        unescape(b, start, end, into: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
