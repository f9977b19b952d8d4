-- Hostile: an error object whose __tostring throws
-- The attack runs only for a client flagged 'attack'; the line marked "@attack" is where it must fail.
rule {
  id = "hostile.error_tostring",
  title = "Hostile rule: error_tostring",
  kind = "caution",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if not client:has_flag("attack") then return end
    error(setmetatable({}, { __tostring = function() error("nested") end })) -- @attack
  end,
}
