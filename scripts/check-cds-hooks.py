#!/usr/bin/env python3
"""Checks JSON documents against the CDS Hooks 2.0 schemas in docs/schemas/cds-hooks/.

Usage:
  scripts/check-cds-hooks.py
      Self-test. Checks each schema (draft 2020-12 metaschema, $id, title, description), then
      every example in docs/schemas/cds-hooks/examples/, named by this convention:
        SCHEMA-*.json           must be valid against SCHEMA.schema.json
        invalid-SCHEMA-*.json   must be invalid against SCHEMA.schema.json, and fail exactly as
                                examples/expected-errors.json says (JSON path, keyword and, where
                                given, a piece of the message of every top-level error), so it
                                cannot pass by failing for another reason
      where SCHEMA is discovery, request, response or feedback. Any other *.json file there
      (except expected-errors.json itself) is an error.
      Prints one line per check and a last line `N passed, M failed`.

  scripts/check-cds-hooks.py --schema NAME FILE...
      Validates each FILE (`-` reads standard input) against schema NAME: discovery, request,
      response or feedback, optionally with a JSON pointer into it to check a part, e.g.
      `response#/$defs/card` or `request#/$defs/patientViewContext`. Prints one line per file:
      `ok NAME FILE` or `FAIL NAME FILE: $.json.path: message (+N more errors)`.

Exit status: 0 if everything passed, 1 if any check or file failed, 2 on a usage problem or a
missing module. Needs the PyPI package `jsonschema` (>= 4.18, which brings `referencing`).
Format keywords are not asserted (no FormatChecker): the schemas express every check they make
with structural keywords and patterns, so results do not depend on optional format libraries.
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = ROOT / "docs" / "schemas" / "cds-hooks"
EXAMPLES = SCHEMA_DIR / "examples"
EXPECTED = EXAMPLES / "expected-errors.json"
NAMES = ("discovery", "request", "response", "feedback")
ID_BASE = "https://rubric.example/schemas/cds-hooks/"

try:
    import jsonschema
    from jsonschema.exceptions import best_match
    from referencing import Registry, Resource
except ImportError:
    print("check-cds-hooks: the python3 module 'jsonschema' (>= 4.18, with 'referencing') is "
          "needed: python3 -m pip install jsonschema", file=sys.stderr)
    sys.exit(2)

Validator = jsonschema.Draft202012Validator


def load_schemas():
    schemas = {name: json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
               for name in NAMES}
    registry = Registry().with_resources(
        (s["$id"], Resource.from_contents(s)) for s in schemas.values())
    return schemas, registry


def validator_for(spec, schemas, registry):
    """spec is NAME or NAME#/json/pointer."""
    name, _, pointer = spec.partition("#")
    if name not in schemas:
        raise ValueError(f"unknown schema {name!r} (one of: {', '.join(NAMES)})")
    schema = schemas[name]
    if pointer:
        schema = {"$ref": schema["$id"] + "#" + pointer}
        # Resolve now, so that a bad pointer is a usage error rather than a validation failure.
        try:
            registry.resolver().lookup(schema["$ref"])
        except Exception:
            raise ValueError(f"no {pointer!r} in {name}.schema.json")
    return Validator(schema, registry=registry)


def errors_of(validator, instance):
    return sorted(validator.iter_errors(instance), key=lambda e: (list(e.path), e.validator))


def describe(error):
    return f"{error.json_path}: {error.message}"


def matches(errors, wanted):
    """True if errors and wanted pair up one to one: same JSON path and keyword, and the error
    message contains the wanted 'message' text where one is given."""
    left = list(errors)
    for w in wanted:
        hit = next((e for e in left if e.json_path == w.get("path") and e.validator == w.get("keyword")
                    and w.get("message", "") in e.message), None)
        if hit is None:
            return False
        left.remove(hit)
    return not left


def read_json(path):
    text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    return json.loads(text)


