-- A plugin that loads but declares no rules: it returns a table of what it meant to be rules.
return {
  { id = "forgot.rule", kind = "indication" },
}
