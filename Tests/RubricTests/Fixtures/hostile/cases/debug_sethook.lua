-- Hostile: removing the host's budget hook
-- The attack runs only for a client flagged 'attack'; the line marked "@attack" is where it must fail.
rule {
  id = "hostile.debug_sethook",
  title = "Hostile rule: debug_sethook",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if not client:has_flag("attack") then return end
    debug.sethook() -- @attack
  end,
}
