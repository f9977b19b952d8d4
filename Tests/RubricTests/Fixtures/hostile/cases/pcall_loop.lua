-- Hostile: an endless loop that tries to swallow the limit error with pcall
-- The attack runs only for a client flagged 'attack'; the line marked "@attack" is where it must fail.
rule {
  id = "hostile.pcall_loop",
  title = "Hostile rule: pcall_loop",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if not client:has_flag("attack") then return end
    while true do pcall(function() while true do end end) end -- @attack
  end,
}
