-- Hostile: loading a module
-- The attack runs only for a client flagged 'attack'; the line marked "@attack" is where it must fail.
rule {
  id = "hostile.require_module",
  title = "Hostile rule: require_module",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if not client:has_flag("attack") then return end
    local m = require("os") -- @attack
  end,
}
