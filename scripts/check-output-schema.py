#!/usr/bin/env python3
"""Validates `rubric recommend --format json` against docs/recommendation.schema.json.

Usage: scripts/check-output-schema.py RUBRIC_BINARY [RULES_DIR]

Runs the binary over every profile in examples/profiles/ (edge cases in
examples/profiles/edge/ included), over several profiles at once (the array
form), and over two synthetic rule sets with a failing rule (a safety rule,
which must fail closed, and an indication rule, which must not). For each output
it checks:

- the output validates against the schema (draft 2020-12);
- every ranked technique's score is exactly the sum of its contributions' points;
- ranks are 1..n, equal scores sharing a rank, ordered by score (descending), then technique id;
- the top-level keys come in the documented order;
- the exit code matches the status (1 for failed_closed, else 0);
- a second run gives byte-identical output;
- an edge profile's `# expect-status:` / `# expect-warnings:` header lines hold.

Prints one line per check and a last line `N passed, M failed`; exits 1 if any
check failed, 2 on a usage problem.
"""
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_PATH = ROOT / "docs" / "recommendation.schema.json"
PROFILES = ROOT / "examples" / "profiles"
TOP_LEVEL_ORDER = ["schema", "ruleset", "profile", "status", "summary", "review", "referral", "clearance", "pressure_limit",
                   "ranking", "excluded", "cautions", "notes", "warnings", "missing", "errors", "log"]

FAILING_SAFETY_RULE = """
rule {
  id = "schema_check.failing_safety",
  title = "A caution rule that always fails (schema check)",
  kind = "caution",
  grade = "practice",
  evidence = { "NCCIH" },
  apply = function(client)
    print("about to fail")
    local x = client.agee
  end,
}
"""

FAILING_INDICATION_RULE = """
rule {
  id = "schema_check.failing_indication",
  title = "An indication rule that always fails (schema check)",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    points("swedish", 1, "never counted: the rule fails below")
    error("deliberate failure")
  end,
}
"""


def load_validator():
    try:
        import jsonschema
    except ImportError:
        print("check-output-schema: python3 module 'jsonschema' is missing (pip install jsonschema)", file=sys.stderr)
        sys.exit(2)
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    # The whole output (one object, or an array of them), and one recommendation on its own
    # (for precise messages: the root's oneOf hides which field is wrong).
    single = {k: v for k, v in schema.items() if k != "oneOf"}
    single["$ref"] = "#/$defs/recommendation"
    return jsonschema.Draft202012Validator(schema), jsonschema.Draft202012Validator(single)


