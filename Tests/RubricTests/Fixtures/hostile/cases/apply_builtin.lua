-- apply = error: a library function has no line in the plugin, so errors would point at
-- "file.lua:-1"; the plugin is refused when it loads.
rule {
  id = "hostile.apply_builtin",
  title = "Hostile rule: apply_builtin",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = error,
}
