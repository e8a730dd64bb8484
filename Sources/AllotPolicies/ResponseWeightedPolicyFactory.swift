import AllotLedger

/// Makes `response-weighted` from a `[[policy]]` entry's keys.
public struct ResponseWeightedPolicyFactory: PolicyFactory {
    public init() {}

    public var name: String { "response-weighted" }

    public var parameterKeys: [String] {
        [
            "allotment", "allotment_day", "cap", "refund_on", "window_days", "lookback_days",
            "low_rate", "high_rate", "low_days", "middle_days", "high_days", "carry_over_days",
        ]
    }

    public func makePolicy(_ parameters: PolicyParameters) throws(PolicyParameterError) -> any Policy {
        var p = ResponseWeightedPolicy()
        for key in parameters.values.keys.sorted() {
            let value = parameters.values[key]!
            switch key {
            case "allotment": p.allotment = try value.wholeNumber(key, in: LedgerLimits.credits)!
            case "allotment_day": p.allotmentDay = try value.choice(key, of: AllotmentDay.self)
            case "cap": p.cap = try value.wholeNumber(key, in: LedgerLimits.credits, orNone: true)
            case "refund_on": p.refundOn = try value.choice(key, of: RefundOn.self)
            case "window_days": p.windowDays = try value.wholeNumber(key, in: LedgerLimits.days)!
            case "lookback_days": p.lookbackDays = try value.wholeNumber(key, in: Self.days)!
            case "low_rate": p.lowRate = try Self.percent(key, value)
            case "high_rate": p.highRate = try Self.percent(key, value)
            case "low_days": p.lowDays = try value.wholeNumber(key, in: Self.days, orNone: true)
            case "middle_days": p.middleDays = try value.wholeNumber(key, in: Self.days, orNone: true)
            case "high_days": p.highDays = try value.wholeNumber(key, in: Self.days, orNone: true)
            case "carry_over_days": p.carryOverDays = try value.wholeNumber(key, in: Self.days, orNone: true)
            default:
                throw PolicyParameterError(
                    key: key, reason: "is not a parameter of \(name); use one of \(parameterKeys.joined(separator: ", "))")
            }
        }
        guard p.lowRate <= p.highRate else {
            throw PolicyParameterError(key: "high_rate", reason: "must be at least low_rate (\(p.lowRate)), not \(p.highRate)")
        }
        return p
    }

    /// Days that must be at least one, within spec §2's bound.
    private static let days = 1...LedgerLimits.days.upperBound

    private static func percent(_ key: String, _ value: PolicyParameters.Value) throws(PolicyParameterError) -> Int {
        guard case .integer(let n) = value, (0...100).contains(n) else {
            throw PolicyParameterError(key: key, reason: "must be a whole percentage from 0 to 100, not \(value)")
        }
        return n
    }
}
