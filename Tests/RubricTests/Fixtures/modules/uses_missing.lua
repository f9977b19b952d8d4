-- Uses a module that does not exist.
local missing = use "wrods" -- @missing
rule {
  id = "modules.uses_missing",
  title = "Never loads",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function() return missing end,
}
