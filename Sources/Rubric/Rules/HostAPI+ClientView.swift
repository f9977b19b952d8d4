extension HostAPI {
    /// The client view rules read: a read-only proxy of the resolved profile whose helpers
    /// validate their ids and options and record every read (for `explain`). Part of
    /// ``HostAPI/source``, spliced into the same chunk so it shares its locals.
    static let clientView = #"""
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

    -- a read is kept raw (field or "field.id", options, value) when reads are traced (explain);
    -- its text is made only if the rule acts. Helpers whose value is costly to make call it
    -- only when `tracing`.
    local function read(field, value, id, opts)
      if tracing then
        local n = nreads
        reads[n + 1], reads[n + 2] = id and H.field_of(field, id) or field, opts or false
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

    -- "field.id" for a read, made once per field and id
    local FIELD_OF = {}
    function H.field_of(field, id)
      local by_id = FIELD_OF[field]
      if not by_id then by_id = {}; FIELD_OF[field] = by_id end
      local s = by_id[id]
      if not s then s = field .. "." .. id; by_id[id] = s end
      return s
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
      read("conditions", c or "no", id)
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
      for _, m in ipairs(P.medications) do
        if m.class == class then read("medications", m.name, class); return true, m.name end
      end
      read("medications", "no", class)
      return false
    end

    function methods.medications_in(self, class)
      if self ~= client then class = self end
      known("medication_classes", class, "medication class", 2)
      local names = {}
      for _, m in ipairs(P.medications) do if m.class == class then names[#names + 1] = m.name end end
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
      for _, s in ipairs(P.surgeries) do
        local ok = (not opts.procedure or s.procedure == opts.procedure)
          and (not opts.region or s.region == opts.region)
          and (not opts.within_weeks or s.weeks_ago == nil or s.weeks_ago <= opts.within_weeks)
        if ok then
          if tracing then
            read("surgeries" .. H.opts_text(opts), describe({ s.procedure or s.input }) ..
              (s.weeks_ago and format(" (%g weeks ago)", s.weeks_ago) or " (timing unknown)"))
          end
          return readonly(s, "the client profile", true)
        end
      end
      if tracing then read("surgeries" .. H.opts_text(opts), "no") end
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

    -- The preferred pressure within the cap safety rules have already set (they run first),
    -- and what the client asked for.
    function methods.prefers_pressure()
      local asked = P.preferences.pressure
      local cap = H.pressure_cap()
      local p = asked
      if asked and cap and H.PRESSURE[asked] > H.PRESSURE[cap] then p = cap end
      if tracing then
        read("preferences.pressure", asked and (p == asked and asked or (asked .. " (limited to " .. p .. ")")) or "(not given)")
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
    local ALL_NAMES = {}
    for _, k in ipairs(FIELD_NAMES) do ALL_NAMES[#ALL_NAMES + 1] = k end
    for _, k in ipairs(METHOD_NAMES) do ALL_NAMES[#ALL_NAMES + 1] = k end

    -- One view for every evaluation, made once. Method calls stay on the VM's fast path (the
    -- view's __index is the methods table); anything else falls through to the field lookup
    -- of this evaluation's profile.
    local view_mt                             -- the client view's metatable

    -- The view's methods: the full ones when reads are traced, else the fast ones (falling
    -- back to the full ones for everything they do not answer themselves).
    function H.use_methods(traced)
      view_mt.__index = traced and methods or fast
    end

    function H.make_client()
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
            current and current.id or "?", tostring(k)), 2)
        end,
        __metatable = false,
      }
      return setmetatable(view, view_mt)
    end

    """#
}
