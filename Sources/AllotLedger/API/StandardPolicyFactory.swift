/// Builds a `StandardPolicy` from a preset and the overrides of spec §3's table.
public struct StandardPolicyFactory: PolicyFactory {
    public let preset: StandardPolicy

    public init(preset: StandardPolicy) { self.preset = preset }

    public var name: String { preset.name }

    public var parameterKeys: [String] {
        ["allotment", "allotment_day", "lifetime_days", "cap", "refund_on", "window_days", "carry_over_days"]
    }

    public func makePolicy(_ parameters: PolicyParameters) throws(PolicyParameterError) -> any Policy {
        var p = preset
        for key in parameters.values.keys.sorted() {
            let value = parameters.values[key]!
            switch key {
            case "allotment": p.allotment = try Self.count(key, value)
            case "allotment_day": p.allotmentDay = try value.choice(key, of: AllotmentDay.self)
            case "lifetime_days": p.lifetimeDays = try Self.optionalDays(key, value)
            case "cap": p.cap = try Self.optionalCount(key, value)
            case "refund_on": p.refundOn = try value.choice(key, of: RefundOn.self)
            case "window_days": p.windowDays = try Self.count(key, value)
            case "carry_over_days": p.carryOverDays = try Self.optionalDays(key, value)
            default:
                throw PolicyParameterError(
                    key: key, reason: "is not a parameter of \(name); use one of \(parameterKeys.joined(separator: ", "))")
            }
        }
        return p
    }

    private static func count(_ key: String, _ value: PolicyParameters.Value) throws(PolicyParameterError) -> Int {
        guard case .integer(let n) = value, n >= 0 else {
            throw PolicyParameterError(key: key, reason: "must be a whole number of 0 or more, not \(value)")
        }
        return n
    }

    /// A whole number, or "none".
    private static func optionalCount(_ key: String, _ value: PolicyParameters.Value) throws(PolicyParameterError) -> Int? {
        if case .text("none") = value { return nil }
        guard case .integer(let n) = value, n >= 0 else {
            throw PolicyParameterError(key: key, reason: "must be a whole number of 0 or more, or \"none\", not \(value)")
        }
        return n
    }

    private static func optionalDays(_ key: String, _ value: PolicyParameters.Value) throws(PolicyParameterError) -> Int? {
        if case .text("none") = value { return nil }
        guard case .integer(let n) = value, n >= 1 else {
            throw PolicyParameterError(key: key, reason: "must be a whole number of days (1 or more), or \"none\", not \(value)")
        }
        return n
    }
}
