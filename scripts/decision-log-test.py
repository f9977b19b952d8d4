#!/usr/bin/env python3
"""The decision log from outside: two `rubric serve` replicas sharing one PostgreSQL log.

  decision-log-test.py BIN [--requests N]

- Under a short concurrent load spread over both replicas (REST recommendations and CDS Hooks
  calls), every answer carries a Rubric-Decision-Id, and the log holds each of those decisions
  exactly once (no more rows, no fewer, no duplicates).
- When the log cannot be written (INSERT revoked from the role), answers go on unchanged, say
  `Rubric-Decision-Logged: false`, and /readyz is 503 naming the failure; once writes work again,
  so does /readyz.
- `rubric log replay` with a rule set whose Swedish points differ reports the change and the rule.
Needs RUBRIC_TEST_POSTGRES (the Makefile sets it; scripts/postgres.sh starts the server) and
root or sudo to change the role's grants. Exit 1 on any failure.
"""
import argparse, concurrent.futures, json, os, shutil, subprocess, sys, tempfile, time, urllib.error, urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from rubric_server import Server  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
URL = os.environ.get("RUBRIC_TEST_POSTGRES", "postgres://rubric:rubric@127.0.0.1:5432/rubric_test")
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def psql(sql):
    database = URL.rsplit("/", 1)[1].split("?")[0]
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else ["sudo", "-u", "postgres"]
    subprocess.run(prefix + ["psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", database, "-c", sql], check=True)


def post(base, path, body, content_type):
    req = urllib.request.Request(base + path, data=body, method="POST",
                                 headers={"Content-Type": content_type, "Date": "Mon, 30 Nov 2026 09:00:00 GMT"})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def get(base, path):
    try:
        with urllib.request.urlopen(base + path, timeout=30) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def logged_since(binary, since):
    out = subprocess.run([binary, "log", "list", "--decision-log", URL, "--since", since, "--format", "json"],
                         capture_output=True, text=True, check=True).stdout
    return [json.loads(line)["id"] for line in out.splitlines() if line.strip()]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--requests", type=int, default=240)
    args = ap.parse_args()
    binary = os.path.abspath(args.binary)
    profiles = [open(os.path.join(ROOT, "examples", "profiles", n), "rb").read()
                for n in sorted(os.listdir(os.path.join(ROOT, "examples", "profiles"))) if n.endswith(".yaml")]
    cds = open(os.path.join(ROOT, "examples", "cds-hooks", "patient-view-clearance.json"), "rb").read()
    common = ["--rules", os.path.join(ROOT, "rules"), "--workers", "2", "--reload-interval", "0",
              "--decision-log", URL, "--log-inputs"]
    since = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(time.time() - 1))
    with Server(binary, *common) as one, Server(binary, *common) as two:
        bases = [one.base, two.base]

        def call(i):
            base = bases[i % 2]
            if i % 5 == 4:
                return post(base, "/cds-services/rubric-massage", cds, "application/json")
            return post(base, "/v1/recommend", profiles[i % len(profiles)], "application/yaml")

        with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
            replies = list(pool.map(call, range(args.requests)))
        ids = [h.get("Rubric-Decision-Id") for _, h, _ in replies]
        check(all(s == 200 for s, _, _ in replies), f"{args.requests} requests over two replicas: all 200")
        check(all(ids), "every answer carries a Rubric-Decision-Id")
        logged = logged_since(binary, since)
        check(len(logged) == len(set(logged)) == args.requests and set(logged) == set(ids),
              f"the shared log holds each decision exactly once ({len(logged)} rows, {len(set(logged))} distinct, {args.requests} answers)")
        status, ready = get(one.base, "/readyz")
        check(status == 200 and ready["decision_log"]["ok"] and "***" in ready["decision_log"]["url"],
              "/readyz is 200, reports the log, and hides its password")

        # the log cannot be written: the answer is the same, says it was not logged; /readyz says so too
        before = post(one.base, "/v1/recommend", profiles[0], "application/yaml")
        psql("REVOKE INSERT ON rubric_decisions FROM rubric")
        try:
            status, headers, body = post(one.base, "/v1/recommend", profiles[0], "application/yaml")
            check(status == 200 and body == before[2], "with the log failing, the answer is unchanged")
            check(headers.get("Rubric-Decision-Logged") == "false" and "Rubric-Decision-Id" not in headers,
                  "and says Rubric-Decision-Logged: false")
            status, ready = get(one.base, "/readyz")
            check(status == 503 and not ready["decision_log"]["ok"] and ready["decision_log"]["failures"] >= 1,
                  f"/readyz is 503 and names the failure (got {status}: {ready.get('decision_log')})")
            check(not any("sciatica" in line.lower() for line in one.lines()), "the failure's log line carries no profile content")
        finally:
            psql("GRANT INSERT ON rubric_decisions TO rubric")
        check(get(one.base, "/readyz")[0] == 200, "once the log works again, /readyz is 200 (it writes what was waiting)")
        status, headers, _ = post(one.base, "/v1/recommend", profiles[0], "application/yaml")
        check(status == 200 and headers.get("Rubric-Decision-Id"), "and decisions are logged")
        check(len(logged_since(binary, since)) == args.requests + 3,
              "nothing is lost: the decision made while the log failed was written once it worked")

    # replay the logged inputs with rules whose Swedish points differ
    rules = tempfile.mkdtemp(prefix="rubric-replay-")
    try:
        shutil.copytree(os.path.join(ROOT, "rules"), os.path.join(rules, "rules"))
        path = os.path.join(rules, "rules", "stenosis.lua")
        text = open(path).read()
        open(path, "w").write(text.replace('points("swedish", 2, "Gentle strokes', 'points("swedish", 6, "Gentle strokes'))
        run = subprocess.run([binary, "log", "replay", "--decision-log", URL, "--since", since, "--rules",
                              os.path.join(rules, "rules"), "--format", "json"], capture_output=True, text=True)
        report = json.loads(run.stdout) if run.returncode == 0 else {}
        moved = [m for d in report.get("decisions", []) for m in d["moves"] if m["technique"] == "swedish"]
        check(run.returncode == 0 and report["summary"]["changed"] > 0 and moved
              and all(r["rule"] == "stenosis.swedish" for m in moved for r in m["rules"]),
              f"log replay reports the changes and the rule behind them ({report.get('summary')})")
    finally:
        shutil.rmtree(rules)
    print(f"decision-log: {'FAILED ' + str(len(failures)) if failures else 'all checks passed'}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
