-- Hostile, part B: reads the global plugin A set. Each plugin has its own globals,
-- so the read must fail with "unknown global".
rule {
  id = "hostile.shared_global",
  title = "Hostile rule: reads another plugin's global",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if not client:has_flag("attack") then return end
    if shared_secret == 42 then points("deep_tissue", 5, "leaked") end -- @attack
  end,
}
