-- The sandbox prelude: trusted Lua that builds what scripts may see. It runs once per state,
-- with the full standard globals and the shim's C helpers (`host`), and leaves the table
-- `sandbox` (SB) in the host-only globals; LuaSandbox.swift documents what SB holds.
-- Its part sealing.lua is loaded into it with SB.include. The limits enforced here (CONFIG)
-- are set by SB.configure before any script runs.
local host = ...
local CONFIG = { rep = 0, pattern = 0, move = 0, log_lines = 0 }

local type, next, error, tostring, select, rawget, setmetatable, getmetatable, load, pcall =
      type, next, error, tostring, select, rawget, setmetatable, getmetatable, load, pcall
local string, table, math, utf8 = string, table, math, utf8
local sort, format, byte = table.sort, string.format, string.byte

local SB = { callsite = host.callsite, definedat = host.definedat }

-- a key or value as a message shows it: a table or function by its type, never its address
local function shown(v)
  local t = type(v)
  if t == "string" or t == "number" or t == "boolean" or t == "nil" then return tostring(v) end
  return t
end
local proxies = setmetatable({}, { __mode = "k" })   -- proxy -> original
local cache = setmetatable({}, { __mode = "k" })     -- original -> proxy
local labels = setmetatable({}, { __mode = "k" })    -- proxy -> label for errors

local function key_less(a, b)
  local ta, tb = type(a), type(b)
  if ta ~= tb then return ta < tb end
  if ta == "number" or ta == "string" then return a < b end
  if ta == "boolean" then return (not a) and b end
  return false
end

-- keys pairs can put in an order that is the same on every run
local ORDERED = { number = true, string = true, boolean = true }

local function sorted_keys(t)
  local keys, n = {}, 0
  for k in next, t do
    if not ORDERED[type(k)] then
      -- tables, functions and the like have no order but their addresses, which differ from run to run
      error(format("pairs: a key is a %s, and %s keys have no order that is the same on every run; " ..
        "key the table by strings or numbers, or keep a list and use ipairs", type(k), type(k)), 3)
    end
    n = n + 1; keys[n] = k
  end
  sort(keys, key_less)
  return keys
end

local readonly
local shadow_of = setmetatable({}, { __mode = "k" })    -- frozen proxy -> its shadow table
local fixed = setmetatable({}, { __mode = "k" })        -- originals the host promised never change
local fixed_keys = setmetatable({}, { __mode = "k" })   -- such an original -> its sorted keys
-- pairs in key order, so no hash order leaks into results
local function spairs(t)
  if type(t) ~= "table" then
    error(format("bad argument #1 to 'pairs' (table expected, got %s)", type(t)), 2)
  end
  local src = proxies[t]
  local base = src or t
  local keys, i
  if src and fixed[src] then
    keys = fixed_keys[src]
    if not keys then keys = sorted_keys(src); fixed_keys[src] = keys end
  else
    keys = sorted_keys(base)   -- a plugin may still change its own table through a local
  end
  i = 0
  local shadow = shadow_of[t]
  if shadow then
    return function()
      i = i + 1
      local k = keys[i]
      if k == nil then return nil end
      return k, shadow[k]
    end, t, nil
  end
  return function()
    i = i + 1
    local k = keys[i]
    if k == nil then return nil end
    local v = rawget(base, k)
    if src then v = readonly(v, labels[t], fixed[src]) end
    return k, v
  end, t, nil
end
SB.pairs = spairs

-- One metatable shared by every read-only proxy (the proxied table and its label live in
-- weak maps), so a proxy costs one empty table rather than a metatable and four closures.
local wrap                                -- readonly for what is known to be a table
local RO = {
  __index = function(p, k)
    local src = proxies[p]
    local v = src[k]
    if type(v) ~= "table" then return v end
    return wrap(v, labels[p], fixed[src])
  end,
  __newindex = function(p, k)
    error(format("%s is read-only (cannot set '%s')", labels[p], shown(k)), 2)
  end,
  __len = function(p) return #proxies[p] end,
  __pairs = spairs,
  __metatable = false,
}

