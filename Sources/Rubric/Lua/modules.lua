-- Modules: helpers plugins share (rules/lib/NAME.lua), loaded with use "NAME" while a plugin
-- loads: a part of the rule host (host.lua includes it). Each module runs once per rule state in
-- its own environment (the plugin API without rule{}), must return a table of its helpers, and
-- is sealed like a plugin (what it keeps is read-only or put back before every evaluation). A
-- missing module, a cycle, or a module that fails is a load error at the module's file and line.
local K = ...
local format, type, error, next, ipairs = string.format, type, error, next, ipairs
local tostring = K.SB.tostring
local sort = table.sort
local SB, H, api, callsite, suggest, sorted_keys = K.SB, K.H, K.api, K.helpers.callsite, K.suggest, K.sorted_keys

local MODULES, modules_loaded, modules_loading = {}, {}, {}
function H.set_modules(list) MODULES = list end

-- what a module sees: the plugin API without rule{} (a module declares no rules); made on first use
local module_api
local function module_names()
  if not module_api then
    module_api = {}
    for k, v in next, api do module_api[k] = v end
    module_api.rule = function()
      error("rule{} cannot be declared in a module: modules hold helpers; declare rules in a plugin", 2)
    end
  end
  return module_api
end

function api.use(name)
  local loading = K.loading()
  if not loading then error("use() can only be called while a plugin loads (at its top, outside apply)", 2) end
  if type(name) ~= "string" then error(format("use() takes a module name, got %s", type(name)), 2) end
  local done = modules_loaded[name]
  if done then return done end
  local spec = MODULES[name]
  if not spec then
    error(format("unknown module '%s'%s: modules live in rules/lib/NAME.lua", name,
      suggest(name, sorted_keys(MODULES))), 2)
  end
  if modules_loading[name] then
    error(format("module cycle: '%s' is used again while it loads", name), 2)
  end
  local env = SB.newenv(module_names())
  local fn, err = SB.load(spec.source, spec.chunk, env)
  if not fn then
    loading.error_at = { file = spec.chunk:sub(2), line = tonumber(tostring(err):match(":(%d+):")) }
    error(format("module '%s' does not compile: %s", name, tostring(err)), 2)
  end
  modules_loading[name] = true
  local at
  local ok, result = xpcall(fn, function(m)
    local file, line = callsite()
    at = at or { file = file, line = line }
    return m
  end)
  modules_loading[name] = nil
  if not ok then
    loading.error_at = loading.error_at or at
    error(type(result) == "string" and result or format("module '%s' failed with a %s value", name, type(result)), 0)
  end
  if type(result) ~= "table" then
    loading.error_at = { file = spec.chunk:sub(2), line = 1 }
    error(format("module '%s' must return a table of its helpers, got %s", name, type(result)), 2)
  end
  -- what the module keeps is sealed like a plugin's: read-only tables, locals put back
  local roots, names = {}, {}
  for k in next, result do names[#names + 1] = k end
  sort(names, function(a, b) return tostring(a) < tostring(b) end)
  for _, k in ipairs(names) do roots[#roots + 1] = result[k] end
  local globals = {}
  for k in next, env do globals[#globals + 1] = k end
  sort(globals, function(a, b) return tostring(a) < tostring(b) end)
  for _, k in ipairs(globals) do roots[#roots + 1] = env[k] end
  local failure, line = SB.seal(roots)
  if failure then
    loading.error_at = { file = spec.chunk:sub(2), line = line }
    error(format("module '%s': %s", name, failure), 2)
  end
  SB.freeze(env)
  done = SB.frozen(result, format("module '%s'", name))
  modules_loaded[name] = done
  return done
end
