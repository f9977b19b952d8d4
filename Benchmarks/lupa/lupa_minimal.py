#!/usr/bin/env python3
"""A fair Python peer: CPython + lupa running the same rules under the same minimal host as the
minimal-host floor (Benchmarks/bare-lua/minimal_host.lua), end to end: JSON lines in (the
resolved profiles), each decoded, turned into Lua tables and evaluated in Lua, and a JSON line out
per profile with its scores and exclusions.

usage: lupa_minimal.py SETUP CATALOG_LUA PROFILES_JSONL RULES_LIST OUT_JSONL (from the package root)
Prints `lupa_minimal_us <microseconds per profile>`, reading and writing included.
"""
import json
import sys
import time

from lupa import lua54

setup_path, catalog_path, profiles_path, rules_list, out_path = sys.argv[1:6]
lua = lua54.LuaRuntime(unpack_returned_tuples=True)
read = lambda p: open(p, encoding="utf-8").read()
M = lua.execute("return dofile('Benchmarks/bare-lua/minimal_host.lua')")
M.set_catalog(lua.execute(read(catalog_path)))
modules = lua.eval("function(setup) local out = {} for name, path in pairs(dofile(setup).modules or {}) do "
                   "local f = assert(io.open(path, 'rb')); out[name] = { source = f:read('a'), chunk = '@' .. path }; "
                   "f:close() end return out end")(setup_path)
M.set_modules(modules)
for path in read(rules_list).split("\n"):
    M.load_plugin(read(path), "@" + path)
M.finish_loading()
evaluate = M.evaluate


def to_lua(v):
    if isinstance(v, dict):
        return lua.table_from({k: to_lua(x) for k, x in v.items()})
    if isinstance(v, list):
        return lua.table_from([to_lua(x) for x in v])
    return v


def run(lines, out):
    for line in lines:
        if not line.strip():
            continue
        scores, excluded, _, _ = evaluate(to_lua(json.loads(line)))
        out.write(json.dumps({"scores": dict(sorted(scores.items())), "excluded": sorted(excluded.keys())}))
        out.write("\n")


lines = read(profiles_path).split("\n")
with open(out_path, "w", encoding="utf-8") as out:
    run(lines[:200], out)                      # warm up
with open(out_path, "w", encoding="utf-8") as out:
    start = time.perf_counter()
    run(open(profiles_path, encoding="utf-8"), out)
    seconds = time.perf_counter() - start
count = sum(1 for line in lines if line.strip())
print("lupa_minimal_us %.3f" % (seconds / count * 1e6))
