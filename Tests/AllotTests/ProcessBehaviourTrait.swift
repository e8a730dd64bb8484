import Testing

extension Trait where Self == ConditionTrait {
    /// For a suite whose point is how processes behave: killed, racing each other, out of
    /// disk, under load or against real servers. It runs once, in the plain suite, and not
    /// again under the sanitizers (`scripts/test-sanitized`): the code it drives is what the
    /// in-process tests run under them, and the sanitized runs are what keep CI long.
    static var processBehaviour: Self {
        .disabled(if: TestSupport.sanitized, "tests how processes behave, not memory or thread safety")
    }
}
