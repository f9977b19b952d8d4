-- Hostile: pairs over a table keyed by tables would follow their addresses (hash order).
rule {
  id = "hostile.table_key_order",
  title = "Hostile rule: table_key_order",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if not client:has_flag("attack") then return end
    local t = { [{}] = "a", [{}] = "b" }
    for _, v in pairs(t) do points("swedish", 1, v) end -- @attack
  end,
}
