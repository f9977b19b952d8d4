-- Hostile: a message handler that never ends, for an ordinary error
-- Its first call is counted; once the limit trips inside it, Lua calls it again from the hook.
-- The attack runs only for a client flagged 'attack'; the line marked "@attack" is where it must fail.
rule {
  id = "hostile.xpcall_error_loop",
  title = "Hostile rule: xpcall_error_loop",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if not client:has_flag("attack") then return end
    xpcall(error, function() while true do end end, "first") end, -- @attack (the limit trips again as apply returns)
}
