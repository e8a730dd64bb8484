import AllotLedger

extension PolicyRegistry {
    /// Every policy Allot ships: `inmail-2015`, `legacy` and `response-weighted`.
    public static let builtIn = PolicyRegistry.presets.registering(ResponseWeightedPolicyFactory())
}
