/// The size limits on input, in one place (documented in `docs/profiles.md`, "Limits").
///
/// A profile is untrusted input: each limit turns input that would cost unbounded time or
/// memory into an ``InputError`` naming the file, line and field, or bounds work that is only
/// a convenience (suggestions). The numbers are far above any real client profile. Catalog
/// files, rule manifests and rule test files are written by the rule authors; of these limits
/// they get only the alias bound, which every YAML document has.
public enum InputLimits {
    /// The largest profile, in UTF-8 bytes: a profile file, or one JSONL line of `rubric batch` (1 MiB).
    public static let maximumProfileBytes = 1 << 20
    /// The most items in one list of a profile (`conditions`, `symptoms`, `preferences.goals`, …).
    public static let maximumListItems = 500
    /// The most keys in one mapping of a profile.
    public static let maximumMappingKeys = 500
    /// The longest term, id or field name in a profile, in characters (Unicode scalars): a
    /// condition, symptom, flag, medication, class, procedure, region, goal, code, `client.id`,
    /// an enumerated value, a key.
    public static let maximumTermCharacters = 1_000
    /// The longest free-text value of a profile (`medications[].dose`), in characters.
    public static let maximumFreeTextCharacters = 4_000
    /// The most nodes that aliases (`*name`) may add to any YAML document when expanded: a
    /// "billion laughs" is refused, never expanded.
    public static let maximumAliasNodes = 10_000
    /// How many "did you mean" suggestions are looked for in one profile. Unknown terms after
    /// that are still warned about, without a suggestion.
    public static let maximumSuggestions = 100
    /// The longest term a suggestion is looked for, in characters; a longer one is warned
    /// about without a suggestion.
    public static let maximumSuggestedTermCharacters = 64
    /// How many characters of a term a message quotes; a longer term is cut and ends in `…`.
    public static let maximumQuotedCharacters = 80
}
