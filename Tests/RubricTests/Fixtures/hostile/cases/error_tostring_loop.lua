-- Hostile: an error object whose __tostring loops forever; the host converts
-- the error to a message, so the loop would run inside the message handler.
-- The attack runs only for a client flagged 'attack'; the line marked "@attack" is where it must fail.
rule {
  id = "hostile.error_tostring_loop",
  title = "Hostile rule: error_tostring_loop",
  kind = "caution",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if not client:has_flag("attack") then return end
    error(setmetatable({}, { __tostring = function() while true do end end })) -- @attack
  end,
}
