-- Hostile: dumping bytecode
-- The attack runs only for a client flagged 'attack'; the line marked "@attack" is where it must fail.
rule {
  id = "hostile.string_dump",
  title = "Hostile rule: string_dump",
  kind = "contraindication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if not client:has_flag("attack") then return end
    local b = string.dump(function() end) -- @attack
  end,
}
