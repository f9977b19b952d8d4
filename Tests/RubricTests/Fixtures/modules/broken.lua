-- A module with a syntax error on line 3.
local M = {}
function M.x( return 1 end
return M
