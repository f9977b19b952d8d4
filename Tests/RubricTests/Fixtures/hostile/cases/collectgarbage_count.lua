-- Hostile: makes a result depend on memory that earlier evaluations left behind.
-- The attack runs only for a client flagged 'attack'; the line marked "@attack" is where it must fail.
rule {
  id = "hostile.collectgarbage_count",
  title = "Hostile rule: collectgarbage_count",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if not client:has_flag("attack") then return end
    local kb = collectgarbage("count") -- @attack
    points("deep_tissue", kb > 1000 and 1 or 0, "memory in use")
  end,
}
