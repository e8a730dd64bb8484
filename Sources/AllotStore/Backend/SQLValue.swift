/// A value bound to a statement's parameter.
package enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
}

/// What a statement takes as an argument.
package protocol SQLArgument {
    var sqlValue: SQLValue { get }
}

extension SQLValue: SQLArgument {
    package var sqlValue: SQLValue { self }
}

extension String: SQLArgument {
    package var sqlValue: SQLValue { .text(self) }
}

extension Int: SQLArgument {
    package var sqlValue: SQLValue { .integer(Int64(self)) }
}

extension Int64: SQLArgument {
    package var sqlValue: SQLValue { .integer(self) }
}

extension Int32: SQLArgument {
    package var sqlValue: SQLValue { .integer(Int64(self)) }
}

extension Double: SQLArgument {
    package var sqlValue: SQLValue { .real(self) }
}

extension Optional: SQLArgument where Wrapped: SQLArgument {
    package var sqlValue: SQLValue { self?.sqlValue ?? .null }
}
