-- Hostile: a 1 MB error message; the message kept is cut to a bounded length.
rule {
  id = "hostile.long_message",
  title = "Hostile rule: long_message",
  kind = "caution",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if not client:has_flag("attack") then return end
    error(("x"):rep(1000000)) -- @attack
  end,
}
