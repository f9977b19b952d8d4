-- Hostile: %b() over a long subject is quadratic, in C, where no hook fires.
rule {
  id = "hostile.balance_pattern",
  title = "Hostile rule: balance_pattern",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if not client:has_flag("attack") then return end
    local s = ("("):rep(200000)
    local found = s:find("%b()") -- @attack
    points("deep_tissue", found and 1 or 0, "unreachable")
  end,
}
