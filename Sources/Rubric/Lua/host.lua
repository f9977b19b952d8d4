-- The rule host: the plugin API as trusted Lua that runs inside each sandbox (rules/README.md
-- documents what plugins see). This chunk is run first; its parts are included into it with
-- H.include, in the order HostAPI.swift lists them:
--   verbs.lua       the verbs plugins call (points, exclude, ..., ask)
--   evaluation.lua  one evaluation: begin, run, run_traced, take_log, and the action list
--   client.lua      the client view rules read
--   modules.lua     use "NAME": helper modules plugins share
-- The contract with Swift (kinds, grades, urgencies, pressure levels, which verb each kind may
-- call, and the shape of an action) is declared once, in Swift, and handed to set_contract.
-- Functions the engine calls are in H; what the parts share is in K.
local helpers = ...
local SB = sandbox
local format, type, error, next, ipairs = string.format, type, error, next, ipairs
local tostring = SB.tostring               -- never an address: messages must be the same on every run
local concat, sort = table.concat, table.sort
local callsite, definedat = helpers.callsite, helpers.definedat

local H = {}
local api = {}                             -- what plugins see besides the sandbox builtins
local C = {}                               -- catalog data (filled by set_catalog)
local rules, by_id = {}, {}
local loading                              -- the plugin being loaded

-- The contract (set_contract): kind -> rank (execution order), grade -> true, urgency -> rank
-- (most urgent first), pressure level -> rank (lightest first), verb -> kinds that may call it.
local KINDS, GRADES, URGENCY, PRESSURE, ALLOWED = {}, {}, {}, {}, {}
local LISTS = {}                           -- the same names in their declared order, for messages
local VERBS = {}                           -- verb -> its implementation (verbs.lua)

local K = {
  SB = SB, helpers = helpers, H = H, api = api, C = C, rules = rules,
  KINDS = KINDS, GRADES = GRADES, URGENCY = URGENCY, PRESSURE = PRESSURE, ALLOWED = ALLOWED, LISTS = LISTS,
}
function K.loading() return loading end

-- "did you mean": the closest key by edit distance
local function distance(a, b)
  local la, lb = #a, #b
  if la == 0 then return lb end
  if lb == 0 then return la end
  local prev, cur = {}, {}
  for j = 0, lb do prev[j] = j end
  for i = 1, la do
    cur[0] = i
    local ca = a:byte(i)
    for j = 1, lb do
      local cost = (ca == b:byte(j)) and 0 or 1
      local v = prev[j] + 1
      if cur[j - 1] + 1 < v then v = cur[j - 1] + 1 end
      if prev[j - 1] + cost < v then v = prev[j - 1] + cost end
      cur[j] = v
    end
    prev, cur = cur, prev
  end
  return prev[lb]
end

