/// The ranges spec §1 and §2 allow: inside them no balance or total of a ledger of up to
/// 10^8 events leaves a 64-bit integer, so a value outside is refused where it is read.
public enum LedgerLimits {
    /// An event's `amount`.
    public static let eventAmount: ClosedRange<Int> = -1_000_000_000...1_000_000_000
    /// A policy's `allotment`, a bonus's `amount`, a `cap`.
    public static let credits: ClosedRange<Int> = 0...1_000_000_000
    /// Every `*_days` parameter, `warn_days` among them.
    public static let days: ClosedRange<Int> = 0...36_600
    /// `response_rate_days` (spec §10).
    public static let responseRateDays: ClosedRange<Int> = 1...366
    /// `refund_delay_hours`.
    public static let refundDelayHours: ClosedRange<Int> = 0...8_784
    /// Every instant in the data and the config: from 1970-01-01T00:00:00Z up to, not
    /// including, 2200-01-01T00:00:00Z.
    public static let instants: Range<Instant> = Instant(millis: 0)..<Instant(millis: 7_258_118_400_000)

    /// "from 0 to 1,000,000,000", as an error states a range.
    public static func text(_ range: ClosedRange<Int>) -> String {
        "from \(grouped(range.lowerBound)) to \(grouped(range.upperBound))"
    }

    private static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }
}

extension ClosedRange<Int> {
    /// The nearest value in the range.
    public func clamp(_ n: Int) -> Int { Swift.min(Swift.max(n, lowerBound), upperBound) }
}

extension PolicyParameters.Value {
    /// The value as a whole number in `range` (or nil for "none" where `orNone`), else an
    /// error for `key` that states the range.
    public func wholeNumber(_ key: String, in range: ClosedRange<Int>, orNone: Bool = false) throws(PolicyParameterError) -> Int? {
        if orNone, case .text("none") = self { return nil }
        guard case .integer(let n) = self, range.contains(n) else {
            let none = orNone ? ", or \"none\"" : ""
            throw PolicyParameterError(key: key, reason: "must be a whole number \(LedgerLimits.text(range))\(none), not \(self)")
        }
        return n
    }
}
