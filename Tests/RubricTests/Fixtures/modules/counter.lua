-- A module whose factory makes a closure for the plugin while it loads: the closure's counter
-- and list must be sealed too, or they would carry one client's data to the next.
local M = {}

function M.make()
  local n, seen = 0, {}
  return function(id)
    n = n + 1
    pcall(function() seen[#seen + 1] = id end)
    return n, #seen
  end
end

return M
