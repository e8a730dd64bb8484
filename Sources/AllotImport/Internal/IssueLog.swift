/// A batch's issues, reported in file order, then line, then the order of the checks
/// that found them (a row's own problems before those found against other rows).
struct IssueLog {
    enum Check: Int { case row, seat, event, seatChange }

    private let order: [String: Int]
    private var issues: [(issue: ImportIssue, check: Check)] = []

    init(files: [String]) {
        order = Dictionary(files.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    }

    var isEmpty: Bool { issues.isEmpty }

    mutating func add(_ found: [ImportIssue], _ check: Check) {
        for issue in found { issues.append((issue, check)) }
    }

    func sorted() -> [ImportIssue] {
        issues.enumerated().sorted { a, b in
            let ka = (order[a.element.issue.file] ?? 0, a.element.issue.line, a.element.check.rawValue, a.offset)
            let kb = (order[b.element.issue.file] ?? 0, b.element.issue.line, b.element.check.rawValue, b.offset)
            return ka < kb
        }.map(\.element.issue)
    }
}
