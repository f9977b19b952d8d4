-- A helper module: a function, and a counter it tries to keep between clients.
local M = {}
local calls = 0

function M.greeting(client)
  return "hello, client aged " .. tostring(client.age)
end

function M.count()
  calls = calls + 1
  return calls
end

return M
