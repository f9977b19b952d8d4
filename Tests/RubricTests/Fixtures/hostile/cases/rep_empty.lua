-- Hostile: an empty string repeated math.maxinteger times copies nothing, but the C loop
-- still runs once per repetition, where no hook can stop it.
rule {
  id = "hostile.rep_empty",
  title = "Hostile rule: rep_empty",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if not client:has_flag("attack") then return end
    local s = (""):rep(math.maxinteger) -- @attack
    points("deep_tissue", #s, "unreachable")
  end,
}
