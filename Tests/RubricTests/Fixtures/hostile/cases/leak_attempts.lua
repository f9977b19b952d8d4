-- Every way this plugin can try to carry a client's data to the next client, each caught by
-- pcall so the plugin still loads and runs: results must be the same whatever ran before.
local last_id                                   -- an upvalue: put back before every evaluation
local seen = { count = 0 }                      -- a kept table: read-only
local function remember(id) last_id = id end    -- a kept closure over the upvalue
counter = 0                                     -- a global: frozen

rule {
  id = "leak.attempts",
  title = "Tries to carry data between clients",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    local carried = {}
    if last_id ~= nil then carried[#carried + 1] = "upvalue " .. tostring(last_id) end
    remember(client.id)
    pcall(function() seen.count = seen.count + 1 end)
    if seen.count ~= 0 then carried[#carried + 1] = "table " .. seen.count end
    pcall(function() counter = counter + 1 end)
    if counter ~= 0 then carried[#carried + 1] = "global " .. counter end
    local reason = #carried == 0 and "nothing carried over" or table.concat(carried, ", ")
    points("swedish", 1, reason .. " (client " .. tostring(client.id) .. ")")
  end,
}