function wrap(t, label, unchanging)
  if unchanging then fixed[t] = true end
  local p = cache[t]
  if p then return p end
  p = setmetatable({}, RO)
  cache[t], proxies[p], labels[p] = p, t, label or "this table"
  return p
end

function readonly(t, label, unchanging)
  if type(t) ~= "table" then return t end
  return wrap(t, label, unchanging)
end
SB.readonly = readonly

-- Frozen proxies: like readonly(t, label, true), but made for the whole tree at once, each
-- with its own metatable whose __index is a shadow table holding the values (nested tables
-- as their frozen proxies). Nothing can reach the shadows: the metatables are protected.
local function frozen(t, label)
  if type(t) ~= "table" or proxies[t] then return t end   -- values, and what is already a view
  local p = cache[t]
  if p then return p end
  p = {}
  cache[t], proxies[p], labels[p], fixed[t] = p, t, label, true
  local shadow = {}
  for k, v in next, t do shadow[k] = frozen(v, label) end
  shadow_of[p] = shadow
  setmetatable(p, { __index = shadow, __newindex = RO.__newindex, __len = RO.__len, __pairs = spairs,
                    __metatable = false })
  return p
end
SB.frozen = frozen

-- patterns run in C where no hook fires: bound their backtracking work up front
local function skip_set(p, i, n)
  i = i + 1
  if byte(p, i) == 94 then i = i + 1 end              -- ^
  repeat
    if i > n then error("malformed pattern (missing ']')", 4) end
    local c = byte(p, i); i = i + 1
    if c == 37 then i = i + 1 end                     -- %
  until byte(p, i) == 93                              -- ]
  return i + 1
end

