-- Hostile: string.rep of a gigabyte, integer count
-- The attack runs only for a client flagged 'attack'; the line marked "@attack" is where it must fail.
rule {
  id = "hostile.rep_integer_bomb",
  title = "Hostile rule: rep_integer_bomb",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if not client:has_flag("attack") then return end
    local s = string.rep("x", 1000000000) -- @attack
  end,
}
