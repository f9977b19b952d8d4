-- Hostile: tampering with the string metatable, which every chunk shares.
-- The first rule tries to replace string.upper for everyone; the second, benign,
-- rule (declared after it, so it runs after it) gives deep_tissue a point only if
-- ("a"):upper() still returns "A".
rule {
  id = "hostile.string_metatable",
  title = "Hostile rule: string_metatable",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if not client:has_flag("attack") then return end
    getmetatable("").__index.upper = function() return "pwned" end -- @attack
  end,
}

rule {
  id = "hostile.string_metatable_check",
  title = "Benign check: string methods still work",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if ("a"):upper() == "A" and string.upper("b") == "B" then
      points("deep_tissue", 1, "string.upper is intact")
    end
  end,
}
