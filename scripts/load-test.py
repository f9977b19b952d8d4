#!/usr/bin/env python3
"""Load and reload test of `rubric serve` with wrk, on loopback.

  load-test.py BIN [--duration S] [--profiles N] [--reload] [--compare-batch] [--workers W]

Generates N profiles (seeded), starts `BIN serve` on a copy of rules/, and drives
POST /v1/recommend with wrk (scripts/load/recommend.lua). Fails (exit 1) on any failed request.

--reload        during the run: a broken plugin is added, then removed, then a good edit is
                made; every response must carry the old or the new rule-set hash, the new one
                must be seen, and no request may fail.
--compare-batch also times `BIN batch` on the same profiles (same worker count): the server's
                requests/s as a ratio to batch's profiles/s, and the in-process cost per profile.
Figures are printed as ratios from one run; nothing is asserted about speed.
"""
import argparse, json, os, shutil, subprocess, sys, tempfile, threading, time, urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from rubric_server import Server  # noqa: E402

COMPACT = False
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--duration", type=float, default=5)
    ap.add_argument("--profiles", type=int, default=2000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--connections", type=int, default=8)
    ap.add_argument("--reload", action="store_true")
    ap.add_argument("--compare-batch", action="store_true")
    ap.add_argument("--compact", action="store_true", help="ask for compact JSON (?compact=true), as batch writes it")
    args = ap.parse_args()
    global COMPACT
    COMPACT = args.compact
    binary = os.path.abspath(args.binary)
    work = tempfile.mkdtemp(prefix="rubric-load-")
    rules = os.path.join(work, "rules")
    shutil.copytree(os.path.join(ROOT, "rules"), rules)
    profiles = os.path.join(work, "profiles.jsonl")
    with open(profiles, "w") as out:
        subprocess.run([binary, "generate", "--count", str(args.profiles), "--seed", "7", "--rules", rules],
                       stdout=out, check=True)

    server = Server(binary, "--rules", rules, "--workers", str(args.workers), "--reload-interval", "200")
    base = server.base
    old_hash = urllib.request.urlopen(base + "/healthz").headers["Rubric-Ruleset"]
    failures = []
    try:
        wrk(base, profiles, 1, args.connections)                      # warm up
        editor = None
        if args.reload:
            editor = threading.Thread(target=edit_rules, args=(rules, args.duration, base, failures))
            editor.start()
        # the hashes are read only when checking a reload: reading them costs wrk CPU
        result = wrk(base, profiles, args.duration, args.connections, check=args.reload)
        if editor:
            editor.join()
        new_hash = urllib.request.urlopen(base + "/healthz").headers["Rubric-Ruleset"]
        rps = result["requests"] / result["seconds"]
        print(f"server: {result['requests']} requests in {result['seconds']:.1f} s = {rps:.0f} req/s; "
              f"p50 {result['p50_us'] / 1000:.2f} ms, p99 {result['p99_us'] / 1000:.2f} ms; "
              f"non-200 {result['non_200']}, socket errors {result['socket_errors']}")
        if result["non_200"] or result["socket_errors"]:
            failures.append("requests failed under load")
        if args.reload:
            seen = result["hashes"]
            print(f"reload: rule sets seen {dict((h[:19], n) for h, n in seen.items())}; old {old_hash[:19]}, new {new_hash[:19]}")
            if new_hash == old_hash:
                failures.append("the good edit was not swapped in")
            if set(seen) - {old_hash, new_hash}:
                failures.append("a response carried a rule set that was neither the old nor the new one")
            if new_hash not in seen:
                failures.append("no response came from the new rule set")
            ready = json.load(urllib.request.urlopen(base + "/readyz"))
            if not (ready.get("last_reload") or {}).get("ok"):
                failures.append("readyz does not report the last reload as good")
        if args.compare_batch:
            per = batch_cost(binary, rules, profiles, args.workers, args.profiles)
            one = batch_cost(binary, rules, profiles, 1, args.profiles)
            batch_rps = 1e6 / per
            print(f"batch ({args.workers} workers): {per:.1f} µs/profile = {batch_rps:.0f} profiles/s; "
                  f"1 worker (in-process cost): {one:.1f} µs/profile")
            print(f"server / batch throughput: {rps / batch_rps:.2f} (target >= 0.80)")
    finally:
        if not server.stop():
            failures.append("the server did not stop on SIGTERM")
    lines = server.lines()
    for line in lines:
        if '"level":"error"' in line and "reload failed" not in line and "CancellationError" not in line \
                and "Already closed" not in line:
            failures.append("server logged an error: " + line[:300])
    if args.reload and not any("rules reload failed" in line for line in lines):
        failures.append("the broken edit was not reported in the log")
    shutil.rmtree(work, ignore_errors=True)
    for f in failures:
        print("FAIL: " + f)
    sys.exit(1 if failures else 0)


def wrk(base, profiles, duration, connections, check=True):
    env = dict(os.environ, RUBRIC_PROFILES=profiles, RUBRIC_CHECK="1" if check else "0",
               RUBRIC_PATH="/v1/recommend?compact=true" if COMPACT else "/v1/recommend")
    out = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(duration))}s", "--latency",
                          "-s", os.path.join(HERE, "load", "recommend.lua"), base], env=env,
                         capture_output=True, text=True, check=True).stdout
    line = next(l for l in out.splitlines() if l.startswith("RESULT "))
    return json.loads(line[len("RESULT "):])


def edit_rules(rules, duration, base, failures):
    """A broken plugin at 25% of the run, removed at 45%, a good edit at 60%."""
    broken = os.path.join(rules, "zz_broken_edit.lua")
    time.sleep(duration * 0.25)
    with open(broken, "w") as f:
        f.write("-- a half-written plugin\nlocal broken = (\n")
    time.sleep(duration * 0.2)
    ready = json.load(urllib.request.urlopen(base + "/readyz"))
    reload = ready.get("last_reload") or {}
    print(f"readyz after the broken edit: ok={reload.get('ok')} file={os.path.basename(reload.get('file') or '')} "
          f"line={reload.get('line')}")
    if reload.get("ok") is not False or not (reload.get("file") or "").endswith("zz_broken_edit.lua"):
        failures.append("readyz did not name the broken plugin")
    os.remove(broken)
    time.sleep(duration * 0.15)
    with open(os.path.join(rules, "practice.lua"), "a") as f:
        f.write("-- an edit made under load\n")


def batch_cost(binary, rules, profiles, workers, count):
    """µs per profile in `batch`, its start-up (loading the rules) taken out: the best of two
    runs over every profile, less the best of two over one."""
    one = os.path.join(os.path.dirname(profiles), "one.jsonl")
    with open(profiles) as f, open(one, "w") as g:
        g.write(f.readline())

    def best(path):
        times = []
        for _ in range(2):
            start = time.perf_counter()
            subprocess.run([binary, "batch", path, "--rules", rules, "--workers", str(workers), "-o", os.devnull],
                           stderr=subprocess.DEVNULL, check=False)
            times.append(time.perf_counter() - start)
        return min(times)

    return (best(profiles) - best(one)) / (count - 1) * 1e6


if __name__ == "__main__":
    main()
