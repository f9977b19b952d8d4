extension HostAPI {
    /// The verbs plugins call (`points`, `exclude`, `caution`, `refer`, `require_clearance`,
    /// `limit_pressure`, `note`): each checks its arguments and the rule's kind, then records
    /// the action with the rule line that called it. Part of ``HostAPI/source``, spliced into
    /// the same chunk so it shares its locals.
    static let verbs = #"""
    -- ---- verbs -------------------------------------------------------------
    -- Each verb call is kept as ACTION_SLOTS flat values (false where a slot does not apply):
    -- verb, file (false: the rule's file), line, technique, text, points, urgency, advice,
    -- from or level.
    local ACTION_SLOTS = 9
    local function act(verb, technique, text, points, urgency, advice, extra)
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
      local n = nacts
      if n == 0 then                           -- a fresh list for each acting rule, returned as it is,
        acts = { false, false, false, false, false, false, false, false, false }   -- sized for one action
      end
      -- the file is left out (false) when it is the rule's own, as it nearly always is
      acts[n + 1], acts[n + 2], acts[n + 3], acts[n + 4], acts[n + 5] =
        verb, file ~= current.file and file or false, line or false, technique or false, text
      acts[n + 6], acts[n + 7], acts[n + 8], acts[n + 9] = points or false, urgency or false, advice or false, extra or false
      nacts = n + ACTION_SLOTS
      if verb == "limit_pressure" and (not pressure_cap or PRESSURE[extra] < PRESSURE[pressure_cap]) then
        pressure_cap = extra
      end
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
      act("points", technique, reason, amount)
    end

    function api.exclude(technique, reason)
      known("techniques", technique, "technique", 2)
      act("exclude", technique, text(reason, "the reason", "exclude"))
    end

    function api.caution(a, b)
      if b == nil then
        if type(a) == "string" and C.techniques[a] then
          error(format("caution('%s') needs a text: caution(technique, text), or caution(text) for the whole session", a), 2)
        end
        act("caution", nil, text(a, "the caution", "caution"))
      else
        known("techniques", a, "technique", 2)
        act("caution", a, text(b, "the caution", "caution"))
      end
    end

    local REFER_FIELDS = { "urgency", "reason", "advice" }
    local CLEARANCE_FIELDS = { "from", "reason" }

    function api.refer(given)
      if type(given) ~= "table" then error("refer{urgency=..., reason=..., advice=...} takes a table", 2) end
      local spec = H.copy_fields(given, REFER_FIELDS)   -- read once, then checked and kept
      if not URGENCY[spec.urgency] then
        error(format("refer(): urgency must be emergency, same_day or routine, got %s", tostring(spec.urgency)), 2)
      end
      act("refer", nil, text(spec.reason, "reason", "refer"), nil, spec.urgency,
          spec.advice ~= nil and text(spec.advice, "advice", "refer") or nil)
    end

    function api.require_clearance(given)
      if type(given) ~= "table" then error("require_clearance{from=..., reason=...} takes a table", 2) end
      local spec = H.copy_fields(given, CLEARANCE_FIELDS)
      local from = text(spec.from, "from", "require_clearance")
      act("require_clearance", nil, text(spec.reason, "reason", "require_clearance"), nil, nil, nil, from)
    end

    function api.limit_pressure(level, reason)
      if not PRESSURE[level] then
        error(format("limit_pressure(): level must be light, medium or firm, got %s", tostring(level)), 2)
      end
      act("limit_pressure", nil, text(reason, "the reason", "limit_pressure"), nil, nil, nil, level)
    end

    function api.note(t) act("note", nil, text(t, "the note", "note")) end

    -- A question the rule cannot answer from the profile, which a person must before treating
    -- (an undated red-flag sign): it makes the result "check before treating".
    function api.ask(q) act("ask", nil, text(q, "the question", "ask")) end

    """#
}
