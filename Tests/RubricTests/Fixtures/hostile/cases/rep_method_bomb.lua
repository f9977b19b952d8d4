-- Hostile: ('x'):rep of a gigabyte, through the string metatable
-- The attack runs only for a client flagged 'attack'; the line marked "@attack" is where it must fail.
rule {
  id = "hostile.rep_method_bomb",
  title = "Hostile rule: rep_method_bomb",
  kind = "caution",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if not client:has_flag("attack") then return end
    local s = ("x"):rep(1e9) -- @attack
  end,
}
