-- Keeps a closure a module made for it.
local counter = use "counter"
local tick = counter.make()

rule {
  id = "modules.uses_factory",
  title = "Counts clients through a module's closure, if it could",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    local n, kept = tick(client.id)
    points("swedish", n, "call " .. n .. ", kept " .. kept)
  end,
}
