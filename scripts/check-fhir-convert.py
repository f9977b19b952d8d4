#!/usr/bin/env python3
"""`rubric fhir convert` gives a profile that reads back to the same recommendation.

  check-fhir-convert.py BIN

For every examples/fhir/*.json: convert it to YAML, recommend both the FHIR file and the YAML,
and compare status, ranking (technique, score), exclusions, pressure limit, referrals,
clearances and the kinds of review items. The warnings' paths differ (FHIR paths against YAML fields) and are not compared.
Both results are also validated against docs/recommendation.schema.json. Exit 1 on any
difference.
"""
import glob, json, os, subprocess, sys, tempfile

import jsonschema

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
AS_OF = "2026-11-30"


def recommend(binary, path):
    run = subprocess.run([binary, "recommend", "--as-of", AS_OF, "--format", "json", path], capture_output=True, text=True)
    if run.returncode not in (0, 1) or not run.stdout:
        sys.exit(f"rubric recommend {path} failed: {run.stderr}")
    return json.loads(run.stdout)


def essence(rec):
    return {
        "status": rec["status"],
        "ranking": [(t["technique"], t["score"]) for t in rec.get("ranking", [])],
        "excluded": sorted(t["technique"] for t in rec.get("excluded", [])),
        "pressure": (rec.get("pressure_limit") or {}).get("level"),
        "referrals": sorted(r["rule"] for r in rec.get("referrals", [])),
        "clearances": sorted(r["rule"] for r in rec.get("clearances", [])),
        "review": sorted(i["code"] for i in rec.get("review", [])),
    }


SCHEMA = json.load(open(os.path.join(ROOT, "docs", "recommendation.schema.json")))


def main():
    binary = os.path.abspath(sys.argv[1])
    failed = 0
    for path in sorted(glob.glob(os.path.join(ROOT, "examples", "fhir", "*.json"))):
        name = os.path.relpath(path, ROOT)
        run = subprocess.run([binary, "fhir", "convert", "--as-of", AS_OF, path], capture_output=True, text=True)
        if run.returncode != 0:
            print(f"FAIL {name}: fhir convert: {run.stderr.strip()}")
            failed += 1
            continue
        with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
            f.write(run.stdout)
        try:
            ra, rb = recommend(binary, path), recommend(binary, f.name)
        finally:
            os.unlink(f.name)
        problems = [e.message for r in (ra, rb) for e in jsonschema.Draft202012Validator(SCHEMA).iter_errors(r)]
        if problems:
            print(f"FAIL {name}: the result does not match docs/recommendation.schema.json: {problems[0][:200]}")
            failed += 1
            continue
        a, b = essence(ra), essence(rb)
        if a == b:
            print(f"ok   {name}: {a['status']}, the converted YAML agrees")
        else:
            failed += 1
            print(f"FAIL {name}: FHIR {a} != YAML {b}")
    print(f"fhir-convert: {'FAILED ' + str(failed) if failed else 'all agree'}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
