-- Hostile: a string that doubles until memory runs out
-- The attack runs only for a client flagged 'attack'; the line marked "@attack" is where it must fail.
rule {
  id = "hostile.concat_doubling",
  title = "Hostile rule: concat_doubling",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if not client:has_flag("attack") then return end
    local s = "x" while true do s = s .. s end -- @attack
  end,
}
