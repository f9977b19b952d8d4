/// The rule plugin API, as trusted Lua that runs inside each sandbox.
///
/// It defines what a plugin sees (`rule`, the verbs, `catalog`) and the host
/// functions the engine calls (`set_catalog`, `load_plugin`, `begin`, `run`,
/// `take_log`). Its names are listed in ``HostAPI/pluginGlobals`` and
/// documented in `rules/README.md`.
enum HostAPI {
    /// Globals a plugin gets on top of the sandbox's builtins.
    static let pluginGlobals = [
        "rule", "points", "exclude", "caution", "refer", "require_clearance", "limit_pressure", "note", "ask", "use", "catalog",
    ]

    /// Methods of the client view.
    static let clientMethods = [
        "has_condition", "condition", "has_symptom", "onset", "has_flag", "takes", "medications_in", "is_pregnant",
        "surgery", "has_goal", "prefers_pressure", "requested", "oil_sensitive",
    ]

    /// Fields of the client view.
    static let clientFields = [
        "id", "age", "sex", "conditions", "symptoms", "medications", "flags", "pregnancy", "surgeries", "preferences",
    ]

    static let source = #"""
    local helpers = ...
    local SB = sandbox
    local format, type, error, next, ipairs, setmetatable, pcall, select =
          string.format, type, error, next, ipairs, setmetatable, pcall, select
    local tostring = SB.tostring               -- never an address: messages must be the same on every run
    local concat, sort, mtype = table.concat, table.sort, math.type
    local callsite, definedat, readonly = helpers.callsite, helpers.definedat, SB.readonly

    local H = {}
    local api = {}                             -- what plugins see besides the sandbox builtins
    local C, CV                               -- catalog data and its read-only view
    local rules, by_id = {}, {}
    local loading                              -- the plugin being loaded
    local current                              -- the rule running now
    local tracing = false                      -- the rule running now when reads are traced (H.run_traced)
    local acts, nacts = nil, 0                 -- what it did: ACTION_SLOTS values per verb call
    local reads, nreads = {}, 0                -- (key, options, value) triples it read, reused; described on return
    local READ_KEY = {}                        -- section -> id -> "field.id" (H.field_of), looked up once per catalog
    local pressure_cap                         -- the strictest limit_pressure so far in this evaluation
    local client, P                            -- the client view and its data
    -- Every catalog id of a section -> false, except this profile's: its first active record
    -- (ACTIVE) or true. Made once per catalog; begin marks a profile and unmarks the last.
    local ACTIVE, SYMPTOMS, FLAGS, GOALS = {}, {}, {}, {}
    local marked, nmarked = {}, 0              -- (table, id) pairs the last begin set

    local KINDS = { referral = true, contraindication = true, caution = true, indication = true, preference = true }
    local GRADES = { supported = true, weak = true, insufficient = true, unsupported = true, practice = true,
                     tradition = true }
    local URGENCY = { emergency = true, same_day = true, routine = true }
    local PRESSURE = { light = 1, medium = 2, firm = 3 }
    H.PRESSURE = PRESSURE
    local ANY = { referral = true, contraindication = true, caution = true, indication = true, preference = true }
    local ALLOWED = {
      points = { indication = true, preference = true, caution = true },
      exclude = { contraindication = true },
      refer = { referral = true },
      require_clearance = { referral = true, contraindication = true },
      limit_pressure = { contraindication = true, caution = true },
      caution = ANY, note = ANY,
      ask = { referral = true, contraindication = true, caution = true },
    }
    local RULE_FIELDS = { id = true, title = true, kind = true, evidence = true, grade = true, apply = true, tags = true }

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

