import Allot

/// `flat-rate`: a fixed number of credits on the 1st of every month (and when a seat
/// opens). A lot lives until the end of the month after the one it was made in: credits
/// granted on 15 January expire at midnight starting 1 March. A sent credit comes back
/// when the recipient answers within `windowDays` days.
public struct FlatRatePolicy: Policy, Equatable {
    public static let name = "flat-rate"

    public var name: String { Self.name }
    /// Credits per seat on the 1st of every month; 120 unless the config says otherwise.
    public var allotment: Int
    /// Days the recipient has to answer for the credit to come back; 30 unless configured.
    public var windowDays: Int

    public var allotmentDay: AllotmentDay { .firstOfMonth }
    public var cap: Int? { nil }
    public var refundOn: RefundOn { .response }

    public init(allotment: Int = 120, windowDays: Int = 30) {
        self.allotment = allotment
        self.windowDays = windowDays
    }

    /// Local midnight of the 1st of the second month after the lot's month, in the
    /// ledger's time zone.
    public func expiry(ofLotCreatedAt created: Instant, calendar: LedgerCalendar) -> Instant? {
        calendar.startOfMonth(calendar.month(of: created).adding(2))
    }

    /// Credits that had no expiry when flat-rate takes over (granted under a policy
    /// without one) follow the same rule as if they were made at the switch.
    public func carryOverExpiry(startingAt start: Instant, calendar: LedgerCalendar) -> Instant? {
        expiry(ofLotCreatedAt: start, calendar: calendar)
    }
}

/// Makes a `FlatRatePolicy` from a `[[policy]]` entry of `allot.toml`:
///
/// ```toml
/// [[policy]]
/// name = "flat-rate"
/// from = "2015-01-01"
/// allotment = 150     # optional, default 120
/// window_days = 14    # optional, default 30
/// ```
public struct FlatRatePolicyFactory: PolicyFactory {
    public init() {}

    public var name: String { FlatRatePolicy.name }

    public var parameterKeys: [String] { ["allotment", "window_days"] }

    public func makePolicy(_ parameters: PolicyParameters) throws(PolicyParameterError) -> any Policy {
        var policy = FlatRatePolicy()
        // Sorted, so that with two bad keys the error is always about the same one.
        for key in parameters.values.keys.sorted() {
            let value = parameters.values[key]!
            switch key {
            case "allotment":
                policy.allotment = try Self.wholeNumber(key, value, atLeast: 1, unit: "credits")
            case "window_days":
                policy.windowDays = try Self.wholeNumber(key, value, atLeast: 1, unit: "days")
            default:
                throw PolicyParameterError(
                    key: key,
                    reason: "is not a parameter of \(name); use one of \(parameterKeys.joined(separator: ", "))")
            }
        }
        return policy
    }

    private static func wholeNumber(
        _ key: String, _ value: PolicyParameters.Value, atLeast minimum: Int, unit: String
    ) throws(PolicyParameterError) -> Int {
        guard case .integer(let n) = value, n >= minimum else {
            throw PolicyParameterError(
                key: key, reason: "must be a whole number of \(unit), \(minimum) or more, not \(value)")
        }
        return n
    }
}

extension PolicyRegistry {
    /// Allot's built-in policies plus `flat-rate`: what to hand `Project(configPath:registry:)`.
    public static var withTeamPlugin: PolicyRegistry {
        PolicyRegistry.builtIn.registering(FlatRatePolicyFactory())
    }
}
