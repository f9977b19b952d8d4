-- The minimal-host floor: the same rules/ under stock lua5.4 with the cheapest host that gives
-- them the same answers (minimal_host.lua), over profiles already decoded to Lua tables. Every
-- speed target of Rubric is a ratio to this figure, measured in the same run.
--
-- usage: lua5.4 minimal_floor.lua SETUP CATALOG PROFILES RULES_LIST ROUNDS SAMPLE (from the package root)
--   the same inputs as floor.lua (SETUP is read for its modules only)
-- Prints `minimal_floor_us X` (median of ROUNDS passes), `minimal_floor_profile_us p50 p95 p99`
-- (each profile of the first chunk alone) and `sample N rule technique points;...` lines.
local setup_path, catalog_path, profiles_path, rules_list, rounds, sample = ...
rounds, sample = tonumber(rounds), tonumber(sample)

local M = dofile("Benchmarks/bare-lua/minimal_host.lua")
M.load(setup_path, catalog_path, rules_list)

local chunks = {}
for path in io.lines(profiles_path) do chunks[#chunks + 1] = path end
collectgarbage("incremental", 1000)          -- as floor.lua and Rubric's states

local first = dofile(chunks[1])
for i = 1, math.min(sample, #first) do
  local _, _, acts, n = M.evaluate(first[i])
  local lines = {}
  for k = 1, n, 4 do
    if acts[k + 1] == "points" then
      lines[#lines + 1] = string.format("%s %s %d", acts[k], acts[k + 2], acts[k + 3])
    end
  end
  table.sort(lines)
  print("sample " .. i .. " " .. table.concat(lines, ";"))
end
for _ = 1, 2 do for _, p in ipairs(first) do M.evaluate(p) end end   -- warm up

local times = {}
for r = 1, rounds do
  local seconds, count = 0, 0
  for _, path in ipairs(chunks) do
    local profiles = dofile(path)
    collectgarbage("collect")
    local start = os.clock()
    for _, p in ipairs(profiles) do M.evaluate(p) end
    seconds, count = seconds + (os.clock() - start), count + #profiles
  end
  times[r] = seconds / count * 1e6
end
table.sort(times)
print(string.format("minimal_floor_us %.3f", times[(#times + 1) // 2]))

-- each profile of the first chunk alone: the best of three means of ten runs
local each = {}
for _, p in ipairs(first) do
  local best = math.huge
  for _ = 1, 3 do
    local start = os.clock()
    for _ = 1, 10 do M.evaluate(p) end
    best = math.min(best, (os.clock() - start) / 10 * 1e6)
  end
  each[#each + 1] = best
end
table.sort(each)
local function pct(q) return each[math.max(1, math.ceil(#each * q))] end
print(string.format("minimal_floor_profile_us %.3f %.3f %.3f", pct(0.5), pct(0.95), pct(0.99)))
