-- Hostile: a message handler that never ends, for a body that never ends
-- Lua calls the handler from inside the hook that raised the limit, where no hook runs.
-- The attack runs only for a client flagged 'attack'; the line marked "@attack" is where it must fail.
rule {
  id = "hostile.xpcall_handler_loop",
  title = "Hostile rule: xpcall_handler_loop",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if not client:has_flag("attack") then return end
    xpcall(function() while true do end end, function() while true do end end) end, -- @attack (the limit trips again as apply returns)
}
