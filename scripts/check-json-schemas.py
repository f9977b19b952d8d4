#!/usr/bin/env python3
"""Validates every JSON output of the CLI except `recommend` against its schema in docs/schemas/.

Usage: scripts/check-json-schemas.py RUBRIC_BINARY

(`rubric recommend` has its own, deeper check: scripts/check-output-schema.py.) Builds the rule
copies it needs in a temporary folder (removed afterwards): one rule's points changed (twice:
scores only, and a reordering), a failing safety rule, a broken plugin set, and a failing test
case. Then it runs:

- `explain --format json`, with and without `--versus`: every example profile, an excluded
  technique, a technique given by name, a failing safety rule (docs/schemas/explanation.schema.json);
- `diff --format json`: no change, a score change, a reordering, a rule set that fails closed, a
  JSONL profile file (docs/schemas/diff.schema.json);
- `rules check --format json`: the shipped rules, a broken copy, no test cases (check.schema.json);
- `rules list --format json` (rules.schema.json);
- `test --format json`: the shipped rules, with `--coverage`, and a copy with a failing case
  (test-report.schema.json);
- `batch`: a JSONL file with malformed lines and lines that are not objects, a folder with bad
  files, stdin; recommendation lines against docs/recommendation.schema.json, error records
  against batch-error.schema.json;
- `generate --count 3 --seed 1`: each line against docs/profile.schema.json;
- the decision log (`batch --decision-log sqlite:… --log-inputs` over the example profiles):
  `log list --format json` lines and `log show ID` (decision.schema.json), `log replay --format
  json` with a rule whose points changed (replay.schema.json).

For each output it checks that it validates (draft 2020-12), that the top-level keys come in the
schema's order, the exit code, a few invariants JSON Schema cannot express (counts, sums), and that
a second run gives byte-identical output. Prints one line per check and a last line
`N passed, M failed`; exits 1 if any check failed, 2 on a usage problem.
"""
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SCHEMA_FILES = {
    "recommendation": DOCS / "recommendation.schema.json",
    "profile": DOCS / "profile.schema.json",
    "explanation": DOCS / "schemas" / "explanation.schema.json",
    "diff": DOCS / "schemas" / "diff.schema.json",
    "check": DOCS / "schemas" / "check.schema.json",
    "rules": DOCS / "schemas" / "rules.schema.json",
    "test-report": DOCS / "schemas" / "test-report.schema.json",
    "batch-error": DOCS / "schemas" / "batch-error.schema.json",
    "batch-ids": DOCS / "schemas" / "batch-ids.schema.json",
    "batch-rules": DOCS / "schemas" / "batch-rules.schema.json",
    "decision": DOCS / "schemas" / "decision.schema.json",
    "replay": DOCS / "schemas" / "replay.schema.json",
}
PROFILES = ROOT / "examples" / "profiles"
SAMPLE = "examples/profiles/c-0412.yaml"

FAILING_SAFETY_RULE = """
rule {
  id = "schema_check.failing_safety",
  title = "A caution rule that always fails (schema check)",
  kind = "caution",
  grade = "practice",
  evidence = { "NCCIH" },
  apply = function(client)
    local x = client.agee
  end,
}
"""

# A broken plugin set: a syntax error, unknown terms, an unknown client field, a rule that fails
# while the test cases run, and a plugin that declares no rule.
BROKEN_PLUGINS = {
    "zz_schema_syntax.lua": 'rule {\n  id = "schema_check.syntax",\n  title = "no comma"\n  kind = "caution",\n}\n',
    "zz_schema_terms.lua": """
rule {
  id = "schema_check.terms",
  title = "Unknown terms (schema check)",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if client:has_condition("sciatika") then
      points("deep_tisue", 1, "a typo")
    end
    local a = client.agee
  end,
}
""",
    "zz_schema_empty.lua": "local unused = 1\n",
}
BROKEN_CODES = ["syntax-error", "unknown-term", "unknown-client-field", "rule-error", "no-rules"]

