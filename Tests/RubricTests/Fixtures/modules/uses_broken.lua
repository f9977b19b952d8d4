local b = use "broken"
rule {
  id = "modules.uses_broken",
  title = "Never loads",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function() return b end,
}
