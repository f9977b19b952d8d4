-- The bare-Lua floor: the same sandbox prelude, host API and rules/ as Rubric, run by
-- stock lua5.4 over profiles already decoded to Lua tables, with no Swift, no C shim,
-- no count hook and no memory cap. Every Rubric figure is compared with this one.
--
-- usage: lua5.4 floor.lua SETUP CATALOG PROFILES RULES_LIST ROUNDS SAMPLE (from the package root)
--   SETUP: which of the package's Lua files make the prelude and host, and their settings
--          (written by RubricBench; see load_host.lua)
--   CATALOG: a Lua file returning the catalog table
--   PROFILES: a file listing Lua files, one a line, each returning a chunk of resolved profiles
--   RULES_LIST: a file listing the plugin paths, one a line (chunk names are "@" .. path)
--   ROUNDS: how many times to run every profile; SAMPLE: profiles whose contributions to print
local setup_path, catalog_path, profiles_path, rules_list, rounds, sample = ...
rounds, sample = tonumber(rounds), tonumber(sample)

local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

-- The C helpers of the shim, in pure Lua (debug.getinfo instead of lua_getstack/lua_getinfo).
local helpers = {}
function helpers.callsite(own, from)
  for level = (from or 1) + 1, 50 do     -- level 1 here is callsite itself
    local info = debug.getinfo(level, "Sl")
    if not info then return nil end
    if info.source:sub(1, 1) == "@" and info.currentline > 0 then
      local file = info.source:sub(2)
      return file ~= own and file, info.currentline
    end
  end
end
function helpers.definedat(f)
  local info = debug.getinfo(f, "S")
  return info.source:gsub("^@", ""), info.linedefined
end
function helpers.activelines(f)
  local info = debug.getinfo(f, "SL")
  local lines = {}
  for line in pairs(info.activelines) do lines[#lines + 1] = line end
  table.sort(lines)
  return lines, info.lastlinedefined
end
function helpers.coverage() return {} end
function helpers.exhausted() return false end   -- the floor has no limits
function helpers.setupvalues(list, n)
  for k = 1, n, 3 do debug.setupvalue(list[k], list[k + 1], list[k + 2]) end
end
helpers.debug = debug

local H = assert(loadfile("Benchmarks/bare-lua/load_host.lua"))(helpers, setup_path)
H.set_catalog(dofile(catalog_path))

local loaded = {}
for path in io.lines(rules_list) do
  local result = H.load_plugin(read(path), "@" .. path)
  assert(result.rules, result.syntax or result.error)
  for _, r in ipairs(result.rules) do loaded[r.index] = r end
end
local order = {}                           -- the host's own execution order, as Rubric runs it
for i, index in ipairs(H.execution_order()) do order[i] = loaded[index] end

local chunks = {}
for path in io.lines(profiles_path) do chunks[#chunks + 1] = path end
-- The same collector settings as Rubric's rule states (vm.c): incremental, a cycle at 10x the
-- live heap (generational and the default pause measured the same here, within noise).
collectgarbage("incremental", 1000)

-- One evaluation: every rule, protected, and the contributions summed per technique
-- (the Lua-side aggregation a host would need at the least).
-- H.run returns nothing, or the actions, 9 values each (verb, file, line, technique, text,
-- points, ...): as its results, or past 1,000 actions as one list
local function actions(ok, first, ...)
  if not ok or first == nil then return nil end
  if type(first) == "table" then return first end
  return { first, ... }
end

local function evaluate(p, keep)
  H.begin(p)
  local scores, excluded, lines = {}, {}, keep and {} or nil
  for _, r in ipairs(order) do
    local flat = actions(pcall(H.run, r.index))
    if flat then
      for k = 1, #flat, 9 do
        local verb, technique = flat[k], flat[k + 3]
        if verb == "points" then
          scores[technique] = (scores[technique] or 0) + flat[k + 5]
          if lines then lines[#lines + 1] = string.format("%s %s %d", r.id, technique, flat[k + 5]) end
        elseif verb == "exclude" then
          excluded[technique] = true
        end
      end
    end
  end
  H.take_log()
  return scores, excluded, lines
end

local first = dofile(chunks[1])
for i = 1, math.min(sample, #first) do
  local _, _, lines = evaluate(first[i], true)
  table.sort(lines)
  print("sample " .. i .. " " .. table.concat(lines, ";"))
end

for _ = 1, 2 do for _, p in ipairs(first) do evaluate(p) end end   -- warm up
first = nil  -- luacheck: ignore (frees the chunk before timing)
-- the median of ROUNDS timed passes over every profile; loading a chunk is not timed
local times = {}
for r = 1, rounds do
  local seconds, count = 0, 0
  for _, path in ipairs(chunks) do
    local profiles = dofile(path)
    collectgarbage("collect")
    local start = os.clock()
    for _, p in ipairs(profiles) do evaluate(p) end
    seconds, count = seconds + (os.clock() - start), count + #profiles
  end
  times[r] = seconds / count * 1e6
end
table.sort(times)
print(string.format("floor_us %.3f", times[(#times + 1) // 2]))

-- Each profile of the first chunk on its own: the best of three means of ten runs, so the
-- percentiles show what slow profiles cost rather than collector steps or noise. Then the same
-- with only the rules that act on that profile (or fail), as if every idle rule were skipped
-- for free: the most that skipping rules could ever save.
local function best_of_three(body)
  local best = math.huge
  for _ = 1, 3 do
    local start = os.clock()
    for _ = 1, 10 do body() end
    best = math.min(best, (os.clock() - start) / 10 * 1e6)
  end
  return best
end
local each, acting_only = {}, {}
for _, p in ipairs(dofile(chunks[1])) do
  each[#each + 1] = best_of_three(function() evaluate(p) end)
  H.begin(p)
  local acting = {}
  for _, r in ipairs(order) do
    local ok, result = pcall(H.run, r.index)
    if not ok or result ~= nil then acting[#acting + 1] = r end
  end
  acting_only[#acting_only + 1] = best_of_three(function()
    H.begin(p)
    for _, r in ipairs(acting) do pcall(H.run, r.index) end
    H.take_log()
  end)
end
local function pcts(t)
  table.sort(t)
  local function pct(q) return t[math.max(1, math.ceil(#t * q))] end
  return pct(0.5), pct(0.95), pct(0.99)
end
print(string.format("floor_profile_us %.3f %.3f %.3f", pcts(each)))
print(string.format("floor_acting_only_us %.3f %.3f %.3f", pcts(acting_only)))
