import CSV

/// CSV with a header row (RFC 4180: quoted fields may hold commas, quotes and line breaks).
enum CSVTableReader {
    static func read(_ text: String, file: String) throws(ImportFailure) -> SourceTable {
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true)
        } catch {
            throw ImportFailure([ImportIssue(file: file, line: 1, "has no readable header row")])
        }
        let header = reader.headerRow ?? []
        if let duplicate = header.enumerated().first(where: { header.firstIndex(of: $0.element) != $0.offset }) {
            throw ImportFailure([ImportIssue(file: file, line: 1, field: duplicate.element, "column appears twice in the header")])
        }
        let kind: SourceKind
        switch SourceReader.kind(of: header, file: file, line: 1) {
        case .success(let k): kind = k
        case .failure(let issue): throw ImportFailure([issue])
        }
        var rows: [SourceRow] = [], issues: [ImportIssue] = []
        var line = 2 + newlines(in: header)
        while let cells = reader.next() {
            let start = line
            line += 1 + newlines(in: cells)
            if cells.allSatisfy(\.isEmpty) && cells.count <= 1 { continue }
            guard cells.count == header.count else {
                issues.append(ImportIssue(file: file, line: start,
                    "has \(cells.count) fields but the header has \(header.count); quote fields that hold commas"))
                continue
            }
            var fields: [String: String] = [:]
            for (column, cell) in zip(header, cells) where !cell.isEmpty { fields[column] = cell }
            rows.append(SourceRow(line: start, fields: fields))
        }
        if let error = reader.error {
            issues.append(ImportIssue(file: file, line: line, "could not be read as CSV after this line (\(error))"))
        }
        guard issues.isEmpty else { throw ImportFailure(issues) }
        return SourceTable(file: file, kind: kind, rows: rows)
    }

    private static func newlines(in cells: [String]) -> Int {
        cells.reduce(0) { n, cell in n + cell.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } }
    }
}
