-- Hostile: swaps in its own plain table as _ENV, so that its "globals" could keep data
-- from one client to the next. The line marked "@attack" is where it must fail.
local rule, points = rule, points
local _ENV = { seen = 0 }

rule {
  id = "hostile.plugin_env",
  title = "Hostile rule: plugin_env",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if not client:has_flag("attack") then return end
    seen = seen + 1 -- @attack
    points("deep_tissue", seen, "clients seen so far")
  end,
}
