-- Hostile: a safety rule keeps what it allocates in a plugin-level local, so it stays reachable
-- after the memory limit stops it; the next client must still start from a clean state.
-- The attack runs only for a client flagged 'attack'; the line marked "@attack" is where it must fail.
local keep
rule {
  id = "hostile.memory_carry",
  title = "Hostile rule: memory_carry",
  kind = "contraindication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if not client:has_flag("attack") then return end
    keep = {}
    for i = 1, 1e9 do keep[i] = ("x"):rep(1000000) .. i end -- @attack
  end,
}
