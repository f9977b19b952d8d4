-- Hostile: table.move over a huge (integer) range
-- The attack runs only for a client flagged 'attack'; the line marked "@attack" is where it must fail.
rule {
  id = "hostile.table_move_integer",
  title = "Hostile rule: table_move_integer",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if not client:has_flag("attack") then return end
    table.move({}, 1, 1000000000000, 1) -- @attack
  end,
}
