-- Hostile: an error object whose __tostring allocates without end; it must run under the
-- memory limit like any other rule code (the message handler lifts it only for its own work).
rule {
  id = "hostile.error_tostring_alloc",
  title = "Hostile rule: error_tostring_alloc",
  kind = "caution",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if not client:has_flag("attack") then return end
    local object = setmetatable({}, { __tostring = function()
      local s = "x"
      while true do s = s .. s end
    end })
    error(object) -- @attack
  end,
}
