/// A calendar month such as 2015-01; a statement covers one.
public struct Month: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int

    public init(year: Int, month: Int) { self.year = year; self.month = month }

    /// Parses `YYYY-MM`; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m)
        else { return nil }
        self.init(year: y, month: m)
    }

    public var firstDay: CivilDate { CivilDate(year: year, month: month, day: 1) }
    public var next: Month { adding(1) }
    public var previous: Month { adding(-1) }

    public func adding(_ months: Int) -> Month {
        let d = firstDay.adding(months: months)
        return Month(year: d.year, month: d.month)
    }

    public static func < (a: Month, b: Month) -> Bool { (a.year, a.month) < (b.year, b.month) }

    /// `YYYY-MM`.
    public var description: String { String(firstDay.isoDate.prefix(7)) }
}
