-- Hostile: setting a plugin global while rules run
-- The attack runs only for a client flagged 'attack'; the line marked "@attack" is where it must fail.
rule {
  id = "hostile.write_global",
  title = "Hostile rule: write_global",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if not client:has_flag("attack") then return end
    counter = 1 -- @attack
  end,
}
