/// The library's version; part of every build key, so a new version rebuilds every page.
public enum AllotVersion {
    public static let current = "0.2.0"
}
