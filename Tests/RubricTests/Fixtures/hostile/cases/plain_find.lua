-- Hostile: the same needle searched for as plain text: the same cost, the same bound.
rule {
  id = "hostile.plain_find",
  title = "Hostile rule: plain_find",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if not client:has_flag("attack") then return end
    local s, p = ("a"):rep(1000000), ("a"):rep(50000) .. "b"
    local found = s:find(p, 1, true) -- @attack
    points("deep_tissue", found and 1 or 0, "unreachable")
  end,
}
