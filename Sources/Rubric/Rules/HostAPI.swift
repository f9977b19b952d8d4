/// The rule plugin API, as trusted Lua that runs inside each sandbox.
///
/// It defines what a plugin sees (`rule`, the verbs, `catalog`) and the host
/// functions the engine calls (`set_catalog`, `load_plugin`, `begin`, `run`,
/// `take_log`). Its names are listed in ``HostAPI/pluginGlobals`` and
/// documented in `rules/README.md`.
enum HostAPI {
    /// Globals a plugin gets on top of the sandbox's builtins.
    static let pluginGlobals = [
        "rule", "points", "exclude", "caution", "refer", "require_clearance", "limit_pressure", "note", "catalog",
    ]

    /// Methods of the client view.
    static let clientMethods = [
        "has_condition", "condition", "has_symptom", "has_flag", "takes", "medications_in", "is_pregnant",
        "surgery", "has_goal", "prefers_pressure", "requested", "oil_sensitive",
    ]

    /// Fields of the client view.
    static let clientFields = [
        "id", "age", "sex", "conditions", "symptoms", "medications", "flags", "pregnancy", "surgeries", "preferences",
    ]

    static let source = #"""
    local helpers = ...
    local SB = sandbox
    local format, type, error, tostring, next, ipairs, setmetatable, pcall, select =
          string.format, type, error, tostring, next, ipairs, setmetatable, pcall, select
    local concat, sort, mtype = table.concat, table.sort, math.type
    local callsite, definedat, readonly = helpers.callsite, helpers.definedat, SB.readonly

    local H = {}
    local api = {}                             -- what plugins see besides the sandbox builtins
    local C, CV                               -- catalog data and its read-only view
    local rules, by_id = {}, {}
    local loading                              -- the plugin being loaded
    local current                              -- the rule running now
    local actions                              -- what it did (nil until its first verb)
    local reads, nreads = {}, 0                -- field, value pairs it read (values described on return)
    local client, P                            -- the client view and its data