local function pattern_work(s, p)
  local n, i, q, opt = #p, 1, 0, 0
  if byte(p, 1) == 94 then i = 2 end
  while i <= n do
    local c, single = byte(p, i), true
    if c == 37 then                                   -- %
      local d = byte(p, i + 1)
      if d == 98 then i = i + 4; single = false; q = q + 1   -- %bxy scans up to the whole subject
      elseif d == 102 then i = skip_set(p, i + 2, n); single = false  -- %f[set]
      else i = i + 2 end
    elseif c == 91 then i = skip_set(p, i, n)         -- [set]
    elseif c == 40 or c == 41 then i = i + 1; single = false
    else i = i + 1 end
    if single then
      local x = byte(p, i)
      if x == 42 or x == 43 or x == 45 then q = q + 1; i = i + 1       -- * + -
      elseif x == 63 then opt = opt + 1; i = i + 1 end                 -- ?
    end
  end
  return (#s + 1) ^ (q + 1) * 2 ^ opt
end

local function guard(name, s, p)
  if type(s) == "number" then s = tostring(s) end
  if type(p) == "number" then p = tostring(p) end
  if type(s) ~= "string" or type(p) ~= "string" then return end
  local work = pattern_work(s, p) * #p             -- each try compares up to the whole pattern
  if work > CONFIG.pattern then
    local head = #p > 40 and (p:sub(1, 40) .. "…") or p
    error(format("string.%s: pattern %q (%d bytes) is too costly for a subject of %d bytes " ..
      "(estimated backtracking work %.3g exceeds the limit of %.3g); use a simpler pattern or a shorter subject",
      name, head, #p, #s, work, CONFIG.pattern), 3)
  end
end

-- tostring without memory addresses ("table: 0x55…" differs from run to run): a table,
-- function or the like is its type name, or its __name ("x: 0x…" without the address);
-- only a __tostring metamethod makes its own text
local raw_tostring = tostring
local function det_tostring(v)
  local t = type(v)
  if t == "table" or t == "function" or t == "userdata" or t == "thread" then
    local mt = getmetatable(v)
    if type(mt) ~= "table" or rawget(mt, "__tostring") == nil then
      local name = type(mt) == "table" and rawget(mt, "__name")
      return type(name) == "string" and name or t
    end
  end
  return raw_tostring(v)
end
SB.tostring = det_tostring

local S = {}
for k, v in next, string do S[k] = v end
S.dump, S.pack, S.unpack, S.packsize = nil, nil, nil, nil
local find, match, gmatch, gsub, rep = string.find, string.match, string.gmatch, string.gsub, string.rep
-- a plain find compares the needle at every place in the subject
local function plain_guard(s, p)
  if type(s) == "number" then s = tostring(s) end
  if type(p) == "number" then p = tostring(p) end
  if type(s) ~= "string" or type(p) ~= "string" then return end
  local work = (#s + 1) * #p
  if work > CONFIG.pattern then
    error(format("string.find: a %d-byte plain search over a subject of %d bytes is too costly " ..
      "(work %.3g exceeds the limit of %.3g)", #p, #s, work, CONFIG.pattern), 3)
  end
end
S.find = function(s, p, init, plain)
  if plain then plain_guard(s, p) else guard("find", s, p) end
  return find(s, p, init, plain)
end
S.match = function(s, p, init) guard("match", s, p); return match(s, p, init) end
S.gmatch = function(s, p, init) guard("gmatch", s, p); return gmatch(s, p, init) end
S.gsub = function(s, p, r, n) guard("gsub", s, p); return gsub(s, p, r, n) end
-- counts and bounds as the C functions will read them (floats and numeric strings included)
local function as_integer(x) return math.tointeger(tonumber(x)) end
local function length(x)
  if type(x) == "string" then return #x end
  if type(x) == "number" then return #tostring(x) end
  return nil
end
local real_format = string.format
S.format = function(fmt, ...)
  if type(fmt) == "string" and find(gsub(fmt, "%%%%", ""), "%%[-+ #0-9.]*p") then
    error("string.format: %p (an address) is not allowed in rules: it differs from run to run", 2)
  end
  local n = select("#", ...)
  local args = { ... }
  for i = 1, n do
    local t = type(args[i])
    if t == "table" or t == "function" or t == "userdata" or t == "thread" then args[i] = det_tostring(args[i]) end
  end
  return real_format(fmt, table.unpack(args, 1, n))
end
S.rep = function(s, n, sep)
  local count, ls = as_integer(n), length(s)
  if count and ls and count > 0 then
    local total = ls * count + (length(sep) or 0) * (count - 1)
    if total > CONFIG.rep then
      error(format("string.rep: result of %.0f bytes exceeds the limit of %d bytes", total, CONFIG.rep), 2)
    end
    -- the C loop runs once per repetition even when it copies nothing ((""):rep(math.maxinteger))
    if count > CONFIG.rep then
      error(format("string.rep: %d repetitions exceed the limit of %d", count, CONFIG.rep), 2)
    end
  end
  return rep(s, n, sep)
end

local T = {}
for k, v in next, table do T[k] = v end
local move = table.move
T.move = function(a1, f, e, t, a2)
  local fi, ei = as_integer(f), as_integer(e)
  if fi and ei and ei - fi >= CONFIG.move then
    error(format("table.move: %.0f elements exceed the limit of %d", ei - fi + 1.0, CONFIG.move), 2)
  end
  return move(a1, f, e, t, a2)
end

local M = {}
for k, v in next, math do M[k] = v end
M.random, M.randomseed = nil, nil                     -- determinism

local U = {}
for k, v in next, utf8 do U[k] = v end

-- the string metatable is shared by every chunk: point it at the safe, read-only string table
local safe_string = frozen(S, "string")         -- the libraries never change: frozen, so calls stay in the VM
local smt = getmetatable("")
smt.__index = safe_string
smt.__metatable = false

local log, log_count = {}, 0
local function sandbox_print(...)
  log_count = log_count + 1
  if log_count > CONFIG.log_lines then
    if log_count == CONFIG.log_lines + 1 then log[#log + 1] = "(further print output dropped)" end
    return
  end
  local parts = {}
  for i = 1, select("#", ...) do parts[i] = det_tostring((select(i, ...))) end
  local file, line = host.callsite()
  local text = table.concat(parts, "\t")
  if #text > 500 then text = text:sub(1, 500) .. "…" end
  log[#log + 1] = format("%s:%s: %s", file or "?", line or "?", text)
end
-- the lines printed since the last take; the line budget lasts until reset_log()
function SB.take_log()
  local out = log
  log = {}
  return out
end
function SB.reset_log()
  log, log_count = {}, 0
end

-- xpcall with the script's message handler behind one of the host's: once a limit has tripped,
-- the handler is not called. Lua calls a message handler from inside the hook that raised the
-- limit error, where no hook runs, so a handler that looped there could never be stopped.
local exhausted = host.exhausted
local function safe_xpcall(f, handler, ...)
  if type(handler) ~= "function" then
    error(format("bad argument #2 to 'xpcall' (function expected, got %s)", type(handler)), 2)
  end
  return xpcall(f, function(m)
    if exhausted() then return m end
    return handler(m)
  end, ...)
end

local safe = {
  assert = assert, error = error, ipairs = ipairs, pcall = pcall, xpcall = safe_xpcall,
  rawequal = rawequal, rawget = rawget, rawlen = rawlen, select = select, tonumber = tonumber,
  tostring = det_tostring, type = type, _VERSION = _VERSION,
  pairs = spairs, print = sandbox_print,
  string = safe_string, table = frozen(T, "table"), math = frozen(M, "math"), utf8 = frozen(U, "utf8"),
  getmetatable = getmetatable,
  setmetatable = function(t, mt)
    if type(mt) == "table" and (rawget(mt, "__gc") ~= nil or rawget(mt, "__close") ~= nil) then
      error("setmetatable: __gc and __close metamethods are not allowed in rules", 2)
    end
    if type(mt) == "table" and rawget(mt, "__mode") ~= nil then
      error("setmetatable: weak tables (__mode) are not allowed in rules: what they hold would depend on " ..
        "when the garbage collector runs", 2)
    end
    return setmetatable(t, mt)
  end,
  -- kept as a name so that a call says why it fails: even "count" would let a result
  -- depend on the memory an earlier evaluation left behind
  collectgarbage = function()
    error("collectgarbage is not allowed in rules: memory use differs from run to run, and results must not", 2)
  end,
}

-- the names scripts get besides the host's API (for editor definitions and their test)
function SB.builtins()
  local names = {}
  for k in next, safe do names[#names + 1] = k end
  sort(names)
  return names
end

local backing_of, meta_of = setmetatable({}, { __mode = "k" }), setmetatable({}, { __mode = "k" })

function SB.newenv(api)
  local backing = {}
  for k, v in next, safe do backing[k] = v end
  for k, v in next, api or {} do backing[k] = v end
  setmetatable(backing, { __index = function(_, k)
    error(format("unknown global '%s'", shown(k)), 2)
  end })
  local env, mt = {}, { __index = backing, __metatable = "environment" }
  setmetatable(env, mt)
  backing_of[env], meta_of[env] = backing, mt
  return env
end

function SB.freeze(env)
  local backing, mt = backing_of[env], meta_of[env]
  -- tables the plugin made become read-only too, so no evaluation can change what the next one sees
  for k, v in next, env do
    if type(v) == "table" and not proxies[v] then v = readonly(v, format("plugin global '%s'", shown(k))) end
    backing[k] = v
  end
  for k in next, env do env[k] = nil end
  mt.__newindex = function(_, k)
    error(format("cannot set global '%s' while rules run: a plugin's globals are frozen " ..
      "once it has loaded (use a local inside apply)", shown(k)), 2)
  end
end

-- Loads a part of the prelude (trusted text, e.g. sealing.lua) and runs it with the C
-- helpers, SB and the prelude's internals it builds on.
function SB.include(source, chunkname)
  local part = assert(load(source, chunkname, "t"))
  part(host, SB, { proxies = proxies, frozen = frozen, backing_of = backing_of })
end

function SB.load(source, chunkname, env)
  return load(source, chunkname, "t", env)
end

-- the host changes the limits enforced here (SandboxLimits) without recreating the state
function SB.configure(limits)
  for k, v in next, limits do
    if CONFIG[k] == nil then error("unknown sandbox setting " .. tostring(k)) end
    CONFIG[k] = v
  end
end

sandbox = SB
return SB
