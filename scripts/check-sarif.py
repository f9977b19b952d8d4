#!/usr/bin/env python3
"""Checks `rubric rules check` on a broken copy of rules/: a syntax error, an unknown
technique and a duplicate rule id are each reported with file:line, the exit code is 1,
and the SARIF output validates against the SARIF 2.1.0 constraints for every property
rubric emits (transcribed below from the OASIS schema, sarif-schema-2.1.0.json).

Usage: scripts/check-sarif.py RUBRIC_BINARY
Prints one line per check and a last line `N passed, M failed`.
"""
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import jsonschema

ROOT = Path(__file__).resolve().parent.parent

MESSAGE = {"type": "object", "additionalProperties": False, "required": ["text"],
           "properties": {"text": {"type": "string"}}}
SUBSET = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object", "additionalProperties": False, "required": ["version", "runs"],
    "properties": {
        "$schema": {"type": "string", "format": "uri"},
        "version": {"enum": ["2.1.0"]},
        "runs": {"type": "array", "items": {
            "type": "object", "additionalProperties": False, "required": ["tool"],
            "properties": {
                "tool": {"type": "object", "additionalProperties": False, "required": ["driver"], "properties": {
                    "driver": {"type": "object", "additionalProperties": False, "required": ["name"], "properties": {
                        "name": {"type": "string"},
                        "rules": {"type": "array", "uniqueItems": True, "items": {
                            "type": "object", "additionalProperties": False, "required": ["id"],
                            "properties": {"id": {"type": "string"}, "shortDescription": MESSAGE}}}}}}},
                "properties": {"type": "object"},
                "results": {"type": "array", "items": {
                    "type": "object", "additionalProperties": False, "required": ["message"],
                    "properties": {
                        "ruleId": {"type": "string"},
                        "ruleIndex": {"type": "integer", "minimum": -1},
                        "level": {"enum": ["none", "note", "warning", "error"]},
                        "message": MESSAGE,
                        "locations": {"type": "array", "items": {
                            "type": "object", "additionalProperties": False, "properties": {
                                "physicalLocation": {"type": "object", "additionalProperties": False, "properties": {
                                    "artifactLocation": {"type": "object", "additionalProperties": False, "properties": {
                                        "uri": {"type": "string", "format": "uri-reference"}}},
                                    "region": {"type": "object", "additionalProperties": False, "properties": {
                                        "startLine": {"type": "integer", "minimum": 1},
                                        "startColumn": {"type": "integer", "minimum": 1}}}}}}}}}}}}}}},
}

passed = failed = 0


def check(ok, what):
    global passed, failed
    print(("ok   " if ok else "FAIL ") + what)
    if ok:
        passed += 1
    else:
        failed += 1


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(2)
    rubric = str(Path(sys.argv[1]).resolve())
    tmp = Path(tempfile.mkdtemp())
    rules = tmp / "rules"
    shutil.copytree(ROOT / "rules", rules)
    # 1. a syntax error: drop the comma after a title
    sciatica = rules / "sciatica.lua"
    text = sciatica.read_text()
    title = re.search(r'^  title = "[^"]*",$', text, re.M)
    syntax_line = text[:title.start()].count("\n") + 1
    sciatica.write_text(text[:title.end() - 1] + text[title.end():])
    # 2. an unknown technique
    stenosis = rules / "stenosis.lua"
    text = stenosis.read_text()
    call = re.search(r'points\("swedish"', text)
    unknown_line = text[:call.start()].count("\n") + 1
    stenosis.write_text(text[:call.start()] + 'points("swedsh"' + text[call.end():])
    # 3. a duplicate id: the first rule of preferences.lua takes the id of the first rule of back_pain.lua
    first_id = re.search(r'id = "([^"]+)"', (rules / "back_pain.lua").read_text()).group(1)
    prefs = rules / "preferences.lua"
    text = prefs.read_text()
    dup = re.search(r'id = "([^"]+)"', text)
    prefs.write_text(text[:dup.start()] + f'id = "{first_id}"' + text[dup.end():])

    env = {"NO_COLOR": "1", "PATH": "/usr/bin:/bin"}
    out = subprocess.run([rubric, "rules", "check", "--rules", str(rules)], capture_output=True, text=True, env=env)
    check(out.returncode == 1, f"rules check exits 1 on a broken rule set (got {out.returncode})")
    check(f"{rules}/sciatica.lua:{syntax_line + 1}:" in out.stdout and "[syntax-error]" in out.stdout,
          "the syntax error is reported with file:line")
    check(f"{rules}/stenosis.lua:{unknown_line}:" in out.stdout and "unknown technique 'swedsh' (did you mean 'swedish'?)" in out.stdout,
          "the unknown technique is reported with file:line:column and a suggestion")
    check(re.search(rf"{re.escape(str(rules))}/preferences\.lua:\d+: error: rule\{{\}}: duplicate id '{re.escape(first_id)}'", out.stdout) is not None,
          "the duplicate id is reported with file:line")

    sarif = subprocess.run([rubric, "rules", "check", "--rules", str(rules), "--format", "sarif"],
                           capture_output=True, text=True, env=env)
    check(sarif.returncode == 1, "rules check --format sarif exits 1 too")
    for label, raw in [("broken rules", sarif.stdout),
                       ("shipped rules", subprocess.run([rubric, "rules", "check", "--rules", str(ROOT / "rules"), "--format", "sarif"],
                                                        capture_output=True, text=True, env=env).stdout)]:
        log = json.loads(raw)
        errors = sorted(jsonschema.Draft7Validator(SUBSET, format_checker=jsonschema.FormatChecker()).iter_errors(log),
                        key=lambda e: list(e.path))
        check(not errors, f"SARIF of the {label} validates as SARIF 2.1.0" +
              "".join(f"\n       {list(e.path)}: {e.message}" for e in errors))
        driver_rules = log["runs"][0]["tool"]["driver"]["rules"]
        check(all(driver_rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in log["runs"][0]["results"]),
              f"every result's ruleIndex points at its ruleId ({label})")
    levels = [r for r in json.loads(sarif.stdout)["runs"][0]["results"] if r["level"] == "error"]
    check(len(levels) >= 3, f"the three errors are SARIF results at level error ({len(levels)} found)")
    shutil.rmtree(tmp)
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


main()
