-- Hostile: a 50,000-byte literal pattern over a 1 MB subject compares up to the whole pattern
-- at every place: seconds in one C call.
rule {
  id = "hostile.literal_pattern",
  title = "Hostile rule: literal_pattern",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if not client:has_flag("attack") then return end
    local s, p = ("a"):rep(1000000), ("a"):rep(50000) .. "b"
    local found = s:find(p) -- @attack
    points("deep_tissue", found and 1 or 0, "unreachable")
  end,
}