local function suggest(word, keys)
  if type(word) ~= "string" then return "" end
  local best, bestd = nil, math.max(2, #word // 3) + 1
  for _, k in ipairs(keys) do
    local d = distance(word, k)
    if d < bestd then best, bestd = k, d end
  end
  return best and format(" (did you mean '%s'?)", best) or ""
end
K.suggest = suggest

local function sorted_keys(t)
  local out = {}
  for k in next, t do out[#out + 1] = k end
  sort(out)
  return out
end
K.sorted_keys = sorted_keys

-- "a, b or c", for messages that list what is allowed
local function one_of(list)
  if #list < 2 then return list[1] or "" end
  return concat(list, ", ", 1, #list - 1) .. " or " .. list[#list]
end
K.one_of = one_of

local function known(section, id, what, level)
  if C[section][id] ~= nil then return end   -- a catalog id (only strings are): the usual case, first
  if type(id) ~= "string" then
    error(format("expected a %s id (a string), got %s", what, type(id)), level + 1)
  end
  error(format("unknown %s '%s'%s", what, id, suggest(id, C.ids[section])), level + 1)
end
K.known = known

-- Each field of a table a plugin passes is read once, into a plain copy that is then checked
-- and kept: a table whose __index answers differently on each read cannot pass one value to
-- the check and record another.
-- `fields` is a list, so the reads always come in the same order.
local function copy_fields(spec, fields)
  local out = {}
  for i = 1, #fields do
    local k = fields[i]
    out[k] = spec[k]
  end
  return out
end
K.copy_fields = copy_fields

-- A verb's implementation (verbs.lua): plugins call it as a global.
function K.verb(name, fn)
  VERBS[name] = fn
  api[name] = fn
end

-- ---- the contract, from Swift ----------------------------------------------------------
-- What a rule's `when` may list (section -> its singular, for messages) and which kinds may say it.
local WHEN_SECTIONS, WHEN_WHAT, WHEN_KINDS = {}, {}, {}

local function ranks(into, list, label)
  if type(list) ~= "table" or #list == 0 then error("host contract: '" .. label .. "' must list names") end
  for i, name in ipairs(list) do into[name] = i end
  LISTS[label] = list
end

-- The names the host and Swift share, and the action layout the verbs write (evaluation.lua).
-- Anything declared on one side only is an error here, before any plugin loads.
function H.set_contract(contract)
  ranks(KINDS, contract.kinds, "kinds")
  ranks(GRADES, contract.grades, "grades")
  ranks(URGENCY, contract.urgencies, "urgencies")
  ranks(PRESSURE, contract.pressures, "pressures")
  for _, verb in ipairs(sorted_keys(contract.verbs)) do
    if not VERBS[verb] then
      error(format("host contract: verb '%s' is declared in Swift (Verb) but verbs.lua does not implement it", verb))
    end
    local kinds = {}
    for _, kind in ipairs(contract.verbs[verb]) do
      if not KINDS[kind] then error(format("host contract: verb '%s' allows unknown kind '%s'", verb, kind)) end
      kinds[kind] = true
    end
    ALLOWED[verb] = kinds
  end
  for _, verb in ipairs(sorted_keys(VERBS)) do
    if not contract.verbs[verb] then
      error(format("host contract: verbs.lua implements '%s', which Swift's Verb does not declare", verb))
    end
  end
  K.check_layout(contract.action_fields)
  for section, what in next, contract.trigger_sections do WHEN_WHAT[section] = what end
  WHEN_SECTIONS = sorted_keys(WHEN_WHAT)
  for _, kind in ipairs(contract.trigger_kinds) do
    if not KINDS[kind] then error(format("host contract: trigger kind '%s' is not a kind", kind)) end
    WHEN_KINDS[kind] = true
  end
end

function H.set_catalog(catalog)
  for k, v in next, catalog do C[k] = v end
  C.ids = {}
  for _, section in ipairs({ "techniques", "conditions", "symptoms", "flags", "goals", "regions",
                             "procedures", "medication_classes", "medications", "sources" }) do
    C[section] = C[section] or {}
    C.ids[section] = sorted_keys(C[section])
  end
  api.catalog = SB.frozen(C, "the catalog")  -- read by rules on every evaluation: lookups stay in the VM
  K.index_catalog()
end

-- ---- rule{} -------------------------------------------------------------------------------
local RULE_FIELDS = { id = true, title = true, kind = true, evidence = true, grade = true, apply = true, tags = true,
                      when = true }
local RULE_FIELD_LIST = { "id", "title", "kind", "grade", "evidence", "apply", "tags", "when" }

-- when = { conditions = {...}, symptoms = {...}, flags = {...}, goals = {...} }: the rule can act
-- only on a profile with at least one of these (an active condition, a symptom, a flag, a goal),
-- so the host skips it on any other. Only scoring rules may say it: a safety rule always runs.
-- The sections (each a catalog section, with its singular for messages) and the kinds come
-- from the contract (RuleTrigger in Swift).

local function read_when(id, kind, given)
  if given == nil then return nil end
  if not WHEN_KINDS[kind] then
    error(format("rule '%s': a %s rule always runs (safety before scores): only %s rules may say when", id, kind,
      one_of(sorted_keys(WHEN_KINDS))), 3)
  end
  if type(given) ~= "table" then
    error(format("rule '%s': when must be a table, e.g. when = { conditions = { \"sciatica\" } }", id), 3)
  end
  for k in next, given do
    if not WHEN_WHAT[k] then
      error(format("rule '%s': when.%s is not a trigger: use %s%s", id, tostring(k), one_of(WHEN_SECTIONS),
        suggest(k, WHEN_SECTIONS)), 3)
    end
  end
  local when, any = {}, false
  for _, section in ipairs(WHEN_SECTIONS) do
    local list = given[section]
    if list ~= nil then
      if type(list) ~= "table" or list[1] == nil then
        error(format("rule '%s': when.%s must list at least one %s id", id, section, WHEN_WHAT[section]), 3)
      end
      -- a plain list: a hole or a named field would be dropped by ipairs, and the rule skipped
      local count = 0
      for k in next, list do
        count = count + 1
        if math.type(k) ~= "integer" or k < 1 then
          error(format("rule '%s': when.%s must be a plain list of ids, got the key %s", id, section, tostring(k)), 3)
        end
      end
      local ids = {}
      for i = 1, count do
        local term = list[i]
        if term == nil then
          error(format("rule '%s': when.%s has a hole at position %d: list the ids one after another",
            id, section, i), 3)
        end
        known(section, term, WHEN_WHAT[section], 3)
        ids[i] = term
      end
      when[section], any = ids, true
    end
  end
  if not any then error(format("rule '%s': when must list at least one condition, symptom, flag or goal", id), 3) end
  return when
end

function api.rule(given)
  if not loading then error("rule{} can only be declared while a plugin loads", 2) end
  if type(given) ~= "table" then error("rule{} takes a table: rule { id = ..., kind = ..., ... }", 2) end
  for k in next, given do
    if not RULE_FIELDS[k] then
      error(format("rule{}: unknown field '%s'%s", tostring(k), suggest(k, sorted_keys(RULE_FIELDS))), 2)
    end
  end
  local spec = copy_fields(given, RULE_FIELD_LIST)
  local id = spec.id
  if type(id) ~= "string" or not id:find("^[a-z][a-z0-9_]*%.?[a-z0-9_.]*$") then
    error(format("rule{}: id must be lowercase letters, digits, '_' and '.', got %s", tostring(id)), 2)
  end
  local file, line = callsite()
  if by_id[id] then
    local o = by_id[id]
    error(format("rule{}: duplicate id '%s' (first declared at %s:%d)", id, o.file, o.line), 2)
  end
  if type(spec.title) ~= "string" or spec.title == "" then error(format("rule '%s': title is required", id), 2) end
  if not KINDS[spec.kind] then
    error(format("rule '%s': kind must be %s, got %s", id, one_of(LISTS.kinds), tostring(spec.kind)), 2)
  end
  if not GRADES[spec.grade] then
    error(format("rule '%s': grade must be %s, got %s", id, one_of(LISTS.grades), tostring(spec.grade)), 2)
  end
  local ev = spec.evidence
  if type(ev) == "string" then ev = { ev } end
  if type(ev) ~= "table" or #ev == 0 then
    error(format("rule '%s': evidence must list at least one source key", id), 2)
  end
  local evidence = {}
  for i, key in ipairs(ev) do
    known("sources", key, "evidence source", 2)
    evidence[i] = key
  end
  if type(spec.apply) ~= "function" then error(format("rule '%s': apply must be a function", id), 2) end
  local apply_file, apply_line = definedat(spec.apply)
  if apply_file ~= loading.file then
    -- a library or host function (apply = error, apply = points) has no line in the plugin to report
    error(format("rule '%s': apply must be a function written in this plugin (function(client) ... end), " ..
      "not a library or host function", id), 2)
  end
  local when = read_when(id, spec.kind, spec.when)
  local r = { id = id, title = spec.title, kind = spec.kind, grade = spec.grade, evidence = evidence,
              apply = spec.apply, file = file, line = line, apply_line = apply_line, when = when }
  by_id[id] = r
  rules[#rules + 1] = r
  loading.rules[#loading.rules + 1] = r
end

-- ---- host entry points ----------------------------------------------------
function H.load_plugin(source, chunkname)
  local env = SB.newenv(api)
  local fn, err = SB.load(source, chunkname, env)
  if not fn then return { syntax = err } end
  loading = { rules = {}, file = chunkname:sub(2) }
  local where
  local ok, e = xpcall(fn, function(m)
    local file, line = callsite()          -- the plugin's frame, while the stack is intact
    where = { file = file, line = line }
    return m
  end)
  local declared = loading.rules
  local error_at = loading.error_at        -- a module's own file and line, when it failed
  loading = nil
  if error_at then where = error_at end
  if ok then
    -- what the plugin keeps between evaluations (its locals and tables) is sealed: tables
    -- become read-only, locals are put back before every evaluation (SB.seal, SB.restore)
    local roots, names = {}, {}
    for i, r in ipairs(declared) do roots[i] = r.apply end
    for k in next, env do names[#names + 1] = k end
    sort(names, function(a, b) return tostring(a) < tostring(b) end)
    for _, k in ipairs(names) do roots[#roots + 1] = env[k] end
    local failure, line = SB.seal(roots)
    if failure then
      ok, e, where = false, failure, { file = chunkname:sub(2), line = line }
    end
  end
  if not ok then
    for _, r in ipairs(declared) do by_id[r.id] = nil; rules[#rules] = nil end
    return { error = type(e) == "string" and e or ("error object of type " .. type(e)),
             file = where and where.file, line = where and where.line }
  end
  SB.freeze(env)
  local out = {}
  for i, r in ipairs(declared) do
    out[i] = { id = r.id, title = r.title, kind = r.kind, grade = r.grade, evidence = r.evidence,
               file = r.file, line = r.line, apply_line = r.apply_line, index = #rules - #declared + i,
               when = r.when }
  end
  -- what the chunk returned, when it declared no rules (a plugin that returns a table of
  -- rules instead of calling rule{} is the usual mistake)
  return { rules = out, returned = #out == 0 and e ~= nil and type(e) or nil }
end

-- The order rules run in: by kind, in the contract's order (safety kinds first, so a cap or
-- exclusion is final before any preference reads it), then as loaded.
-- One pass into a bucket per kind (a sort with a Lua comparator would cost ~n log n calls, and
-- this runs under the call's instruction budget even for thousands of rules).
function H.execution_order()
  local buckets = {}
  for i = 1, #LISTS.kinds do buckets[i] = {} end
  for i = 1, #rules do
    local bucket = buckets[KINDS[rules[i].kind]]
    bucket[#bucket + 1] = i
  end
  local order, n = {}, 0
  for k = 1, #buckets do
    local bucket = buckets[k]
    for j = 1, #bucket do n = n + 1; order[n] = bucket[j] end
  end
  return order
end

-- test coverage: each rule's executable lines, and the lines run since the last call
function H.coverage()
  local hits = {}
  local raw = helpers.coverage()
  for _, source in ipairs(sorted_keys(raw)) do
    local lines = {}
    for _, line in ipairs(sorted_keys(raw[source])) do lines[#lines + 1] = line end
    hits[#hits + 1] = { source = source, lines = lines }
  end
  local out = {}
  for i, r in ipairs(rules) do
    local lines, last = helpers.activelines(r.apply)
    out[i] = { id = r.id, file = r.file, first = r.apply_line, last = last, lines = lines }
  end
  return { rules = out, hits = hits }
end

function H.names()
  return { client_fields = K.FIELD_NAMES, client_methods = K.METHOD_NAMES, globals = sorted_keys(api),
           builtins = SB.builtins() }
end

-- Loads a part of the host (trusted text) and runs it with the C helpers and K.
function H.include(source, chunkname)
  local part = assert(load(source, chunkname, "t"))
  part(K)
end

return H
