-- A plugin-level local assigned while rules run: every client must see it as it was when the
-- plugin loaded (1 after the increment), whatever came before; within one evaluation the
-- second rule sees what the first one assigned.
local count = 0
local first_saw
local KEPT = { swedish = catalog.techniques.swedish }   -- a kept table holding a catalog view

rule {
  id = "state.counter",
  title = "Counts evaluations, if it could",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    count = count + 1
    first_saw = client.age
    points("deep_tissue", count, "evaluation number " .. count)
  end,
}

rule {
  id = "state.same_evaluation",
  title = "Reads what the first rule assigned in this evaluation",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    points("swedish", 1, "the first rule saw age " .. tostring(first_saw) .. " (" .. KEPT.swedish.name .. ")")
  end,
}
