-- A table used as a key of a plugin-level table: the sorted pairs would hand back the raw key
-- table, still writable, and a rule could keep one client's data in it for the next client.
-- The plugin is refused when it loads, at the line of the function that keeps it.
local box = { [{}] = true }

rule {
  id = "state.table_key",
  title = "Keeps the last client in a key table, if it could",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    for k in pairs(box) do
      if k.last then points("swedish", 1, "the client before was " .. tostring(k.last)) end
      k.last = client.id
    end
  end,
}
