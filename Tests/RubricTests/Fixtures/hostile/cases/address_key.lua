-- Hostile: a table as the key written to a read-only table; the message names its type, not its address.
rule {
  id = "hostile.address_key",
  title = "Hostile rule: address_key",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if not client:has_flag("attack") then return end
    catalog.techniques[{}] = true -- @attack
  end,
}
