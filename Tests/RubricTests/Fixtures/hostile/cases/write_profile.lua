-- Hostile: writing to the client profile
-- The attack runs only for a client flagged 'attack'; the line marked "@attack" is where it must fail.
rule {
  id = "hostile.write_profile",
  title = "Hostile rule: write_profile",
  kind = "contraindication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if not client:has_flag("attack") then return end
    client.age = 3 -- @attack
  end,
}