def run(binary, args, cwd=ROOT):
    return subprocess.run([binary, "recommend", *args, "--format", "json"], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def header_expectations(path):
    """`# expect-status: X` and `# expect-warnings: a, b` lines at the top of a YAML profile."""
    status, warnings = None, []
    if path.suffix not in (".yaml", ".yml"):
        return status, warnings
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        text = line.lstrip("#").strip()
        if text.startswith("expect-status:"):
            status = text.split(":", 1)[1].strip()
        elif text.startswith("expect-warnings:"):
            warnings = [w.strip() for w in text.split(":", 1)[1].split(",") if w.strip()]
    return status, warnings


def most_specific(error):
    """For a oneOf/anyOf failure, the sub-error that explains it best."""
    from jsonschema.exceptions import best_match
    while error.context:
        error = best_match(error.context)
    return error


def check_recommendation(rec, where):
    """Invariants JSON Schema cannot express. Returns a list of problems."""
    problems = []
    keys = list(rec.keys())
    if keys != TOP_LEVEL_ORDER:
        problems.append(f"{where}: top-level keys out of order: {keys}")
    ranking = rec.get("ranking", [])
    for i, r in enumerate(ranking):
        total = sum(c["points"] for c in r["contributions"])
        if r["score"] != total:
            problems.append(f"{where}: {r['technique']}: score {r['score']} != sum of contributions {total}")
        # equal scores share a rank (1, 1, 3): a tie is shown as a tie
        expected = ranking[i - 1]["rank"] if i > 0 and ranking[i - 1]["score"] == r["score"] else i + 1
        if r["rank"] != expected:
            problems.append(f"{where}: {r['technique']}: rank {r['rank']}, expected {expected}")
    order = [(-r["score"], r["technique"]) for r in ranking]
    if order != sorted(order):
        problems.append(f"{where}: ranking not ordered by score, then technique id: "
                        + ", ".join(f"{r['technique']} {r['score']}" for r in ranking))
    ranked, excluded = {r["technique"] for r in ranking}, {e["technique"] for e in rec.get("excluded", [])}
    if ranked & excluded:
        problems.append(f"{where}: techniques both ranked and excluded: {sorted(ranked & excluded)}")
    return problems


class Checker:
    def __init__(self, binary, rules, validator):
        self.binary, self.rules, self.validator = binary, rules, validator
        self.passed = self.failed = 0

    def report(self, name, problems):
        if problems:
            self.failed += 1
            print(f"FAIL {name}")
            for p in problems:
                print(f"     - {p}")
        else:
            self.passed += 1
            print(f"ok   {name}")

    def check(self, name, args, rules=None, expect_status=None, expect_warnings=(), expect_rule_error=None,
              forbid_status=None):
        rules = rules or self.rules
        problems = []
        first = run(self.binary, [*args, "--rules", str(rules)])
        try:
            data = json.loads(first.stdout)
        except json.JSONDecodeError as e:
            stderr = first.stderr.strip().splitlines()
            self.report(name, [f"exit {first.returncode}, output is not JSON ({e}); stderr: "
                               + (stderr[0] if stderr else "(empty)")])
            return
        recs = data if isinstance(data, list) else [data]
        whole, single = self.validator
        if not whole.is_valid(data):
            detailed = []
            for i, rec in enumerate(recs):
                prefix = f"{i}/" if isinstance(data, list) else ""
                for error in sorted(single.iter_errors(rec), key=lambda e: list(e.absolute_path)):
                    error = most_specific(error)
                    path = prefix + "/".join(str(p) for p in error.absolute_path)
                    detailed.append(f"schema: at {path or '(root)'}: {error.message[:200]}")
            problems += detailed or [f"schema: {most_specific(e).message[:200]}" for e in whole.iter_errors(data)]
        for i, rec in enumerate(recs):
            if isinstance(rec, dict):
                problems += check_recommendation(rec, f"profile {i + 1}" if len(recs) > 1 else "output")
        statuses = [r.get("status") for r in recs if isinstance(r, dict)]
        want_rc = 1 if "failed_closed" in statuses else 0
        if first.returncode != want_rc:
            problems.append(f"exit code {first.returncode}, expected {want_rc} for status {statuses}")
        second = run(self.binary, [*args, "--rules", str(rules)])
        if second.stdout != first.stdout:
            problems.append("a second run gave different output (not deterministic)")
        if expect_status and statuses != [expect_status]:
            problems.append(f"expected status {expect_status}, got {statuses}")
        if forbid_status and forbid_status in statuses:
            problems.append(f"status must not be {forbid_status}")
        codes = {w["code"] for r in recs if isinstance(r, dict) for w in r.get("warnings", [])}
        for code in expect_warnings:
            if code not in codes:
                problems.append(f"expected a warning '{code}', got {sorted(codes)}")
        if expect_rule_error:
            failed = [e.get("rule") for r in recs if isinstance(r, dict) for e in r.get("errors", [])]
            if expect_rule_error not in failed:
                problems.append(f"expected rule '{expect_rule_error}' in errors, got {failed}")
        self.report(name, problems)


def main():
    if len(sys.argv) not in (2, 3):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        sys.exit(2)
    binary = str(Path(sys.argv[1]).resolve())
    rules = Path(sys.argv[2]).resolve() if len(sys.argv) == 3 else ROOT / "rules"
    if not Path(binary).is_file():
        print(f"check-output-schema: no rubric binary at {binary}", file=sys.stderr)
        sys.exit(2)
    checker = Checker(binary, rules, load_validator())

    profiles = sorted(p for p in PROFILES.rglob("*") if p.is_file() and p.suffix in (".yaml", ".yml", ".json"))
    if not profiles:
        print(f"check-output-schema: no profiles under {PROFILES}", file=sys.stderr)
        sys.exit(2)
    for path in profiles:
        rel = path.relative_to(ROOT)
        status, warnings = header_expectations(path)
        checker.check(str(rel), [str(rel)], expect_status=status, expect_warnings=warnings)

    top = [str(p.relative_to(ROOT)) for p in profiles if p.parent == PROFILES][:3]
    if len(top) >= 2:
        checker.check(f"several profiles at once ({len(top)}): array form", top)

    # Synthetic rule sets: the same rules plus one failing rule.
    sample = str((PROFILES / "c-0412.yaml").relative_to(ROOT)) if (PROFILES / "c-0412.yaml").exists() \
        else str(profiles[0].relative_to(ROOT))
    for name, source, status, forbidden, rule_id in [
        ("failing safety rule: fails closed", FAILING_SAFETY_RULE, "failed_closed", None,
         "schema_check.failing_safety"),
        ("failing indication rule: recorded, not failed closed", FAILING_INDICATION_RULE, None, "failed_closed",
         "schema_check.failing_indication"),
    ]:
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "rules"
            shutil.copytree(rules, copy, ignore=shutil.ignore_patterns("tests", ".*"))
            (copy / "zz_schema_check.lua").write_text(source, encoding="utf-8")
            checker.check(f"{sample} with a {name}", [sample], rules=copy, expect_status=status,
                          forbid_status=forbidden, expect_rule_error=rule_id)

    print(f"{checker.passed} passed, {checker.failed} failed")
    sys.exit(1 if checker.failed else 0)


if __name__ == "__main__":
    main()
