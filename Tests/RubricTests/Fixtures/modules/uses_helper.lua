-- A plugin that loads a helper module and calls it from a rule.
local words = use "words"

rule {
  id = "modules.uses_helper",
  title = "Says hello through a module",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    points("swedish", 1, words.greeting(client) .. " (" .. words.count() .. ")")
  end,
}
