-- One evaluation: a part of the rule host (host.lua includes it). The engine calls begin with
-- a profile, run (or run_traced) for each rule in execution order, then take_log, which also
-- ends the evaluation. The actions a rule took come back flat, in the layout below: as the
-- call's results (run), or as one list (run_traced, and run past FLAT_MAX values). Swift
-- declares the same layout (RuleAction.Field) and set_contract checks they agree.
local K = ...
local format, error, type, next = string.format, error, type, next
local concat, sort, unpack, move = table.concat, table.sort, table.unpack, table.move
local SB, H, rules, ALLOWED, PRESSURE = K.SB, K.H, K.rules, K.ALLOWED, K.PRESSURE
local callsite = K.helpers.callsite
local client_begin, client_end, trace_start, trace_stop, take_reads =
      K.client_begin, K.client_end, K.trace_start, K.trace_stop, K.take_reads   -- client.lua

-- Each verb call is kept as #LAYOUT flat values (false where a slot does not apply); the file
-- is false when it is the rule's own, as it nearly always is.
local LAYOUT = { "verb", "file", "line", "technique", "text", "points", "urgency", "advice", "extra" }
local ACTION_SLOTS = #LAYOUT

function K.check_layout(fields)
  local same = type(fields) == "table" and #fields == ACTION_SLOTS
  for i = 1, ACTION_SLOTS do same = same and fields[i] == LAYOUT[i] end
  if not same then
    error(format("host contract: Swift's action layout (RuleAction.Field) is {%s}, evaluation.lua writes {%s}",
      type(fields) == "table" and concat(fields, ", ") or type(fields), concat(LAYOUT, ", ")))
  end
end

local current                              -- the rule running now
local acts, nacts = nil, 0                 -- what it did: ACTION_SLOTS values per verb call; the
                                           -- list is reused, so only its first nacts values are the rule's
-- run returns up to this many action values as its results (copied out by the shim without a
-- table to walk, and decoded without one); past it, as the list itself, as the results of
-- one call are bounded by the Lua stack (1,000 actions: far more than any rule takes)
local FLAT_MAX = 1000 * ACTION_SLOTS
local pressure_cap                         -- the strictest limit_pressure so far in this evaluation
local client                               -- the client view (client.lua), the same for every evaluation
local ended = false                        -- the last evaluation ended (take_log put the locals back)

function K.running() return current end
function K.pressure_cap() return pressure_cap end

-- Records one verb call of the running rule, after checking that its kind may make it.
-- Called by the verbs (verbs.lua), so the rule is three levels up.
function K.act(verb, technique, text, points, urgency, advice, extra)
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
  -- the frame that called the verb: level 1 is this function, 2 the verb (verbs.lua calls
  -- act, never as a tail call), and the walk goes on up from 3 past any host or C frame
  local file, line = callsite(current.file, 3)   -- file: false when it is the rule's own
  local n = nacts
  if not acts then                         -- one list, reused until a run returns it as it is
    acts = { false, false, false, false, false, false, false, false, false }   -- sized for one action
  end
  acts[n + 1], acts[n + 2], acts[n + 3], acts[n + 4], acts[n + 5] =
    verb, file or false, line or false, technique or false, text
  acts[n + 6], acts[n + 7], acts[n + 8], acts[n + 9] =
    points or false, urgency or false, advice or false, extra or false
  nacts = n + ACTION_SLOTS
  if verb == "limit_pressure" and (not pressure_cap or PRESSURE[extra] < PRESSURE[pressure_cap]) then
    pressure_cap = extra
  end
end

-- Starts an evaluation: the profile's lookups are set once here, not in every helper call.
-- `reads`: the rules will run with H.run_traced, which records what they read (for explain).
function H.begin(profile, reads)
  current, pressure_cap, acts, nacts = nil, nil, nil, 0
  -- plugins' locals as they were when they loaded: take_log put them back when it ended the
  -- last evaluation; else (the first evaluation, or one that never ended) here
  if not ended then SB.restore() end
  ended = false
  client = client_begin(profile, reads == true)
  SB.reset_log()
end

-- Runs rule i. Returns nothing when it took no action (most rules, most of the time);
-- else its actions, ACTION_SLOTS values each (see K.act): as its results, or past FLAT_MAX
-- values as one list. Kept short: it runs for every rule of every profile.
function H.run(i)
  local r = rules[i]
  current, nacts = r, 0
  r.apply(client)
  current = nil
  local n = nacts
  if n == 0 then return end
  if n <= FLAT_MAX then return unpack(acts, 1, n) end
  -- exactly this rule's values: past them, the list may still hold those of a rule that acted
  -- and then failed
  return move(acts, 1, n, 1, {})
end

-- Runs rule i tracing its reads (begin with reads): returns its actions as one list, and
-- what it read, as a flat list of field, value pairs.
function H.run_traced(i)
  local r = rules[i]
  current, nacts, acts = r, 0, nil         -- a fresh list, returned as it is
  trace_start(r)
  r.apply(client)
  current = nil
  trace_stop()
  if nacts == 0 then return end
  local list = acts
  acts = nil
  return list, take_reads()
end

-- What rules printed during this evaluation, and the pressure cap it ended with; it also ends
-- the evaluation: nothing of this profile stays reachable (plugins' locals are put back, the
-- host's references dropped), so what one evaluation allocated can never count against the
-- next client's.
function H.take_log()
  local cap = pressure_cap
  current = nil
  SB.restore()
  client_end()
  acts, nacts, pressure_cap = nil, 0, nil
  ended = true
  return SB.take_log(), cap
end
