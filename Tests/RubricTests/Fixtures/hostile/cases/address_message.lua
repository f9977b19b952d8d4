-- Hostile: a host error message about a table argument must not print its address.
rule {
  id = "hostile.address_message",
  title = "Hostile rule: address_message",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if not client:has_flag("attack") then return end
    points("swedish", {}, "a table as the amount") -- @attack
  end,
}
