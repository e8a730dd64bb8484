import AllotLedger

/// Response rates in a JSON twin (spec §10): `sent`, `answered`, `accepted`, `tooRecent`,
/// and `rate`, answered ÷ sent as a percentage with one decimal (null when sent is 0).
package struct ResponsesLine: Codable, Sendable, Equatable {
    package var sent, answered, accepted, tooRecent: Int
    package var rate: OneDecimal?

    package init(_ r: ResponseCounts) {
        sent = r.sent; answered = r.answered; accepted = r.accepted; tooRecent = r.tooRecent
        rate = r.rateTenths.map(OneDecimal.init(tenths:))
    }

    enum CodingKeys: String, CodingKey { case sent, answered, accepted, tooRecent, rate }

    package func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(sent, forKey: .sent)
        try c.encode(answered, forKey: .answered)
        try c.encode(accepted, forKey: .accepted)
        try c.encode(tooRecent, forKey: .tooRecent)
        try c.encode(rate, forKey: .rate)
    }
}

/// A non-negative number with one decimal, held in tenths: written `42.9`, and a whole
/// number without its `.0` (`50`), as `JSONEncoder` writes the same `Double`.
package struct OneDecimal: Codable, Sendable, Equatable {
    package var tenths: Int

    package init(tenths: Int) { self.tenths = tenths }

    package init(from decoder: Decoder) throws {
        tenths = Int((try decoder.singleValueContainer().decode(Double.self) * 10).rounded())
    }

    /// `42.9` or `50`: the text the JSON writers put down.
    package var json: String { tenths % 10 == 0 ? "\(tenths / 10)" : text }

    /// `42.9`, `50.0`: as pages show a rate.
    package var text: String { "\(tenths / 10).\(tenths % 10)" }

    package func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(Double(tenths) / 10)
    }
}
