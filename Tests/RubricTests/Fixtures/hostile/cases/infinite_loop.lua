-- Hostile: an endless loop
-- The attack runs only for a client flagged 'attack'; the line marked "@attack" is where it must fail.
rule {
  id = "hostile.infinite_loop",
  title = "Hostile rule: infinite_loop",
  kind = "contraindication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if not client:has_flag("attack") then return end
    while true do end -- @attack
  end,
}
