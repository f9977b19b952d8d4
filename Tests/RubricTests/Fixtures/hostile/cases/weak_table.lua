-- Hostile: a weak table empties when the collector runs: a result would depend on its timing.
rule {
  id = "hostile.weak_table",
  title = "Hostile rule: weak_table",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if not client:has_flag("attack") then return end
    local cache = setmetatable({}, { __mode = "k" }) -- @attack
    cache[{}] = true
  end,
}
