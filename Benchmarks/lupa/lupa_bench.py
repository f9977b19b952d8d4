#!/usr/bin/env python3
"""The same rules under CPython + lupa (Lua 5.4 in Python): the profiles arrive as JSON,
are converted to Lua tables, every rule is called from Python (as Rubric calls each rule
from Swift), and contributions are summed per technique in Python.

usage: lupa_bench.py SETUP CATALOG_LUA PROFILES_JSONL RULES_LIST (from the package root;
SETUP as for Benchmarks/bare-lua/load_host.lua)
Prints `lupa_us <microseconds per profile>`. Run by RubricBench when lupa is installed.
"""
import json
import sys
import time

from lupa import lua54

setup_path, catalog_path, profiles_path, rules_list = sys.argv[1:5]
lua = lua54.LuaRuntime(unpack_returned_tuples=False)
helpers = lua.execute("""
local helpers = {}
function helpers.callsite()
  for level = 2, 50 do
    local info = debug.getinfo(level, "Sl")
    if not info then return nil end
    if info.source:sub(1, 1) == "@" and info.currentline > 0 then return info.source:sub(2), info.currentline end
  end
end
function helpers.definedat(f) local i = debug.getinfo(f, "S") return i.source:gsub("^@", ""), i.linedefined end
function helpers.activelines(f) return {}, 0 end
function helpers.coverage() return {} end
function helpers.setupvalues(list, n)
  for k = 1, n, 3 do debug.setupvalue(list[k], list[k + 1], list[k + 2]) end
end
helpers.debug = debug
return helpers
""")
read = lambda p: open(p, encoding="utf-8").read()
load_host = lua.eval("function(h, setup) return assert(loadfile('Benchmarks/bare-lua/load_host.lua'))(h, setup) end")
H = load_host(helpers, setup_path)
H.set_catalog(lua.execute(read(catalog_path)))

for path in read(rules_list).split("\n"):
    result = H.load_plugin(read(path), "@" + path)
    assert result["rules"] is not None, result["syntax"] or result["error"]
order = H.execution_order()
indices = [order[i] for i in range(1, len(order) + 1)]


def to_lua(v):
    if isinstance(v, dict):
        return lua.table_from({k: to_lua(x) for k, x in v.items()})
    if isinstance(v, list):
        return lua.table_from([to_lua(x) for x in v])
    return v


profiles = [json.loads(line) for line in open(profiles_path, encoding="utf-8") if line.strip()]
run = H.run


def evaluate(p):
    H.begin(to_lua(p))
    scores = {}
    for i in indices:
        try:
            result = run(i)
        except lua54.LuaError:
            continue
        if result is None:
            continue
        # the actions, 9 values each (verb, file, line, technique, text, points, ...): run's
        # results (a tuple), or past 1,000 actions one Lua list
        actions = result if isinstance(result, tuple) else [result[k] for k in range(1, len(result) + 1)]
        for k in range(0, len(actions), 9):
            if actions[k] == "points":
                scores[actions[k + 3]] = scores.get(actions[k + 3], 0) + actions[k + 5]
    H.take_log()
    return scores


for p in profiles[:200]:
    evaluate(p)
start = time.perf_counter()
for p in profiles:
    evaluate(p)
print("lupa_us %.3f" % ((time.perf_counter() - start) / len(profiles) * 1e6))
