#!/usr/bin/env python3
"""Validates every example profile (examples/profiles/**) against docs/profile.schema.json,
and checks that the schema rejects a few bad profiles. Prints `N passed, M failed`."""
import json
from pathlib import Path

import jsonschema
import yaml

ROOT = Path(__file__).resolve().parent.parent
schema = json.loads((ROOT / "docs" / "profile.schema.json").read_text())
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
passed = failed = 0
DELIBERATELY_INVALID = {"edge/codes-and-terms.json", "edge/typo-condition.yaml"}


def check(ok, what):
    global passed, failed
    print(("ok   " if ok else "FAIL ") + what)
    passed, failed = passed + ok, failed + (not ok)


for path in sorted((ROOT / "examples" / "profiles").rglob("*")):
    if path.suffix not in (".yaml", ".json"):
        continue
    doc = json.loads(path.read_text()) if path.suffix == ".json" else yaml.safe_load(path.read_text())
    errors = list(validator.iter_errors(doc or {}))
    # these edge profiles are deliberately wrong: the engine reads them with warnings, the schema rejects them
    expect_valid = str(path.relative_to(ROOT / "examples" / "profiles")) not in DELIBERATELY_INVALID
    check((not errors) == expect_valid, f"{path.relative_to(ROOT)} {'validates' if expect_valid else 'is rejected'}"
          + ("" if (not errors) == expect_valid else f": {errors[0].message if errors else 'no error'}"))

for bad, why in [({"client": {"age": 131}}, "an impossible age"), ({"flgs": []}, "an unknown field"),
                 ({"conditions": [{"side": "left"}]}, "a condition with neither name nor code"),
                 ({"preferences": {"pressure": "hard"}}, "an unknown pressure")]:
    check(bool(list(validator.iter_errors(bad))), f"the schema rejects {why}")
print(f"{passed} passed, {failed} failed")
raise SystemExit(1 if failed else 0)
