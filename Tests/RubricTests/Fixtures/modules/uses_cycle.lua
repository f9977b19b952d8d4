local a = use "cycle_a"
rule {
  id = "modules.uses_cycle",
  title = "Never loads",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function() return a end,
}
