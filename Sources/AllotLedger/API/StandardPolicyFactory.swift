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
            case "allotment": p.allotment = try value.wholeNumber(key, in: LedgerLimits.credits)!
            case "allotment_day": p.allotmentDay = try value.choice(key, of: AllotmentDay.self)
            case "lifetime_days": p.lifetimeDays = try value.wholeNumber(key, in: Self.lifetime, orNone: true)
            case "cap": p.cap = try value.wholeNumber(key, in: LedgerLimits.credits, orNone: true)
            case "refund_on": p.refundOn = try value.choice(key, of: RefundOn.self)
            case "window_days": p.windowDays = try value.wholeNumber(key, in: LedgerLimits.days)!
            case "carry_over_days": p.carryOverDays = try value.wholeNumber(key, in: Self.lifetime, orNone: true)
            default:
                throw PolicyParameterError(
                    key: key, reason: "is not a parameter of \(name); use one of \(parameterKeys.joined(separator: ", "))")
            }
        }
        return p
    }

    /// Days a lot lives: at least one (spec §3), within spec §2's bound.
    static let lifetime = 1...LedgerLimits.days.upperBound
}
