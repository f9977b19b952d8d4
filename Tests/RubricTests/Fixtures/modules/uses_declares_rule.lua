local d = use "declares_rule"
rule {
  id = "modules.uses_declares_rule",
  title = "Never loads",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function() return d end,
}
