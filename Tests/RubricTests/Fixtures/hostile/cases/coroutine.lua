-- Hostile: creating a coroutine
-- The attack runs only for a client flagged 'attack'; the line marked "@attack" is where it must fail.
rule {
  id = "hostile.coroutine",
  title = "Hostile rule: coroutine",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if not client:has_flag("attack") then return end
    local co = coroutine.create(function() end) -- @attack
  end,
}
