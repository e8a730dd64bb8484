/// Makes a policy from the parameters of a `[[policy]]` entry with its `name`.
public protocol PolicyFactory: Sendable {
    var name: String { get }
    /// The keys `makePolicy` accepts, for error messages and docs.
    var parameterKeys: [String] { get }
    func makePolicy(_ parameters: PolicyParameters) throws(PolicyParameterError) -> any Policy
}
