-- {{name}}.lua: TODO say what this plugin covers and which sources it follows.
-- The plugin API is documented in rules/README.md; run `rubric rules check` and
-- `rubric test` after every edit.

rule {
  id = "{{name}}.todo",                 -- lowercase letters, digits, "_" and "."
  title = "TODO: what this rule does, in a therapist's words",
  kind = "{{kind}}",            -- referral | contraindication | caution | indication | preference
  grade = "weak",                      -- supported | weak | insufficient | unsupported | practice | tradition
  evidence = { "{{evidence}}" },        -- keys from rules/catalog/sources.yaml
  apply = function(client)
    -- TODO: read the client and call a verb. For example:
{{example}}
  end,
}
