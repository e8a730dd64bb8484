import Foundation

extension Instant {
    /// The same instant as a Foundation `Date`, for mail headers and other APIs outside the ledger.
    public var date: Date { Date(timeIntervalSince1970: Double(millis) / 1000) }

    /// A `Date` to the millisecond below it, e.g. the clock's reading when a notice is sent.
    public init(_ date: Date) { self.init(millis: Int64((date.timeIntervalSince1970 * 1000).rounded(.down))) }
}
