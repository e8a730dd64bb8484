import AllotImport
import AllotPolicies

extension ProjectConfig {
    /// Parses a config whose policies are the built-in ones.
    public static func parse(_ text: String, file: String) throws(ImportFailure) -> ProjectConfig {
        try parse(text, file: file, registry: .builtIn)
    }
}
