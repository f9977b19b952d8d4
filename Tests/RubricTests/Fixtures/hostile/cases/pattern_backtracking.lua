-- Hostile: a pattern that backtracks for seconds inside C
-- The attack runs only for a client flagged 'attack'; the line marked "@attack" is where it must fail.
rule {
  id = "hostile.pattern_backtracking",
  title = "Hostile rule: pattern_backtracking",
  kind = "contraindication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if not client:has_flag("attack") then return end
    local i = string.rep("a", 500):find(".-.-.-b") -- @attack
  end,
}
