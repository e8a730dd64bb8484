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

/// A page's model with `asOf` and `timeZone` added to its top-level object.
struct ClockedModel: Encodable {
    let model: any PageModel
    let clock: PageClock

    private enum Keys: String, CodingKey { case asOf, timeZone }

    func encode(to encoder: Encoder) throws {
        try model.encode(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(clock.asOf.iso8601, forKey: .asOf)
        try c.encode(clock.format.calendar.identifier, forKey: .timeZone)
    }
}
