-- Hostile: opening a file
-- The attack runs only for a client flagged 'attack'; the line marked "@attack" is where it must fail.
rule {
  id = "hostile.io_open",
  title = "Hostile rule: io_open",
  kind = "referral",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if not client:has_flag("attack") then return end
    local f = io.open("/etc/passwd", "r") -- @attack
  end,
}
