-- The minimal-host floor's host: the cheapest host that gives Rubric's rules the same answers,
-- so that a ratio to it shows what Rubric's own host (explanations, sealing, limits, the Swift
-- boundary) costs. Profiles are plain tables, already resolved; a verb appends one tuple
-- (rule, verb, technique, points) to a list; nothing is located, traced, sealed or counted; no
-- hook, no memory cap, no read-only views. The client view answers as Rubric's does
-- (Sources/Rubric/Lua/client.lua) for every call the shipped rules make.
--
-- usage: local M = dofile("Benchmarks/bare-lua/minimal_host.lua")
--        M.load(SETUP, CATALOG, RULES_LIST) (the floor scripts' inputs), or step by step:
--        M.set_catalog(catalog); M.load_plugin(source, "@path"); M.set_modules{name = {source, chunk}}
--        M.finish_loading(); then local scores, excluded, acts = M.evaluate(profile)
local M = {}
local C                                    -- the catalog
local rules = {}                           -- in declaration order
local order                                -- in execution order (by kind, then as loaded)
local KIND_RANK = { referral = 1, contraindication = 2, caution = 3, indication = 4, preference = 5 }
local MODULES, loaded_modules = {}, {}

local acts, nacts = {}, 0                  -- rule id, verb, technique, points: 4 values an action
local current                              -- the rule running
local cap                                  -- the strictest pressure limit so far
local PRESSURE = { light = 1, medium = 2, firm = 3 }
local P                                    -- the profile

local function act(verb, technique, points)
  local n = nacts
  acts[n + 1], acts[n + 2], acts[n + 3], acts[n + 4] = current.id, verb, technique or false, points or false
  nacts = n + 4
end

local api = {}
function api.rule(spec) rules[#rules + 1] = { id = spec.id, kind = spec.kind, apply = spec.apply } end
function api.points(t, amount) act("points", t, amount) end
function api.exclude(t) act("exclude", t) end
function api.caution(a, b) act("caution", b and a or nil) end
function api.refer() act("refer") end
function api.require_clearance() act("require_clearance") end
function api.limit_pressure(level)
  act("limit_pressure")
  if not cap or PRESSURE[level] < PRESSURE[cap] then cap = level end
end
function api.note() act("note") end
function api.ask() act("ask") end
function api.use(name)
  local done = loaded_modules[name]
  if done then return done end
  local spec = MODULES[name]
  done = assert(load(spec.source, spec.chunk, "t", setmetatable({}, { __index = api })))()
  loaded_modules[name] = done
  return done
end

-- ---- the client view: the same answers as client.lua, without checks or traces ------------
local ACTIVE, SYMPTOMS, FLAGS, GOALS = {}, {}, {}, {}
local methods = {}
local client = setmetatable({}, {
  __index = function(_, k)
    local m = methods[k]
    if m then return m end
    return P[k]
  end,
})

local function find_condition(id, opts)
  for _, c in ipairs(P.conditions) do
    if c.id == id and (c.active or (opts and opts.status == "any")) then
      local ok = true
      if opts then
        if opts.side and c.side ~= opts.side then ok = false end
        if opts.course and c.course ~= opts.course then ok = false end
        if opts.severity and c.severity ~= opts.severity then ok = false end
        if opts.region then
          if c.region then ok = ok and c.region == opts.region
          else
            local any = false
            for _, reg in ipairs(C.conditions[id].regions or {}) do if reg == opts.region then any = true end end
            ok = ok and any
          end
        end
      end
      if ok then return c end
    end
  end
end

function methods.has_condition(_, id, opts)
  if opts == nil then return ACTIVE[id] ~= nil end
  return find_condition(id, opts) ~= nil
end
function methods.condition(_, id, opts) return find_condition(id, opts) end
function methods.has_symptom(_, id) return SYMPTOMS[id] == true end
function methods.onset(_, id) return SYMPTOMS[id] and P.symptom_onset and P.symptom_onset[id] or nil end
function methods.has_flag(_, id) return FLAGS[id] == true end
function methods.has_goal(_, id) return GOALS[id] == true end
function methods.takes(_, class)
  for _, m in ipairs(P.medications) do if m.class == class then return true, m.name end end
  return false
end
function methods.medications_in(_, class)
  local names = {}
  for _, m in ipairs(P.medications) do if m.class == class then names[#names + 1] = m.name end end
  return names
end
function methods.is_pregnant()
  local p = P.pregnancy
  if not p then return false end
  return true, p.weeks, p.high_risk
end
function methods.surgery(_, opts)
  opts = opts or {}
  for _, s in ipairs(P.surgeries) do
    if (not opts.procedure or s.procedure == opts.procedure) and (not opts.region or s.region == opts.region)
      and (not opts.within_weeks or s.weeks_ago == nil or s.weeks_ago <= opts.within_weeks) then
      return s
    end
  end
end
function methods.prefers_pressure()
  local asked = P.preferences.pressure
  local p = asked
  if asked and cap and PRESSURE[asked] > PRESSURE[cap] then p = cap end
  return p, asked
end
function methods.requested() return P.preferences.requested end
function methods.oil_sensitive() return P.preferences.oil_sensitivity end

-- ---- the host's entry points --------------------------------------------------------------
function M.set_catalog(catalog)
  C = catalog
  catalog.ids = {}
  api.catalog = catalog
end
function M.set_modules(list) MODULES = list end

function M.load_plugin(source, chunkname)
  local env = setmetatable({}, { __index = function(_, k)
    local v = api[k]
    if v ~= nil then return v end
    return _G[k]
  end })
  assert(load(source, chunkname, "t", env))()
end

function M.finish_loading()
  order = {}
  for i, r in ipairs(rules) do order[i] = r; r.position = i end
  table.sort(order, function(a, b)
    if KIND_RANK[a.kind] ~= KIND_RANK[b.kind] then return KIND_RANK[a.kind] < KIND_RANK[b.kind] end
    return a.position < b.position
  end)
  return #order
end

local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

-- The catalog, the rule modules SETUP names and every plugin RULES_LIST lists, from the files
-- RubricBench writes (see floor.lua); returns how many rules loaded.
function M.load(setup_path, catalog_path, rules_list)
  M.set_catalog(dofile(catalog_path))
  local modules = {}
  for name, path in pairs(dofile(setup_path).modules or {}) do
    modules[name] = { source = read(path), chunk = "@" .. path }
  end
  M.set_modules(modules)
  for path in io.lines(rules_list) do M.load_plugin(read(path), "@" .. path) end
  return M.finish_loading()
end

local function mark(set, list) for i = 1, #list do set[list[i]] = true end end
local function clear(set) for k in next, set do set[k] = nil end end

-- One evaluation: every rule, protected, then the points summed per technique and the
-- exclusions collected. Returns the scores, the exclusions and the action list.
function M.evaluate(profile)
  P, cap, nacts = profile, nil, 0
  clear(ACTIVE); clear(SYMPTOMS); clear(FLAGS); clear(GOALS)
  for _, c in ipairs(P.conditions) do if c.active and ACTIVE[c.id] == nil then ACTIVE[c.id] = c end end
  mark(SYMPTOMS, P.symptoms); mark(FLAGS, P.flags); mark(GOALS, P.preferences.goals)
  for i = 1, #order do
    current = order[i]
    pcall(current.apply, client)
  end
  local scores, excluded = {}, {}
  for k = 1, nacts, 4 do
    local verb, technique = acts[k + 1], acts[k + 2]
    if verb == "points" then scores[technique] = (scores[technique] or 0) + acts[k + 3]
    elseif verb == "exclude" then excluded[technique] = true end
  end
  return scores, excluded, acts, nacts
end

return M