FAILING_CASE = """cases:
  - name: schema check, a case that fails
    profile:
      client: {age: 50}
      preferences: {pressure: light}
    expect:
      status: referral
      top: deep_tissue
"""
UNFIRED_RULE = """
rule {
  id = "schema_check.unfired",
  title = "A rule no case fires (schema check)",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if client.age == 999 then points("swedish", 1, "never") end
  end,
}
"""

# JSONL input for `batch`: (line text, "rec" | "error" | None for either). None is for input
# whose handling is not pinned down here (a bare `null` is read as an empty profile today).
BATCH_LINES = [
    ('{"client": {"id": "ok-1", "age": 40}, "conditions": ["low back pain"]}', "rec"),
    ('{"client": {"age": 40}, "conditions": [', "error"),         # malformed JSON
    ("[1, 2, 3]", "error"),                                       # not an object
    ('"just a string"', "error"),
    ("42", "error"),
    ("null", None),
    ("", "skip"),                                                 # blank: no output line
    ('{"client": {"age": "forty"}}', "error"),                    # a value of the wrong type
    ('{"client": {"age": 40}, "bogus_field": 1}', "rec"),         # unknown field: a warning
    ("{}", "rec"),
]
BATCH_FOLDER = {
    "good.yaml": (PROFILES / "c-0101.yaml").read_text(encoding="utf-8") if (PROFILES / "c-0101.yaml").exists()
    else "client:\n  age: 40\n",
    "broken.yaml": "client:\n  age: [1\n",
    "list.yaml": "- a\n- b\n",
    "bad.json": '{"client": {"age": 40}\n',
    "age.yaml": "client:\n  age: forty\n",
}


def load_validators():
    try:
        import jsonschema
        from referencing import Registry, Resource
    except ImportError:
        print("check-json-schemas: python3 modules 'jsonschema' (>= 4.18) and 'referencing' are needed "
              "(pip install jsonschema)", file=sys.stderr)
        sys.exit(2)
    schemas = {}
    for name, path in SCHEMA_FILES.items():
        schema = json.loads(path.read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        schemas[name] = schema
    # the schemas refer to each other by $id (e.g. explanation -> recommendation-2.json#/$defs/finding)
    registry = Registry().with_resources(
        (s["$id"], Resource.from_contents(s)) for s in schemas.values())
    validators = {name: jsonschema.Draft202012Validator(s, registry=registry) for name, s in schemas.items()}
    # one recommendation on its own (a batch line), not the one-or-array root
    single = {k: v for k, v in schemas["recommendation"].items() if k != "oneOf"}
    single["$ref"] = "#/$defs/recommendation"
    validators["recommendation-line"] = jsonschema.Draft202012Validator(single, registry=registry)
    return schemas, validators


def most_specific(error):
    """For a oneOf/anyOf failure, the sub-error that explains it best."""
    from jsonschema.exceptions import best_match
    while error.context:
        error = best_match(error.context)
    return error


def schema_problems(validator, data, prefix=""):
    out = []
    for error in sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]):
        error = most_specific(error)
        path = "/".join(str(p) for p in error.absolute_path)
        out.append(f"schema: at {prefix}{path or '(root)'}: {error.message[:200]}")
    return out


def key_order_problems(schema, data, where="output"):
    """The keys present come in the order the schema lists them (the output order)."""
    props = schema.get("properties")
    if props is None:  # a oneOf of object shapes: take the first that lists every key
        for branch in schema.get("oneOf", []):
            if set(data) <= set(branch.get("properties", {})):
                props = branch["properties"]
                break
    if not isinstance(data, dict) or props is None:
        return []
    expected = [k for k in props if k in data]
    keys = list(data)
    return [] if keys == expected else [f"{where}: keys out of order: {keys}, expected {expected}"]