    local KINDS = { referral = true, contraindication = true, caution = true, indication = true, preference = true }
    local GRADES = { supported = true, weak = true, unsupported = true, practice = true, tradition = true }
    local URGENCY = { emergency = true, same_day = true, routine = true }
    local PRESSURE = { light = 1, medium = 2, firm = 3 }
    local ANY = { referral = true, contraindication = true, caution = true, indication = true, preference = true }
    local ALLOWED = {
      points = { indication = true, preference = true, caution = true },
      exclude = { contraindication = true },
      refer = { referral = true },
      require_clearance = { referral = true, contraindication = true },
      limit_pressure = { contraindication = true, caution = true },
      caution = ANY, note = ANY,
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
      CV = readonly(C, "the catalog")
      api.catalog = CV
    end

    -- ---- verbs -------------------------------------------------------------
    local function act(verb, record)
      if not current then
        error(format("%s() can only be called while a rule's apply function runs", verb), 3)
      end
      local kind = current.kind
      if not ALLOWED[verb][kind] then
        local ok = {}
        for k in next, ALLOWED[verb] do ok[#ok + 1] = k end
        sort(ok)
        local article = kind:find("^[aeiou]") and "an" or "a"
        error(format("%s() is not allowed in %s %s rule (allowed in: %s)", verb, article, kind, concat(ok, ", ")), 3)
      end
      local file, line = callsite()
      record.verb, record.file, record.line = verb, file, line
      if not actions then actions = {} end
      actions[#actions + 1] = record
    end

    local function text(value, what, verb)
      if type(value) ~= "string" or value == "" then
        error(format("%s(): %s must be a non-empty string", verb, what), 3)
      end
      return value
    end

    function api.points(technique, amount, reason)
      known("techniques", technique, "technique", 2)
      if mtype(amount) ~= "integer" then
        error(format("points(): the amount must be a whole number, got %s", tostring(amount)), 2)
      end
      if amount < -100 or amount > 100 then error("points(): the amount must be between -100 and 100", 2) end
      text(reason, "the reason", "points")
      if current and current.grade == "unsupported" and amount > 0 then
        error("points(): a rule graded 'unsupported' may not add positive points", 2)
      end
      act("points", { technique = technique, points = amount, reason = reason })
    end

    function api.exclude(technique, reason)
      known("techniques", technique, "technique", 2)
      act("exclude", { technique = technique, reason = text(reason, "the reason", "exclude") })
    end

    function api.caution(a, b)
      if b == nil then
        if type(a) == "string" and C.techniques[a] then
          error(format("caution('%s') needs a text: caution(technique, text), or caution(text) for the whole session", a), 2)
        end
        act("caution", { text = text(a, "the caution", "caution") })
      else
        known("techniques", a, "technique", 2)
        act("caution", { technique = a, text = text(b, "the caution", "caution") })
      end
    end

    function api.refer(spec)
      if type(spec) ~= "table" then error("refer{urgency=..., reason=..., advice=...} takes a table", 2) end
      if not URGENCY[spec.urgency] then
        error(format("refer(): urgency must be emergency, same_day or routine, got %s", tostring(spec.urgency)), 2)
      end
      act("refer", { urgency = spec.urgency, reason = text(spec.reason, "reason", "refer"),
                     advice = spec.advice ~= nil and text(spec.advice, "advice", "refer") or nil })
    end

    function api.require_clearance(spec)
      if type(spec) ~= "table" then error("require_clearance{from=..., reason=...} takes a table", 2) end
      act("require_clearance", { from = text(spec.from, "from", "require_clearance"),
                                 reason = text(spec.reason, "reason", "require_clearance") })
    end

    function api.limit_pressure(level, reason)
      if not PRESSURE[level] then
        error(format("limit_pressure(): level must be light, medium or firm, got %s", tostring(level)), 2)
      end
      act("limit_pressure", { level = level, reason = text(reason, "the reason", "limit_pressure") })
    end

    function api.note(t) act("note", { text = text(t, "the note", "note") }) end

    function api.rule(spec)
      if not loading then error("rule{} can only be declared while a plugin loads", 2) end
      if type(spec) ~= "table" then error("rule{} takes a table: rule { id = ..., kind = ..., ... }", 2) end
      for k in next, spec do
        if not RULE_FIELDS[k] then
          error(format("rule{}: unknown field '%s'%s", tostring(k), suggest(k, sorted_keys(RULE_FIELDS))), 2)
        end
      end
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
        error(format("rule '%s': grade must be supported, weak, unsupported, practice or tradition, got %s",
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
      local _, apply_line = definedat(spec.apply)
      local r = { id = id, title = spec.title, kind = spec.kind, grade = spec.grade, evidence = evidence,
                  apply = spec.apply, file = file, line = line, apply_line = apply_line }
      by_id[id] = r
      rules[#rules + 1] = r
      loading.rules[#loading.rules + 1] = r
    end

    -- ---- host entry points ----------------------------------------------------
    function H.load_plugin(source, chunkname)
      local env = SB.newenv(api)
      local fn, err = SB.load(source, chunkname, env)
      if not fn then return { syntax = err } end
      loading = { rules = {} }
      local where
      local ok, e = xpcall(fn, function(m)
        local file, line = callsite()          -- the plugin's frame, while the stack is intact
        where = { file = file, line = line }
        return m
      end)
      local declared = loading.rules
      loading = nil
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
      return { rules = out }
    end

    local describe

    function H.begin(profile)
      P = profile
      client = H.make_client(P)
      SB.reset_log()
    end

    -- Runs rule i. Returns nothing when it took no action (most rules, most of the time);
    -- else its actions and what it read, as a flat list of field, value.
    function H.run(i)
      local r = rules[i]
      current, actions, nreads = r, nil, 0
      r.apply(client)
      current = nil
      if not actions then return end
      local out, n = {}, 0
      for k = 1, nreads, 4 do
        local field = reads[k]
        if reads[k + 1] then field = field .. "." .. reads[k + 1] end
        if reads[k + 2] then field = field .. H.opts_text(reads[k + 2]) end
        out[n + 1], out[n + 2] = field, describe(reads[k + 3])
        n = n + 2
      end
      return actions, out
    end

    -- What rules printed during this evaluation.
    function H.take_log()
      current = nil
      return SB.take_log()
    end

    -- ---- the client view ------------------------------------------------------
    function describe(v)
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

    -- a read is kept raw (field, id, options, value); its text is made only if the rule acts
    local function read(field, value, id, opts)
      if current then
        local n = nreads
        reads[n + 1], reads[n + 2], reads[n + 3] = field, id or false, opts or false
        if value == nil then value = "(none)" end
        reads[n + 4] = value
        nreads = n + 4
      end
    end

    local FIELDS = { id = "id", age = "age", sex = "sex", conditions = "conditions", symptoms = "symptoms",
                     medications = "medications", flags = "flags", pregnancy = "pregnancy",
                     surgeries = "surgeries", preferences = "preferences" }

    local methods = {}
    local function self_first(self, ...) if self == client then return ... end return self, ... end

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

    function H.opts_text(opts)
      if type(opts) ~= "table" then return "" end
      local parts = {}
      for _, k in ipairs(sorted_keys(opts)) do parts[#parts + 1] = k .. "=" .. tostring(opts[k]) end
      return "{" .. concat(parts, ",") .. "}"
    end

    function methods.has_condition(...)
      local id, opts = self_first(...)
      known("conditions", id, "condition", 2)
      check_options(opts, CONDITION_OPTIONS, "has_condition(id, options)")
      local c = find_condition(id, opts)
      read("conditions", c or "no", id, opts)
      return c ~= nil
    end

    function methods.condition(...)
      local id, opts = self_first(...)
      known("conditions", id, "condition", 2)
      check_options(opts, CONDITION_OPTIONS, "condition(id, options)")
      local c = find_condition(id, opts)
      read("conditions", c or "no", id)
      return readonly(c, "the client profile")
    end

    local function member(list, id) for _, x in ipairs(list) do if x == id then return true end end return false end

    function methods.has_symptom(...)
      local id = self_first(...)
      known("symptoms", id, "symptom", 2)
      local yes = member(P.symptoms, id)
      read("symptoms", yes and "yes" or "no", id)
      return yes
    end

    function methods.has_flag(...)
      local id = self_first(...)
      known("flags", id, "flag", 2)
      local yes = member(P.flags, id)
      read("flags", yes and "yes" or "no", id)
      return yes
    end

    function methods.takes(...)
      local class = self_first(...)
      known("medication_classes", class, "medication class", 2)
      for _, m in ipairs(P.medications) do
        if m.class == class then read("medications", m.name, class); return true, m.name end
      end
      read("medications", "no", class)
      return false
    end

    function methods.medications_in(...)
      local class = self_first(...)
      known("medication_classes", class, "medication class", 2)
      local names = {}
      for _, m in ipairs(P.medications) do if m.class == class then names[#names + 1] = m.name end end
      read("medications", #names > 0 and concat(names, ", ") or "no", class)
      return readonly(names, "the client profile")
    end

    function methods.is_pregnant()
      local p = P.pregnancy
      read("pregnancy", p and ("yes" .. (p.weeks and (", " .. p.weeks .. " weeks") or "") ..
        (p.high_risk and ", high risk" or "")) or "no")
      if not p then return false end
      return true, p.weeks, p.high_risk
    end

    function methods.surgery(...)
      local opts = self_first(...)
      check_options(opts, SURGERY_OPTIONS, "surgery{procedure=..., region=..., within_weeks=...}")
      opts = opts or {}
      if opts.procedure then known("procedures", opts.procedure, "procedure", 2) end
      if opts.region then known("regions", opts.region, "region", 2) end
      for _, s in ipairs(P.surgeries) do
        local ok = (not opts.procedure or s.procedure == opts.procedure)
          and (not opts.region or s.region == opts.region)
          and (not opts.within_weeks or s.weeks_ago == nil or s.weeks_ago <= opts.within_weeks)
        if ok then
          read("surgeries" .. H.opts_text(opts), describe({ s.procedure or s.input }) ..
            (s.weeks_ago and format(" (%g weeks ago)", s.weeks_ago) or " (timing unknown)"))
          return readonly(s, "the client profile")
        end
      end
      read("surgeries" .. H.opts_text(opts), "no")
      return nil
    end

    function methods.has_goal(...)
      local id = self_first(...)
      known("goals", id, "goal", 2)
      local yes = member(P.preferences.goals, id)
      read("preferences.goals", yes and "yes" or "no", id)
      return yes
    end

    function methods.prefers_pressure()
      local p = P.preferences.pressure
      read("preferences.pressure", p or "(not given)")
      return p
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
    local ALL_NAMES = {}
    for _, k in ipairs(FIELD_NAMES) do ALL_NAMES[#ALL_NAMES + 1] = k end
    for _, k in ipairs(METHOD_NAMES) do ALL_NAMES[#ALL_NAMES + 1] = k end

    -- Method calls stay on the VM's fast path (the view's __index is the methods table);
    -- anything else falls through to the field lookup of this evaluation's profile.
    function H.make_client(data)
      local view = {}
      setmetatable(methods, {
        __index = function(_, k)
          local f = FIELDS[k]
          if f then
            local v = data[f]
            read(f, v == nil and "(not given)" or v)
            return readonly(v, "the client profile")
          end
          error(format("the client profile has no field or method '%s'%s", tostring(k), suggest(k, ALL_NAMES)), 2)
        end,
      })
      return setmetatable(view, {
        __index = methods,
        __newindex = function(_, k)
          error(format("the client profile is read-only: rule '%s' tried to set '%s'",
            current and current.id or "?", tostring(k)), 2)
        end,
        __metatable = false,
      })
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
      return { client_fields = FIELD_NAMES, client_methods = METHOD_NAMES, globals = sorted_keys(api),
               builtins = SB.builtins() }
    end

    return H
    """#
}
