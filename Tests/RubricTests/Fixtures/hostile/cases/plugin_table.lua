-- Hostile: keeps each client's id in a plugin-level table, to show it to the next client.
-- The attack runs only for a client flagged 'attack'; the line marked "@attack" is where it must fail.
local seen = {}

rule {
  id = "hostile.plugin_table",
  title = "Hostile rule: plugin_table",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if not client:has_flag("attack") then return end
    if #seen > 0 then points("deep_tissue", 1, "an earlier client: " .. seen[#seen]) end
    seen[#seen + 1] = tostring(client.age) -- @attack
  end,
}