class Checker:
    def __init__(self, binary, schemas, validators):
        self.binary, self.schemas, self.validators = binary, schemas, validators
        self.passed = self.failed = 0

    def report(self, name, problems):
        if problems:
            self.failed += 1
            print(f"FAIL {name}")
            for p in problems[:20]:
                print(f"     - {p}")
            if len(problems) > 20:
                print(f"     - … and {len(problems) - 20} more")
        else:
            self.passed += 1
            print(f"ok   {name}")

    def run(self, args, stdin=None):
        return subprocess.run([self.binary, *args], cwd=ROOT, input=stdin, capture_output=True, timeout=300)

    def run_twice(self, args, stdin=None):
        """Runs the command twice: (first result, problems)."""
        first = self.run(args, stdin)
        second = self.run(args, stdin)
        problems = []
        if second.stdout != first.stdout:
            problems.append("a second run gave different output (not deterministic)")
        if second.returncode != first.returncode:
            problems.append(f"a second run gave exit {second.returncode}, the first {first.returncode}")
        return first, problems

    @staticmethod
    def stderr_head(result):
        lines = result.stderr.decode("utf-8", "replace").strip().splitlines()
        return lines[0] if lines else "(empty)"

    def check_document(self, name, args, kind, expect_rc=0, invariants=None, stdin=None):
        """One JSON document on stdout, validated against schema `kind`. Returns it (or None)."""
        result, problems = self.run_twice(args, stdin)
        try:
            data = json.loads(result.stdout)
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            self.report(name, [f"exit {result.returncode}, output is not JSON ({e}); stderr: {self.stderr_head(result)}"])
            return None
        problems += schema_problems(self.validators[kind], data)
        problems += key_order_problems(self.schemas[kind], data)
        if result.returncode != expect_rc:
            problems.append(f"exit code {result.returncode}, expected {expect_rc}; stderr: {self.stderr_head(result)}")
        if invariants and isinstance(data, dict):
            try:
                problems += invariants(data)
            except (KeyError, TypeError, IndexError) as e:  # the schema problems above already say why
                problems.append(f"invariants could not be checked: {type(e).__name__}: {e}")
        self.report(name, problems)
        return data

    def check_lines(self, name, args, classify, expect_rc=0, invariants=None, stdin=None):
        """JSONL on stdout: each line validated against the schema `classify(record)` names."""
        result, problems = self.run_twice(args, stdin)
        records = []
        for i, line in enumerate(result.stdout.decode("utf-8", "replace").splitlines(), 1):
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                problems.append(f"output line {i} is not JSON ({e})")
                continue
            records.append(record)
            kind = classify(record)
            if kind is None:
                problems.append(f"output line {i}: not a known record: {line[:120]}")
                continue
            problems += schema_problems(self.validators[kind], record, prefix=f"line {i}/")
            schema = self.schemas["recommendation"]["$defs"]["recommendation"] if kind == "recommendation-line" \
                else self.schemas[kind]
            problems += key_order_problems(schema, record, where=f"line {i}")
        if not result.stdout.endswith(b"\n") and result.stdout:
            problems.append("the output does not end with a newline")
        if result.returncode != expect_rc:
            problems.append(f"exit code {result.returncode}, expected {expect_rc}; stderr: {self.stderr_head(result)}")
        if invariants:
            try:
                problems += invariants(records)
            except (KeyError, TypeError, IndexError) as e:
                problems.append(f"invariants could not be checked: {type(e).__name__}: {e}")
        self.report(name, problems)
        return records


# Invariants JSON Schema cannot express, one function per output. Each returns a list of problems.

def explanation_invariants(d):
    problems = []
    total = 0
    for c in d["contributions"]:
        total += c["points"]
        if c["running_total"] != total:
            problems.append(f"{c['rule']}: running_total {c['running_total']}, expected {total}")
    if d["score"] is not None and total != d["score"]:
        problems.append(f"score {d['score']} != sum of contributions {total}")
    sep = d.get("versus", {}).get("separating", [])
    for s in sep:
        if s["difference"] != s["points"] - s["versus_points"]:
            problems.append(f"separating {s['rule']}: difference {s['difference']} != points - versus_points")
    order = [(-abs(s["difference"]), s["rule"]) for s in sep]
    if order != sorted(order):
        problems.append("separating is not ordered by the size of the difference, then rule id")
    return problems


