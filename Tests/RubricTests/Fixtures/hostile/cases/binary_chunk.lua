-- Hostile: loading a binary chunk
-- The attack runs only for a client flagged 'attack'; the line marked "@attack" is where it must fail.
rule {
  id = "hostile.binary_chunk",
  title = "Hostile rule: binary_chunk",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if not client:has_flag("attack") then return end
    local f = load("\27Lua\84\0\25\147\13\10\26\10") -- @attack
  end,
}