    local function sorted_keys(t)
      local out = {}
      for k in next, t do out[#out + 1] = k end
      sort(out)
      return out
    end

    local function known(section, id, what, level)
      if type(id) ~= "string" then
        error(format("expected a %s id (a string), got %s", what, type(id)), level + 1)
      end
      local set = C[section]
      if set[id] == nil then
        error(format("unknown %s '%s'%s", what, id, suggest(id, C.ids[section])), level + 1)
      end
    end

    function H.set_catalog(catalog)
      C = catalog
      C.ids = {}
      for _, section in ipairs({ "techniques", "conditions", "symptoms", "flags", "goals", "regions",
                                 "procedures", "medication_classes", "medications", "sources" }) do
        C[section] = C[section] or {}
        C.ids[section] = sorted_keys(C[section])
      end
      CV = SB.frozen(C, "the catalog")        -- read by rules on every evaluation: lookups stay in the VM
      api.catalog = CV
      for set, section in next, { [ACTIVE] = "conditions", [SYMPTOMS] = "symptoms", [FLAGS] = "flags",
                                  [GOALS] = "goals" } do
        for id in next, C[section] do set[id] = false end
      end
      for section, field in next, { conditions = "conditions", symptoms = "symptoms", flags = "flags",
                                    goals = "preferences.goals" } do
        local keys = {}
        for id in next, C[section] do keys[id] = H.field_of(field, id) end
        READ_KEY[section] = keys
      end
    end

    """# + verbs + #"""
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
    H.copy_fields = copy_fields
    local RULE_FIELD_LIST = { "id", "title", "kind", "grade", "evidence", "apply", "tags" }

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
        error(format("rule '%s': kind must be referral, contraindication, caution, indication or preference, got %s",
          id, tostring(spec.kind)), 2)
      end
      if not GRADES[spec.grade] then
        error(format("rule '%s': grade must be supported, weak, insufficient, unsupported, practice or tradition, got %s",
          id, tostring(spec.grade)), 2)
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
      local r = { id = id, title = spec.title, kind = spec.kind, grade = spec.grade, evidence = evidence,
                  apply = spec.apply, file = file, line = line, apply_line = apply_line }
      by_id[id] = r
      rules[#rules + 1] = r
      loading.rules[#loading.rules + 1] = r
    end

    """# + modules + #"""
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
                   file = r.file, line = r.line, apply_line = r.apply_line, index = #rules - #declared + i }
      end
      -- what the chunk returned, when it declared no rules (a plugin that returns a table of
      -- rules instead of calling rule{} is the usual mistake)
      return { rules = out, returned = #out == 0 and e ~= nil and type(e) or nil }
    end

    local describe

    -- the strictest pressure cap safety rules have set so far (they run before preferences)
    function H.pressure_cap() return pressure_cap end

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

    -- Starts an evaluation: the profile's lookups are set once here, not in every helper call.
    -- `reads`: the rules will run with H.run_traced, which records what they read (for explain).
    function H.begin(profile, reads)
      P, current, tracing = profile, nil, false
      pressure_cap = nil
      SB.restore()                             -- plugins' locals as they were when they loaded
      for k = 1, nmarked, 2 do marked[k][marked[k + 1]] = false end
      nmarked = 0
      local conditions = P.conditions
      for i = 1, #conditions do
        local c = conditions[i]
        if c.active then mark(ACTIVE, c.id, c) end
      end
      mark_all(SYMPTOMS, P.symptoms); mark_all(FLAGS, P.flags); mark_all(GOALS, P.preferences.goals)
      client = client or H.make_client()
      H.use_methods(reads == true)
      SB.reset_log()
    end

    -- Runs rule i. Returns nothing when it took no action (most rules, most of the time);
    -- else its actions (ACTION_SLOTS flat values each, see act). Kept short: it runs for every
    -- rule of every profile, and each instruction passes the count hook.
    function H.run(i)
      local r = rules[i]
      current, nacts = r, 0
      r.apply(client)
      current = nil
      if nacts ~= 0 then return acts end
    end

    -- Runs rule i tracing its reads (begin with reads): returns its actions as H.run does and
    -- what it read, as a flat list of field, value pairs.
    function H.run_traced(i)
      local r = rules[i]
      current, tracing, nacts, nreads = r, r, 0, 0
      r.apply(client)
      current, tracing = nil, false
      if nacts == 0 then return end
      -- a field read again with the same value is reported once
      local out, n, seen = {}, 0, {}
      for k = 1, nreads, 3 do
        local field, opts, value = reads[k], reads[k + 1], reads[k + 2]
        if opts then field = field .. H.opts_text(opts) end
        if type(value) ~= "string" then value = describe(value) end
        if seen[field] ~= value then
          seen[field] = value
          out[n + 1], out[n + 2] = field, value
          n = n + 2
        end
      end
      return acts, out
    end

    -- What rules printed during this evaluation; it also ends the evaluation: nothing of this
    -- profile stays reachable (plugins' locals are put back, the host's references dropped), so
    -- what one evaluation allocated can never count against the next client's.
    function H.take_log()
      current, tracing = nil, false
      SB.restore()
      for k = 1, nmarked, 2 do marked[k][marked[k + 1]] = false end
      nmarked = 0
      P, acts, nacts, pressure_cap = nil, nil, 0, nil
      if nreads > 0 then reads, nreads = {}, 0 end
      return SB.take_log()
    end

    """# + clientView + #"""
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
      return { client_fields = FIELD_NAMES, client_methods = METHOD_NAMES, globals = sorted_keys(api),
               builtins = SB.builtins() }
    end

    return H
    """#
}
