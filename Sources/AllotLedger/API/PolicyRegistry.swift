/// The policies a build knows by name. A value, passed to whoever needs it; add a
/// factory from your own package with `registering(_:)`.
public struct PolicyRegistry: Sendable {
    public private(set) var factories: [String: any PolicyFactory]

    public init(_ factories: [any PolicyFactory] = []) {
        self.factories = [:]
        for f in factories { self.factories[f.name] = f }
    }

    /// `inmail-2015` and `legacy`, the policies of the contract. `PolicyRegistry.builtIn`
    /// (module AllotPolicies, re-exported by Allot) adds `response-weighted`.
    public static let presets = PolicyRegistry([
        StandardPolicyFactory(preset: .inmail2015), StandardPolicyFactory(preset: .legacy),
    ])

    public func registering(_ factory: any PolicyFactory) -> PolicyRegistry {
        var copy = self
        copy.factories[factory.name] = factory
        return copy
    }

    public var names: [String] { factories.keys.sorted() }

    public func factory(named name: String) -> (any PolicyFactory)? { factories[name] }
}
