-- A plugin-level table with a metatable: its __index could write into the table behind a
-- read-only proxy, so the plugin is refused when it loads.
local memo = setmetatable({}, { __index = function(t, k) t[k] = k; return k end })

rule {
  id = "state.memo",
  title = "Memoizes across clients, if it could",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    points("swedish", 1, "memo " .. tostring(memo[client.age]))
  end,
}
