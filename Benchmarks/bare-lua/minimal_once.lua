-- The minimal-host floor's work, once per profile and nothing else: for counting instructions
-- (RubricBench instructions runs it under callgrind with N profiles and with none, and takes the
-- difference). No timing, no warm-up, no sample lines.
--
-- usage: lua5.4 minimal_once.lua SETUP CATALOG PROFILES RULES_LIST N (from the package root)
--   the same inputs as minimal_floor.lua; N: how many profiles of the first chunk to evaluate
local setup_path, catalog_path, profiles_path, rules_list, n = ...

local M = dofile("Benchmarks/bare-lua/minimal_host.lua")
M.load(setup_path, catalog_path, rules_list)
collectgarbage("incremental", 1000)   -- as minimal_floor.lua and Rubric's rule states
local profiles = dofile(io.lines(profiles_path)())
for i = 1, math.min(tonumber(n), #profiles) do M.evaluate(profiles[i]) end
