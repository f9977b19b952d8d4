-- Hostile: a table that grows forever
-- The attack runs only for a client flagged 'attack'; the line marked "@attack" is where it must fail.
rule {
  id = "hostile.memory_bomb",
  title = "Hostile rule: memory_bomb",
  kind = "contraindication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if not client:has_flag("attack") then return end
    local t = {} for i = 1, 1e9 do t[i] = { i } end -- @attack
  end,
}
