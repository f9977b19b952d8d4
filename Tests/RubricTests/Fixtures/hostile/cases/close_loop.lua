-- Hostile: a to-be-closed variable whose __close loops forever. The __close is
-- added after setmetatable (which only refuses __gc/__close present at that time),
-- so it runs while the instruction-limit error unwinds the endless loop.
-- The attack runs only for a client flagged 'attack'; the line marked "@attack" is where it must fail.
rule {
  id = "hostile.close_loop",
  title = "Hostile rule: close_loop",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if not client:has_flag("attack") then return end
    local mt = {}
    local guard = setmetatable({}, mt)
    mt.__close = function() while true do end end
    do local g <close> = guard; while true do end end -- @attack
  end,
}