def diff_invariants(d):
    problems = []
    s, changes = d["summary"], d["profiles"]
    if len(changes) > s["profiles"]:
        problems.append(f"{len(changes)} changed profiles listed, but summary.profiles is {s['profiles']}")
    if s["ranking_changed"] != sum(c["ranking_changed"] for c in changes):
        problems.append("summary.ranking_changed does not count the profiles with ranking_changed")
    if s["scores_changed_only"] != sum(not c["ranking_changed"] for c in changes):
        problems.append("summary.scores_changed_only does not count the listed profiles without ranking_changed")
    if s["top1_changed"] != sum(c["ranking"]["from"][:1] != c["ranking"]["to"][:1] for c in changes):
        problems.append("summary.top1_changed does not match the listed rankings")
    if s["top3_changed"] != sum(c["ranking"]["from"][:3] != c["ranking"]["to"][:3] for c in changes):
        problems.append("summary.top3_changed does not match the listed rankings")
    for c in changes:
        changed = c["ranking"]["from"] != c["ranking"]["to"] or c["status"]["from"] != c["status"]["to"]
        if c["ranking_changed"] != changed:
            problems.append(f"{c['source']}: ranking_changed is {c['ranking_changed']}, but ranking/status "
                            + ("changed" if changed else "did not change"))
        for m in c["moves"]:
            delta = sum(r["delta"] for r in m["rules"])
            want = (m["score_to"] or 0) - (m["score_from"] or 0)
            if delta != want:
                problems.append(f"{c['source']}: {m['technique']}: deltas add up to {delta}, scores moved by {want}")
    return problems


def check_invariants(d):
    errors = sum(x["severity"] == "error" for x in d["diagnostics"])
    warnings = len(d["diagnostics"]) - errors
    problems = []
    if (d["errors"], d["warnings"]) != (errors, warnings):
        problems.append(f"errors/warnings {d['errors']}/{d['warnings']}, but the diagnostics have {errors}/{warnings}")
    return problems


def rules_invariants(d):
    ids = [r["id"] for r in d["rules"]]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    return [f"duplicate rule ids: {dupes}"] if dupes else ([] if ids else ["no rules listed"])


def test_invariants(d):
    problems = []
    passed = sum(c["passed"] for c in d["cases"])
    if (d["passed"], d["failed"]) != (passed, len(d["cases"]) - passed):
        problems.append(f"passed/failed {d['passed']}/{d['failed']}, but the cases say {passed}/{len(d['cases']) - passed}")
    cov = d["coverage"]
    if cov is not None:
        lines = sum(len(r["lines"]) for r in cov["rules"])
        covered = lines - sum(len(r["uncovered"]) for r in cov["rules"])
        if (cov["lines"], cov["covered"]) != (lines, covered):
            problems.append(f"coverage lines/covered {cov['lines']}/{cov['covered']}, the rules add up to {lines}/{covered}")
    return problems


def expect(condition, message):
    return [] if condition else [message]


def batch_classify(record):
    return {"rubric.recommendation/2": "recommendation-line", "rubric.batch-error/1": "batch-error",
            "rubric.batch-ids/1": "batch-ids", "rubric.batch-rules/1": "batch-rules"}.get(
        record.get("schema") if isinstance(record, dict) else None)


