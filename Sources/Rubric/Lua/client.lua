-- The client view rules read: a part of the rule host (host.lua includes it). A read-only
-- proxy of the resolved profile whose helpers validate their ids and options and record every
-- read (for `explain`). It owns the profile of the evaluation running (P) and the reads traced.
local K = ...
local format, type, error, next, ipairs, setmetatable = string.format, type, error, next, ipairs, setmetatable
local tostring = K.SB.tostring
local concat = table.concat
local readonly = K.SB.readonly
local C, known, suggest, sorted_keys = K.C, K.known, K.suggest, K.sorted_keys

local P                                    -- the profile of this evaluation
local client                               -- the client view (made once)
local tracing = false                      -- the rule running now when reads are traced (H.run_traced)
local reads, nreads = {}, 0                -- (key, options, value) triples it read, reused; described on return
local READ_KEY = {}                        -- section -> id -> "field.id" (field_of), looked up once per catalog
-- Every catalog id of a section -> false, except this profile's: its first active record
-- (ACTIVE) or true. Made once per catalog; begin marks a profile and unmarks the last.
local ACTIVE, SYMPTOMS, FLAGS, GOALS = {}, {}, {}, {}
local marked, nmarked = {}, 0              -- (table, id) pairs the last begin set

local function describe(v)
  if type(v) ~= "table" then return tostring(v) end
  if v.active ~= nil and v.id then            -- a condition record: what has_condition found
    return "yes" .. (v.side and (", side " .. v.side) or "") .. (v.course and (", " .. v.course) or "")
      .. (v.severity and (", " .. v.severity) or "")
  end
  local parts = {}
  for i, x in ipairs(v) do
    parts[i] = type(x) == "table" and tostring(x.id or x.procedure or x.name or "?") or tostring(x)
  end
  if #parts == 0 then
    for _, k in ipairs(sorted_keys(v)) do parts[#parts + 1] = k .. "=" .. describe(v[k]) end
  end
  local s = concat(parts, ", ")
  if #s > 120 then s = s:sub(1, 117) .. "..." end
  return s == "" and "(none)" or s
end

-- "field.id" for a read, made once per field and id
local FIELD_OF = {}
local function field_of(field, id)
  local by_id = FIELD_OF[field]
  if not by_id then by_id = {}; FIELD_OF[field] = by_id end
  local s = by_id[id]
  if not s then s = field .. "." .. id; by_id[id] = s end
  return s
end

-- a read is kept raw (field or "field.id", options, value) when reads are traced (explain);
-- its text is made only if the rule acts. Helpers whose value is costly to make call it
-- only when `tracing`.
local function read(field, value, id, opts)
  if tracing then
    local n = nreads
    reads[n + 1], reads[n + 2] = id and field_of(field, id) or field, opts or false
    if value == nil then value = "(none)" end
    reads[n + 3] = value
    nreads = n + 3
  end
end

local FIELDS = { id = "id", age = "age", sex = "sex", conditions = "conditions", symptoms = "symptoms",
                 medications = "medications", flags = "flags", pregnancy = "pregnancy",
                 surgeries = "surgeries", preferences = "preferences" }

local methods = {}
-- Methods are called as client:m(a, b); client.m(a, b) works too (then self is the first argument).

local function find_condition(id, opts)
  local conditions = P.conditions          -- a list the engine made: no holes, no metatable
  for i = 1, #conditions do
    local c = conditions[i]
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

local CONDITION_OPTIONS = { region = true, side = true, course = true, severity = true, status = true }
local SURGERY_OPTIONS = { procedure = true, region = true, within_weeks = true }

-- options are checked like ids: a misspelt option must not silently match everything
local function check_options(opts, allowed, what)
  if opts == nil then return end
  if type(opts) ~= "table" then error(format("%s: the options must be a table", what), 3) end
  for k in next, opts do
    if not allowed[k] then
      error(format("%s: unknown option '%s'%s", what, tostring(k), suggest(k, sorted_keys(allowed))), 3)
    end
  end
end

local function opts_text(opts)
  if type(opts) ~= "table" then return "" end
  local parts = {}
  for _, k in ipairs(sorted_keys(opts)) do parts[#parts + 1] = k .. "=" .. tostring(opts[k]) end
  return "{" .. concat(parts, ",") .. "}"
end

-- The most called helpers (a rule set calls them hundreds of times per profile) have a
-- fast version for evaluations that do not trace reads (see H.use_methods): it answers
-- the common call, client:has_x(id) with no options, with one lookup in the sets begin
-- marked, and hands anything else to the full version by a tail call (so error levels
-- are the same), with the same checks as everywhere else: a non-string id is never a
-- catalog key, so known() reports it.
local fast = setmetatable({}, { __index = methods })

function methods.has_condition(self, id, opts)
  if self ~= client then id, opts = self, id end
  if C.conditions[id] == nil then known("conditions", id, "condition", 2) end
  local c
  if opts == nil then
    c = ACTIVE[id] or nil
  else
    check_options(opts, CONDITION_OPTIONS, "has_condition(id, options)")
    c = find_condition(id, opts)
  end
  if tracing then
    local n = nreads
    reads[n + 1], reads[n + 2], reads[n + 3] = READ_KEY.conditions[id], opts or false, c or "no"
    nreads = n + 3
  end
  return c ~= nil
end

local has_condition = methods.has_condition
function fast.has_condition(self, id, opts)
  local c = ACTIVE[id]
  if c == nil or opts ~= nil or self ~= client then return has_condition(self, id, opts) end
  return c ~= false
end

function methods.condition(self, id, opts)
  if self ~= client then id, opts = self, id end
  known("conditions", id, "condition", 2)
  check_options(opts, CONDITION_OPTIONS, "condition(id, options)")
  local c = find_condition(id, opts)
  read("conditions", c or "no", id, opts)   -- with its options, as has_condition records them
  return readonly(c, "the client profile", true)
end

-- Whether id (of catalog section `section`) is in the profile's set; records the read.
-- Called directly by the helper methods, so the rule is three levels up.
local function listed(set, section, what, id)
  if C[section][id] == nil then known(section, id, what, 3) end
  local yes = set[id] == true
  if tracing then
    local n = nreads
    reads[n + 1], reads[n + 2], reads[n + 3] = READ_KEY[section][id], false, yes and "yes" or "no"
    nreads = n + 3
  end
  return yes
end

function methods.has_symptom(self, id)
  if self ~= client then id = self end
  return listed(SYMPTOMS, "symptoms", "symptom", id)
end

-- How new a symptom is: "new", "worsening" or "longstanding", or nil when the profile does
-- not say (a rule must then not assert that it is new). Nil too when the client does not have it.
function methods.onset(self, id)
  if self ~= client then id = self end
  if C.symptoms[id] == nil then known("symptoms", id, "symptom", 2) end
  local o = SYMPTOMS[id] == true and P.symptom_onset and P.symptom_onset[id] or nil
  read("symptoms.onset", o or (SYMPTOMS[id] == true and "(not given)" or "no"), id)
  return o
end

function methods.has_flag(self, id)
  if self ~= client then id = self end
  return listed(FLAGS, "flags", "flag", id)
end

local has_symptom, has_flag = methods.has_symptom, methods.has_flag
function fast.has_symptom(self, id)
  local yes = SYMPTOMS[id]
  if yes == nil or self ~= client then return has_symptom(self, id) end
  return yes
end

function fast.has_flag(self, id)
  local yes = FLAGS[id]
  if yes == nil or self ~= client then return has_flag(self, id) end
  return yes
end

function methods.takes(self, class)
  if self ~= client then class = self end
  known("medication_classes", class, "medication class", 2)
  local medications = P.medications        -- the engine's lists have no holes and no metatable
  for i = 1, #medications do
    local m = medications[i]
    if m.class == class then read("medications", m.name, class); return true, m.name end
  end
  read("medications", "no", class)
  return false
end

function methods.medications_in(self, class)
  if self ~= client then class = self end
  known("medication_classes", class, "medication class", 2)
  local names = {}
  local medications = P.medications
  for i = 1, #medications do
    local m = medications[i]
    if m.class == class then names[#names + 1] = m.name end
  end
  if tracing then read("medications", #names > 0 and concat(names, ", ") or "no", class) end
  return names   -- a fresh list: the rule's own to change
end

function methods.is_pregnant()
  local p = P.pregnancy
  if tracing then
    read("pregnancy", p and ("yes" .. (p.weeks and (", " .. p.weeks .. " weeks") or "") ..
      (p.high_risk and ", high risk" or "")) or "no")
  end
  if not p then return false end
  return true, p.weeks, p.high_risk
end

function methods.surgery(self, opts)
  if self ~= client then opts = self end
  check_options(opts, SURGERY_OPTIONS, "surgery{procedure=..., region=..., within_weeks=...}")
  opts = opts or {}
  if opts.procedure then known("procedures", opts.procedure, "procedure", 2) end
  if opts.region then known("regions", opts.region, "region", 2) end
  local surgeries = P.surgeries
  for i = 1, #surgeries do
    local s = surgeries[i]
    local ok = (not opts.procedure or s.procedure == opts.procedure)
      and (not opts.region or s.region == opts.region)
      and (not opts.within_weeks or s.weeks_ago == nil or s.weeks_ago <= opts.within_weeks)
    if ok then
      if tracing then
        read("surgeries" .. opts_text(opts), describe({ s.procedure or s.input }) ..
          (s.weeks_ago and format(" (%g weeks ago)", s.weeks_ago) or " (timing unknown)"))
      end
      return readonly(s, "the client profile", true)
    end
  end
  if tracing then read("surgeries" .. opts_text(opts), "no") end
  return nil
end

function methods.has_goal(self, id)
  if self ~= client then id = self end
  return listed(GOALS, "goals", "goal", id)
end

local has_goal = methods.has_goal
function fast.has_goal(self, id)
  local yes = GOALS[id]
  if yes == nil or self ~= client then return has_goal(self, id) end
  return yes
end

-- The preferred pressure within the cap safety rules have already set (they run first: see
-- H.execution_order),
-- and what the client asked for.
function methods.prefers_pressure()
  local asked = P.preferences.pressure
  local cap = K.pressure_cap()
  local p = asked
  if asked and cap and K.PRESSURE[asked] > K.PRESSURE[cap] then p = cap end
  if tracing then
    read("preferences.pressure",
      asked and (p == asked and asked or (asked .. " (limited to " .. p .. ")")) or "(not given)")
  end
  return p, asked
end

function methods.requested()
  local t = P.preferences.requested
  read("preferences.requested", t or "(none)")
  return t
end

function methods.oil_sensitive()
  local v = P.preferences.oil_sensitivity
  read("preferences.oil_sensitivity", v)
  return v
end

local FIELD_NAMES, METHOD_NAMES = sorted_keys(FIELDS), sorted_keys(methods)
K.FIELD_NAMES, K.METHOD_NAMES = FIELD_NAMES, METHOD_NAMES
local ALL_NAMES = {}
for _, k in ipairs(FIELD_NAMES) do ALL_NAMES[#ALL_NAMES + 1] = k end
for _, k in ipairs(METHOD_NAMES) do ALL_NAMES[#ALL_NAMES + 1] = k end

-- One view for every evaluation, made once. Method calls stay on the VM's fast path (the
-- view's __index is the methods table); anything else falls through to the field lookup
-- of this evaluation's profile.
local view_mt                             -- the client view's metatable

-- The view's methods: the full ones when reads are traced, else the fast ones (falling
-- back to the full ones for everything they do not answer themselves).
local function use_methods(traced)
  view_mt.__index = traced and methods or fast
end

local function make_client()
  local view = {}
  setmetatable(methods, {
    __index = function(_, k)
      local f = FIELDS[k]
      if f then
        local v = P[f]
        read(f, v == nil and "(not given)" or v)
        return readonly(v, "the client profile", true)
      end
      error(format("the client profile has no field or method '%s'%s", tostring(k), suggest(k, ALL_NAMES)), 2)
    end,
  })
  view_mt = {
    __index = methods,
    __newindex = function(_, k)
      error(format("the client profile is read-only: rule '%s' tried to set '%s'",
        K.running() and K.running().id or "?", tostring(k)), 2)
    end,
    __metatable = false,
  }
  return setmetatable(view, view_mt)
end

-- ---- what evaluation.lua calls ---------------------------------------------------------
-- The catalog's ids, once (set_catalog): every id unmarked, and the read keys made.
function K.index_catalog()
  for set, section in next, { [ACTIVE] = "conditions", [SYMPTOMS] = "symptoms", [FLAGS] = "flags",
                              [GOALS] = "goals" } do
    for id in next, C[section] do set[id] = false end
  end
  for section, field in next, { conditions = "conditions", symptoms = "symptoms", flags = "flags",
                                goals = "preferences.goals" } do
    local keys = {}
    for id in next, C[section] do keys[id] = field_of(field, id) end
    READ_KEY[section] = keys
  end
end

local function mark(set, id, value)
  if set[id] == false then              -- a catalog id not yet marked (ids are resolved, so known)
    set[id] = value
    marked[nmarked + 1], marked[nmarked + 2] = set, id
    nmarked = nmarked + 2
  end
end

local function mark_all(set, list)
  for i = 1, #list do mark(set, list[i], true) end
end

local function unmark_all()
  for k = 1, nmarked, 2 do marked[k][marked[k + 1]] = false end
  nmarked = 0
end

-- This evaluation's profile: its lookups are marked once here, not in every helper call.
-- Returns the client view the rules get.
function K.client_begin(profile, traced)
  P, tracing = profile, false
  unmark_all()
  local conditions = P.conditions
  for i = 1, #conditions do
    local c = conditions[i]
    if c.active then mark(ACTIVE, c.id, c) end
  end
  mark_all(SYMPTOMS, P.symptoms); mark_all(FLAGS, P.flags); mark_all(GOALS, P.preferences.goals)
  client = client or make_client()
  use_methods(traced)
  return client
end

-- Ends the evaluation: nothing of the profile stays reachable from here.
function K.client_end()
  tracing = false
  unmark_all()
  P = nil
  if nreads > 0 then reads, nreads = {}, 0 end
end

function K.trace_start(r) tracing, nreads = r, 0 end
function K.trace_stop() tracing = false end

-- What the traced rule read, as field, value pairs (a field read again with the same value
-- is reported once).
function K.take_reads()
  local out, n, seen = {}, 0, {}
  for k = 1, nreads, 3 do
    local field, opts, value = reads[k], reads[k + 1], reads[k + 2]
    if opts then field = field .. opts_text(opts) end
    if type(value) ~= "string" then value = describe(value) end
    if seen[field] ~= value then
      seen[field] = value
      out[n + 1], out[n + 2] = field, value
      n = n + 2
    end
  end
  return out
end
