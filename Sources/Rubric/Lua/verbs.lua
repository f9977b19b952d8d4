-- The verbs plugins call: a part of the rule host (host.lua includes it). Each checks its
-- arguments, then records the action with K.act (evaluation.lua), which checks that the
-- rule's kind may call it. Every verb here must be declared in Swift's `Verb`, and every
-- `Verb` must be implemented here: set_contract fails the load otherwise. A verb calls K.act
-- as a statement, never `return act(...)`: act reads the rule's line two frames up.
local K = ...
local format, type, error = string.format, type, error
local tostring = K.SB.tostring
local mtype = math.type
local known, copy_fields, one_of = K.known, K.copy_fields, K.one_of
local URGENCY, PRESSURE, LISTS, C = K.URGENCY, K.PRESSURE, K.LISTS, K.C
local verb, act, running = K.verb, K.act, K.running   -- act and running: evaluation.lua

local function text(value, what, name)
  if type(value) ~= "string" or value == "" then
    error(format("%s(): %s must be a non-empty string", name, what), 3)
  end
  return value
end

verb("points", function(technique, amount, reason)
  known("techniques", technique, "technique", 2)
  if mtype(amount) ~= "integer" then
    error(format("points(): the amount must be a whole number, got %s", tostring(amount)), 2)
  end
  if amount < -100 or amount > 100 then error("points(): the amount must be between -100 and 100", 2) end
  text(reason, "the reason", "points")
  local current = running()
  if current and current.grade == "unsupported" and amount > 0 then
    error("points(): a rule graded 'unsupported' may not add positive points", 2)
  end
  act("points", technique, reason, amount)
end)

verb("exclude", function(technique, reason)
  known("techniques", technique, "technique", 2)
  act("exclude", technique, text(reason, "the reason", "exclude"))
end)

verb("caution", function(a, b)
  if b == nil then
    if type(a) == "string" and C.techniques[a] then
      error(format("caution('%s') needs a text: caution(technique, text), or caution(text) for the whole session",
        a), 2)
    end
    act("caution", nil, text(a, "the caution", "caution"))
  else
    known("techniques", a, "technique", 2)
    act("caution", a, text(b, "the caution", "caution"))
  end
end)

local REFER_FIELDS = { "urgency", "reason", "advice" }
local CLEARANCE_FIELDS = { "from", "reason" }

verb("refer", function(given)
  if type(given) ~= "table" then error("refer{urgency=..., reason=..., advice=...} takes a table", 2) end
  local spec = copy_fields(given, REFER_FIELDS)   -- read once, then checked and kept
  if not URGENCY[spec.urgency] then
    error(format("refer(): urgency must be %s, got %s", one_of(LISTS.urgencies), tostring(spec.urgency)), 2)
  end
  act("refer", nil, text(spec.reason, "reason", "refer"), nil, spec.urgency,
      spec.advice ~= nil and text(spec.advice, "advice", "refer") or nil)
end)

verb("require_clearance", function(given)
  if type(given) ~= "table" then error("require_clearance{from=..., reason=...} takes a table", 2) end
  local spec = copy_fields(given, CLEARANCE_FIELDS)
  local from = text(spec.from, "from", "require_clearance")
  act("require_clearance", nil, text(spec.reason, "reason", "require_clearance"), nil, nil, nil, from)
end)

verb("limit_pressure", function(level, reason)
  if not PRESSURE[level] then
    error(format("limit_pressure(): level must be %s, got %s", one_of(LISTS.pressures), tostring(level)), 2)
  end
  act("limit_pressure", nil, text(reason, "the reason", "limit_pressure"), nil, nil, nil, level)
end)

verb("note", function(t) act("note", nil, text(t, "the note", "note")) end)

-- A question the rule cannot answer from the profile, which a person must before treating
-- (an undated red-flag sign): it makes the result "check before treating".
verb("ask", function(q) act("ask", nil, text(q, "the question", "ask")) end)
