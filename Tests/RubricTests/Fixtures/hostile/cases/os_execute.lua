-- Hostile: running a shell command
-- The attack runs only for a client flagged 'attack'; the line marked "@attack" is where it must fail.
rule {
  id = "hostile.os_execute",
  title = "Hostile rule: os_execute",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if not client:has_flag("attack") then return end
    os.execute("echo pwned") -- @attack
  end,
}