def compact_invariants(full_records, records):
    """--detail ids: the rules table first, then one compact record per input line, each with the
    same status, ranking and scores as the full record of that line; scores are the pair sums."""
    problems = []
    if not records or records[0].get("schema") != "rubric.batch-rules/1":
        return ["the first line is not the rules table"]
    known = {r["id"] for r in records[0]["rules"]}
    rest = records[1:]
    if len(rest) != len(full_records):
        return [f"{len(rest)} compact lines for {len(full_records)} full ones"]
    for i, (c, f) in enumerate(zip(rest, full_records), 1):
        if c.get("schema") == "rubric.batch-error/1" or f.get("schema") == "rubric.batch-error/1":
            if c != f:
                problems.append(f"line {i}: error records differ")
            continue
        if c["status"] != f["status"]:
            problems.append(f"line {i}: status {c['status']} vs {f['status']}")
        full_ranking = [(r["technique"], r["score"], [[x["rule"], x["points"]] for x in r["contributions"]]) for r in f["ranking"]]
        compact_ranking = [(r["technique"], r["score"], r["contributions"]) for r in c["ranking"]]
        if full_ranking != compact_ranking:
            problems.append(f"line {i}: the ranking differs from the full record's")
        for r in c["ranking"]:
            if r["score"] != sum(p for _, p in r["contributions"]):
                problems.append(f"line {i}: {r['technique']} score is not the sum of its pairs")
            problems += [f"line {i}: rule {rule} is not in the rules table" for rule, _ in r["contributions"] if rule not in known]
    return problems


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        sys.exit(2)
    binary = str(Path(sys.argv[1]).resolve())
    if not Path(binary).is_file():
        print(f"check-json-schemas: no rubric binary at {binary}", file=sys.stderr)
        sys.exit(2)
    schemas, validators = load_validators()
    checker = Checker(binary, schemas, validators)
    rules = "rules"

    with tempfile.TemporaryDirectory(prefix="rubric-schemas-") as tmp:
        tmp = Path(tmp)
        # Test cases name example profiles as ../../examples/...: a copy at tmp/NAME finds them at tmp/examples.
        shutil.copytree(ROOT / "examples", tmp / "examples")

        def copy(name, tests=True):
            dest = tmp / name
            shutil.copytree(ROOT / rules, dest, ignore=shutil.ignore_patterns(".*", *([] if tests else ["tests"])))
            return dest

        def change_points(dest, plugin, technique, delta):
            """Adds `delta` to the first literal points("technique", N, …) in the plugin; False if none."""
            path = dest / plugin
            text = path.read_text(encoding="utf-8")
            pattern = re.compile(r'points\("' + re.escape(technique) + r'",\s*(-?\d+)')
            m = pattern.search(text)
            if not m:
                return False
            new = f'points("{technique}", {int(m.group(1)) + delta}'
            path.write_text(text[:m.start()] + new + text[m.end():], encoding="utf-8")
            return True

        # --- explain -------------------------------------------------------------------------
        profiles = sorted(p for p in PROFILES.rglob("*") if p.is_file() and p.suffix in (".yaml", ".yml", ".json"))
        kind = "explanation"
        checker.check_document(f"explain {SAMPLE} swedish", ["explain", SAMPLE, "swedish", "--format", "json"],
                               kind, invariants=lambda d: explanation_invariants(d) + expect(
                                   "versus" not in d, "versus present without --versus"))
        checker.check_document(f"explain {SAMPLE} swedish --versus myofascial_release",
                               ["explain", SAMPLE, "swedish", "--versus", "myofascial_release", "--format", "json"],
                               kind, invariants=lambda d: explanation_invariants(d) + expect(
                                   d["versus"]["separating"], "nothing separates the two techniques"))
        checker.check_document(f"explain {SAMPLE} deep_tissue --versus swedish (excluded: uncounted points)",
                               ["explain", SAMPLE, "deep_tissue", "--versus", "swedish", "--format", "json"],
                               kind, invariants=lambda d: explanation_invariants(d) + expect(
                                   d["excluded"] and d["score"] is None, "deep_tissue should be excluded"))
        for path in profiles:
            rel = str(path.relative_to(ROOT))
            checker.check_document(f"explain {rel} \"deep tissue\" --versus swedish",
                                   ["explain", rel, "deep tissue", "--versus", "swedish", "--format", "json"],
                                   kind, invariants=lambda d: explanation_invariants(d) + expect(
                                       d["technique"] == "deep_tissue", "the name 'deep tissue' did not resolve"))
        failing = copy("rules-failing-safety", tests=False)
        (failing / "zz_schema_check.lua").write_text(FAILING_SAFETY_RULE, encoding="utf-8")
        checker.check_document(f"explain {SAMPLE} swedish --versus deep_tissue with a failing safety rule",
                               ["explain", SAMPLE, "swedish", "--versus", "deep_tissue", "--rules", str(failing),
                                "--format", "json"],
                               kind, expect_rc=1, invariants=lambda d: expect(
                                   d["status"] == "failed_closed", f"status {d['status']}, expected failed_closed"))

        # --- diff ----------------------------------------------------------------------------
        kind = "diff"
        diff = ["diff", "--format", "json", "--from", rules]
        checker.check_document("diff: no change (same rules)", [*diff, "--to", rules, "--profiles", "examples/profiles"],
                               kind, invariants=lambda d: diff_invariants(d) + expect(
                                   d["profiles"] == [] and d["from"]["hash"] == d["to"]["hash"],
                                   "the same rules gave a non-empty diff"))
        scores = copy("rules-scores", tests=False)
        if change_points(scores, "stenosis.lua", "swedish", 3):
            checker.check_document("diff: one rule's points raised (scores change, same order)",
                                   [*diff, "--to", str(scores), "--profiles", "examples/profiles"],
                                   kind, invariants=lambda d: diff_invariants(d) + expect(
                                       d["profiles"] and d["summary"]["scores_changed_only"] > 0,
                                       "expected profiles whose scores changed"))
        else:
            checker.report("diff: one rule's points raised", ['no points("swedish", N, …) in rules/stenosis.lua to change'])
        reorder = copy("rules-reorder", tests=False)
        if change_points(reorder, "stenosis.lua", "myofascial_release", 8):
            checker.check_document("diff: one rule's points raised (ranking changes)",
                                   [*diff, "--to", str(reorder), "--profiles", "examples/profiles"],
                                   kind, invariants=lambda d: diff_invariants(d) + expect(
                                       d["summary"]["ranking_changed"] > 0, "expected a ranking change"))
            generated = tmp / "generated.jsonl"
            generated.write_bytes(checker.run(["generate", "--count", "50", "--seed", "3"]).stdout)
            checker.check_document("diff: one rule's points raised, over JSONL profiles",
                                   [*diff, "--to", str(reorder), "--profiles", str(generated)],
                                   kind, invariants=lambda d: diff_invariants(d) + expect(
                                       d["summary"]["profiles"] == 50, "expected 50 profiles read"))
        else:
            checker.report("diff: one rule's points raised (ranking changes)",
                           ['no points("myofascial_release", N, …) in rules/stenosis.lua to change'])
        checker.check_document("diff: to a rule set that fails closed",
                               [*diff, "--to", str(failing), "--profiles", "examples/profiles"],
                               kind, invariants=lambda d: diff_invariants(d) + expect(
                                   any(c["status"]["to"] == "failed_closed" for c in d["profiles"]),
                                   "expected profiles that fail closed"))

        # --- rules check / rules list ----------------------------------------------------------
        kind = "check"
        checker.check_document("rules check (shipped rules)", ["rules", "check", "--format", "json"], kind,
                               invariants=lambda d: check_invariants(d) + expect(d["errors"] == 0, "the shipped rules have errors"))
        broken = copy("rules-broken")
        for file, text in BROKEN_PLUGINS.items():
            (broken / file).write_text(text, encoding="utf-8")
        checker.check_document("rules check (a copy with broken plugins)",
                               ["rules", "check", "--rules", str(broken), "--format", "json"], kind, expect_rc=1,
                               invariants=lambda d: check_invariants(d) + [
                                   f"expected a '{c}' diagnostic" for c in BROKEN_CODES
                                   if c not in {x["code"] for x in d["diagnostics"]}])
        empty_tests = tmp / "no-tests"
        empty_tests.mkdir()
        checker.check_document("rules check --tests (an empty folder)",
                               ["rules", "check", "--tests", str(empty_tests), "--format", "json"], kind,
                               invariants=lambda d: check_invariants(d) + expect(
                                   "no-tests" in {x["code"] for x in d["diagnostics"]}, "expected a 'no-tests' warning"))
        checker.check_document("rules list", ["rules", "list", "--format", "json"], "rules", invariants=rules_invariants)

        # --- test ----------------------------------------------------------------------------
        kind = "test-report"
        checker.check_document("test (shipped rules)", ["test", "--format", "json"], kind,
                               invariants=lambda d: test_invariants(d) + expect(
                                   d["failed"] == 0 and d["coverage"] is None, "expected every case to pass, no coverage"))
        checker.check_document("test --coverage (shipped rules)", ["test", "--coverage", "--format", "json"], kind,
                               invariants=lambda d: test_invariants(d) + expect(d["coverage"] is not None, "no coverage"))
        failing_tests = copy("rules-failing-test")
        (failing_tests / "tests" / "zz_schema_check.yaml").write_text(FAILING_CASE, encoding="utf-8")
        (failing_tests / "zz_schema_unfired.lua").write_text(UNFIRED_RULE, encoding="utf-8")
        checker.check_document("test (a copy with a failing case and an unfired rule)",
                               ["test", "--rules", str(failing_tests), "--format", "json"], kind, expect_rc=1,
                               invariants=lambda d: test_invariants(d) + expect(
                                   d["failed"] >= 1 and d["unexercised_rules"], "expected a failing case and an unfired rule"))

        # --- batch ---------------------------------------------------------------------------
        jsonl = tmp / "batch.jsonl"
        jsonl.write_bytes(("\n".join(line for line, _ in BATCH_LINES) + "\n").encode("utf-8")
                          + b'\xff\xfe{"a": 1}\n')
        wanted = [(i, k) for i, (_, k) in enumerate(BATCH_LINES, 1) if k != "skip"] + [(len(BATCH_LINES) + 1, "error")]

        def batch_invariants(records):
            problems = []
            if len(records) != len(wanted):
                return [f"{len(records)} output lines for {len(wanted)} non-blank input lines"]
            for record, (line, want) in zip(records, wanted):
                source = record.get("source") or record.get("profile", {}).get("source", "")
                if not source.endswith(f":{line}"):
                    problems.append(f"input line {line}: output source {source!r} (out of input order?)")
                got = "error" if record.get("schema") == "rubric.batch-error/1" else "rec"
                if want is not None and got != want:
                    problems.append(f"input line {line}: a {'recommendation' if got == 'rec' else 'error record'}, "
                                    f"expected {'a recommendation' if want == 'rec' else 'an error record'}")
            return problems

        batch_input = str(jsonl)
        checker.check_lines("batch: a JSONL file with malformed lines and lines that are not objects",
                            ["batch", batch_input, "--workers", "2"], batch_classify, expect_rc=1,
                            invariants=batch_invariants)
        full = [json.loads(l) for l in checker.run(["batch", batch_input, "--workers", "2"]).stdout.decode().splitlines()]
        checker.check_lines("batch --detail ids: the rules table, then one compact record a line, as the full ones",
                            ["batch", batch_input, "--workers", "2", "--detail", "ids"], batch_classify, expect_rc=1,
                            invariants=lambda records: compact_invariants(full, records))
        one = checker.run(["batch", batch_input, "--workers", "1"]).stdout
        four = checker.run(["batch", batch_input, "--workers", "4"]).stdout
        checker.report("batch: --workers 1 and --workers 4 give byte-identical output",
                       expect(one == four, "the output depends on the number of workers")
                       + expect(one.count(b"\n") == len(wanted), "no output, or not one line per input line"))
        folder = tmp / "batch-folder"
        folder.mkdir()
        for name, text in BATCH_FOLDER.items():
            (folder / name).write_text(text, encoding="utf-8")
        checker.check_lines("batch: a folder with unreadable profiles", ["batch", str(folder)], batch_classify,
                            expect_rc=1, invariants=lambda rs: expect(
                                [r.get("schema") == "rubric.batch-error/1" for r in rs].count(True) == len(BATCH_FOLDER) - 1,
                                f"expected {len(BATCH_FOLDER) - 1} error records"))
        checker.check_lines("batch: stdin", ["batch", "-"], batch_classify, expect_rc=1,
                            stdin=b'{"client": {"age": 30}}\n[1]\n',
                            invariants=lambda rs: expect(
                                [batch_classify(r) for r in rs] == ["recommendation-line", "batch-error"],
                                "expected a recommendation, then an error record"))

        # --- generate ------------------------------------------------------------------------
        checker.check_lines("generate --count 3 --seed 1 (lines are profiles)",
                                           ["generate", "--count", "3", "--seed", "1"], lambda r: "profile",
                                           invariants=lambda rs: expect(len(rs) == 3, f"{len(rs)} lines, expected 3"))
        gen = tmp / "generate.jsonl"
        gen.write_bytes(checker.run(["generate", "--count", "3", "--seed", "1"]).stdout)
        checker.check_lines("batch over generate's output: every line is a recommendation",
                            ["batch", str(gen)], batch_classify, expect_rc=0,
                            invariants=lambda rs: expect(
                                [batch_classify(r) for r in rs] == ["recommendation-line"] * 3,
                                "expected 3 recommendations for 3 generated profiles"))

        # --- the decision log --------------------------------------------------------------------
        log = "sqlite:" + str(tmp / "decisions.db")
        examples = sorted(p for p in PROFILES.iterdir() if p.suffix in (".yaml", ".json"))
        logged = tmp / "logged-profiles"
        logged.mkdir()
        for p in examples:
            shutil.copy(p, logged / p.name)
        made = checker.run(["batch", str(logged), "--decision-log", log, "--log-inputs", "-o", str(tmp / "logged.jsonl")])
        checker.report("batch --decision-log --log-inputs over the example profiles",
                       expect(made.returncode == 0, f"exit {made.returncode}: {checker.stderr_head(made)}"))
        listed = checker.check_lines("log list --format json", ["log", "list", "--decision-log", log, "--format", "json"],
                                     lambda r: "decision", invariants=lambda rs: expect(
                                         len(rs) == len(examples), f"{len(rs)} decisions for {len(examples)} profiles")
                                     + expect(all("result" not in r and "input" not in r for r in rs), "list carries results"))
        first = json.loads(checker.run(["log", "list", "--decision-log", log, "--format", "json"]).stdout.decode().splitlines()[0])
        checker.check_document("log show ID", ["log", "show", first["id"], "--decision-log", log], "decision",
                               invariants=lambda d: expect("result" in d and "input" in d and d["input_logged"],
                                                           "expected the result and the input"))
        replay_rules = copy("rules-replay")
        raised = change_points(replay_rules, "stenosis.lua", "swedish", 7)
        checker.check_document("log replay --format json (a rule's points raised)",
                               ["log", "replay", "--decision-log", log, "--rules", str(replay_rules), "--format", "json"], "replay",
                               invariants=lambda d: expect(raised, "no points(\"swedish\", N, …) in stenosis.lua to raise")
                               + expect(d["summary"]["replayed"] == len(examples), "not every decision was replayed")
                               + expect(d["summary"]["changed"] > 0, "raising a score changed no decision")
                               + expect(d["summary"]["changed"] == len(d["decisions"]), "changed is not the decisions listed"))

    print(f"{checker.passed} passed, {checker.failed} failed")
    sys.exit(1 if checker.failed else 0)


if __name__ == "__main__":
    main()
