import AllotLedger
import AllotReports

/// The as-of instant and the time zone of every date on a page: the layout names the zone
/// once, and every JSON twin carries both (`asOf` in ISO 8601 UTC, `timeZone` as its IANA id).
public struct PageClock: Sendable {
    public var asOf: Instant
    public var format: DisplayFormat

    public init(asOf: Instant, format: DisplayFormat) {
        self.asOf = asOf; self.format = format
    }
}

/// A page's model with `asOf` (unless the model is final: `PageModel.isFinal`) and
/// `timeZone` added to its top-level object: a JSON twin, or what `allot statement --json`
/// prints.
public struct ClockedModel: Encodable {
    let model: any PageModel
    let clock: PageClock

    public init(model: any PageModel, clock: PageClock) {
        self.model = model; self.clock = clock
    }

    private enum Keys: String, CodingKey { case asOf, timeZone }

    public func encode(to encoder: Encoder) throws {
        try model.encode(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        if !model.isFinal { try c.encode(clock.asOf.iso8601, forKey: .asOf) }
        try c.encode(clock.format.calendar.identifier, forKey: .timeZone)
    }
}
