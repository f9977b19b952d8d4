-- Sealing what a script keeps between calls: a part of the sandbox prelude (SB.include).
--
-- A script's functions can capture its chunk's locals (upvalues) and keep data in them from
-- one call to the next: one client's data could then reach the next client's result, and a
-- result would depend on the order calls came in. SB.seal closes that after a script has
-- loaded; SB.restore runs before each evaluation.
local host, SB, internal = ...
local type, next, format, byte = type, next, string.format, string.byte
local proxies, frozen, backing_of = internal.proxies, internal.frozen, internal.backing_of

-- ---- state a script keeps between calls ----------------------------------------------
-- seal(): every table a script's functions reach through upvalues becomes a frozen proxy,
-- and every such upvalue is recorded with its value; restore() puts them all back before
-- each new evaluation. Within one evaluation a script may still assign its locals.
local getupvalue, setupvalue, upvalueid = host.debug.getupvalue, host.debug.setupvalue, host.debug.upvalueid
local getinfo, rawgetmetatable = host.debug.getinfo, host.debug.getmetatable
local sealed, nsealed, sealed_ids = {}, 0, {}   -- function, upvalue index, value (flat); recorded upvalue ids

-- Seals the functions and tables reachable from `roots` that scripts made (any "@" chunk:
-- a plugin, or a module whose factory made a closure for it). Returns nothing, or an error
-- message and the line of the function that holds what cannot be sealed (a table with a
-- metatable, or with keys that are not strings, numbers or booleans).
function SB.seal(roots)
  local seen = {}
  local failure, failure_line
  local function visit(v, name, line)
    if failure or seen[v] then return end
    local tv = type(v)
    if tv == "table" then
      if proxies[v] then return end            -- host data, libraries, or already sealed
      seen[v] = true
      if rawgetmetatable(v) ~= nil then
        failure = format("'%s' is a table with a metatable, kept between evaluations: a plugin may keep " ..
          "only plain tables (they become read-only once it has loaded)", name)
        failure_line = line
        return
      end
      for k, x in next, v do
        local tk = type(k)
        if tk ~= "string" and tk ~= "number" and tk ~= "boolean" then
          -- a table key would stay writable behind the frozen view (and keys of other kinds
          -- have no order that is the same on every run)
          failure = format("'%s' has a %s as a key, kept between evaluations: a plugin may keep only " ..
            "tables keyed by strings, numbers or booleans (they become read-only once it has loaded)", name, tk)
          failure_line = line
          return
        end
        visit(x, name, line)
      end
    elseif tv == "function" then
      seen[v] = true
      local info = getinfo(v, "S")
      -- host ("=..."), library and C ("=[C]") functions are not a script's; every "@" chunk
      -- (plugin or module) is
      if byte(info.source, 1) ~= 64 then return end
      for i = 1, 255 do
        local up, value = getupvalue(v, i)
        if up == nil then break end
        if up ~= "_ENV" or not backing_of[value] then   -- the plugin's own environment: freeze() seals it
          visit(value, up, info.linedefined)
          if failure then return end
          if type(value) == "table" and not proxies[value] then
            value = frozen(value, format("plugin-level table '%s' (a plugin cannot change what it keeps " ..
              "between clients; use a local inside apply)", up))
            setupvalue(v, i, value)
          end
          local id = upvalueid(v, i)
          if not sealed_ids[id] then
            sealed_ids[id] = true
            sealed[nsealed + 1], sealed[nsealed + 2], sealed[nsealed + 3] = v, i, value
            nsealed = nsealed + 3
          end
        end
      end
    end
  end
  for i = 1, #roots do visit(roots[i], "?", nil) end
  if failure then return failure, failure_line end
end

-- Puts every sealed upvalue back to the value it had when its script loaded.
local setupvalues = host.setupvalues
function SB.restore()
  setupvalues(sealed, nsealed)
end