def check_files(spec, files):
    schemas, registry = load_schemas()
    try:
        validator = validator_for(spec, schemas, registry)
    except ValueError as e:
        print(f"check-cds-hooks: {e}", file=sys.stderr)
        return 2
    failed = 0
    for path in files:
        try:
            instance = read_json(path)
        except OSError as e:
            failed += 1
            print(f"FAIL {spec} {path}: cannot read: {e.strerror or e}")
            continue
        except ValueError as e:
            failed += 1
            print(f"FAIL {spec} {path}: not JSON: {e}")
            continue
        errors = errors_of(validator, instance)
        if not errors:
            print(f"ok {spec} {path}")
            continue
        failed += 1
        more = f" (+{len(errors) - 1} more error{'s' if len(errors) > 2 else ''})" if len(errors) > 1 else ""
        print(f"FAIL {spec} {path}: {describe(best_match(errors))}{more}")
    return 1 if failed else 0


def self_test():
    passed = failed = 0

    def result(ok, text):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
        print(("PASS " if ok else "FAIL ") + text)

    # The schemas themselves.
    for name in NAMES:
        path = SCHEMA_DIR / f"{name}.schema.json"
        try:
            schema = json.loads(path.read_text(encoding="utf-8"))
            Validator.check_schema(schema)
            problems = []
            if schema.get("$schema") != "https://json-schema.org/draft/2020-12/schema":
                problems.append("$schema is not draft 2020-12")
            if schema.get("$id") != f"{ID_BASE}{name}.schema.json":
                problems.append(f"$id is not {ID_BASE}{name}.schema.json")
            if not schema.get("title") or not schema.get("description"):
                problems.append("title or description missing")
            result(not problems, f"schema {path.name}" + (": " + "; ".join(problems) if problems else ""))
        except (OSError, ValueError, jsonschema.SchemaError) as e:
            result(False, f"schema {path.name}: {e}")
    if failed:
        print(f"{passed} passed, {failed} failed")
        return 1

    schemas, registry = load_schemas()
    validators = {name: Validator(schemas[name], registry=registry) for name in NAMES}
    try:
        expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        result(False, f"{EXPECTED.name}: {e}")
        expected = {}

    seen_invalid = set()
    for path in sorted(EXAMPLES.glob("*.json")):
        file = path.name
        if path == EXPECTED:
            continue
        invalid = file.startswith("invalid-")
        stem = file[len("invalid-"):] if invalid else file
        name = next((n for n in NAMES if stem.startswith(n + "-")), None)
        if name is None:
            result(False, f"{file}: name follows neither SCHEMA-*.json nor invalid-SCHEMA-*.json "
                          f"(SCHEMA one of {', '.join(NAMES)})")
            continue
        try:
            instance = read_json(path)
        except (OSError, ValueError) as e:
            result(False, f"{file}: not readable JSON: {e}")
            continue
        errors = errors_of(validators[name], instance)
        if not invalid:
            result(not errors, f"valid   {name:9} {file}" + (f": {describe(best_match(errors))}" if errors else ""))
            continue
        seen_invalid.add(file)
        if not errors:
            result(False, f"invalid {name:9} {file}: unexpectedly valid")
            continue
        want = expected.get(file)
        got = sorted((e.json_path, e.validator) for e in errors)
        if want is None:
            result(False, f"invalid {name:9} {file}: fails ({describe(errors[0])}) but has no entry "
                          f"in {EXPECTED.name}; got {got}")
            continue
        if not matches(errors, want.get("errors", [])):
            result(False, f"invalid {name:9} {file}: expected errors {want.get('errors')}, got {got}: "
                          + "; ".join(describe(e) for e in errors))
            continue
        result(True, f"invalid {name:9} {file}: " + "; ".join(describe(e) for e in errors))
    for file in sorted(set(expected) - seen_invalid):
        result(False, f"{EXPECTED.name}: entry {file!r} names no invalid-*.json example")

    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


def main(argv):
    if not argv:
        return self_test()
    if argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    if argv[0] == "--schema" and len(argv) >= 3:
        return check_files(argv[1], argv[2:])
    print("usage: check-cds-hooks.py [--schema NAME[#/json/pointer] FILE...]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
