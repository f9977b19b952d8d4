/// The engine's own version (the rule set's is in its `manifest.yaml`, see ``RuleSet/version``).
public enum EngineVersion {
    /// Semantic version of the engine and its plugin API: a plugin written against an older minor
    /// version keeps working.
    public static let current = "0.2.0"
}
