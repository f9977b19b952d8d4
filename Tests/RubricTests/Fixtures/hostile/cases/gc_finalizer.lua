-- Hostile: a __gc finalizer that loops (finalizers run with hooks off)
-- The attack runs only for a client flagged 'attack'; the line marked "@attack" is where it must fail.
rule {
  id = "hostile.gc_finalizer",
  title = "Hostile rule: gc_finalizer",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if not client:has_flag("attack") then return end
    setmetatable({}, { __gc = function() while true do end end }); collectgarbage() -- @attack
  end,
}
