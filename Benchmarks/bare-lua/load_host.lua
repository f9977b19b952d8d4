-- Loads Rubric's sandbox prelude and rule host from the package's own Lua files, the way
-- LuaSandbox.init and HostAPI.install do, for hosts other than Rubric (floor.lua, lupa_bench.py).
--
-- usage: H = loadfile("Benchmarks/bare-lua/load_host.lua")(helpers, SETUP)
--   helpers: the shim's C helpers in pure Lua (see floor.lua)
--   SETUP: a Lua file RubricBench writes, returning { prelude = {paths}, host = {paths},
--          config = {...}, contract = {...}, modules = {name = path} }: the chunks in load order
--          (paths in the package, which are also their chunk names), the prelude's limits, the
--          host contract and the rule modules plugins load with use "NAME"
local helpers, setup_path = ...
local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end
local setup = dofile(setup_path)
local function run(path, ...) return assert(load(read(path), "=" .. path, "t"))(...) end

local SB = run(setup.prelude[1], helpers)
for i = 2, #setup.prelude do SB.include(read(setup.prelude[i]), "=" .. setup.prelude[i]) end
SB.configure(setup.config)
local H = run(setup.host[1], helpers)
for i = 2, #setup.host do H.include(read(setup.host[i]), "=" .. setup.host[i]) end
H.set_contract(setup.contract)
local modules = {}
for name, path in pairs(setup.modules or {}) do modules[name] = { source = read(path), chunk = "@" .. path } end
H.set_modules(modules)
return H
