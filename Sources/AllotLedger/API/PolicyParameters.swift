/// The overrides one `[[policy]]` entry of `allot.toml` gives, by key.
public struct PolicyParameters: Sendable, Equatable {
    public enum Value: Sendable, Equatable, CustomStringConvertible {
        case integer(Int)
        case text(String)

        public var description: String {
            switch self {
            case .integer(let n): return String(n)
            case .text(let s): return "\"\(s)\""
            }
        }
    }

    public var values: [String: Value]

    public init(_ values: [String: Value] = [:]) { self.values = values }
}

/// A parameter a policy cannot accept; `key` names it.
public struct PolicyParameterError: Error, Equatable, CustomStringConvertible {
    public var key: String
    public var reason: String

    public init(key: String, reason: String) { self.key = key; self.reason = reason }

    public var description: String { "\(key): \(reason)" }
}
