/// The overrides one `[[policy]]` entry of `allot.toml` gives, by key.
public struct PolicyParameters: Sendable, Equatable {
    public enum Value: Sendable, Equatable, CustomStringConvertible, Codable {
        case integer(Int)
        case text(String)

        public init(from decoder: any Decoder) throws {
            let one = try decoder.singleValueContainer()
            self = if let n = try? one.decode(Int.self) { .integer(n) } else { .text(try one.decode(String.self)) }
        }

        public func encode(to encoder: any Encoder) throws {
            var one = encoder.singleValueContainer()
            switch self {
            case .integer(let n): try one.encode(n)
            case .text(let s): try one.encode(s)
            }
        }

        public var description: String {
            switch self {
            case .integer(let n): return String(n)
            case .text(let s): return "\"\(s)\""
            }
        }
    }

    public var values: [String: Value]

    /// The keys whose values differ from `other`'s (one without a key differs), sorted.
    public func keys(differingFrom other: PolicyParameters) -> [String] {
        Set(values.keys).union(other.values.keys).filter { values[$0] != other.values[$0] }.sorted()
    }

    public init(_ values: [String: Value] = [:]) { self.values = values }
}

/// A parameter a policy cannot accept; `key` names it.
public struct PolicyParameterError: Error, Equatable, CustomStringConvertible {
    public var key: String
    public var reason: String

    public init(key: String, reason: String) { self.key = key; self.reason = reason }

    public var description: String { "\(key): \(reason)" }
}

extension PolicyParameters.Value {
    /// The value as one of `T`'s raw values (e.g. `RefundOn`), or an error for `key`
    /// that lists the choices.
    public func choice<T: RawRepresentable & CaseIterable>(_ key: String, of type: T.Type) throws(PolicyParameterError) -> T
    where T.RawValue == String {
        guard case .text(let s) = self, let v = T(rawValue: s) else {
            let options = T.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or ")
            throw PolicyParameterError(key: key, reason: "must be \(options), not \(self)")
        }
        return v
    }
}
