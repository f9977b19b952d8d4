#!/usr/bin/env python3
"""Builds the server's OpenAPI 3.1 document from its hand-written part and the output schemas.

  build-openapi.py          writes Sources/RubricServer/Web/openapi.json (embedded in the binary)
  build-openapi.py --check  exits 1 if that file is not what this would write

docs/openapi.base.json holds the paths and the server's own schemas; the profile, recommendation,
explanation and rules schemas are the files in docs/ that the command line's output is checked
against, brought in as components (their $defs hoisted as Name_def, their refs rewritten), so the
document cannot drift from them.
"""
import json, os, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Sources", "RubricServer", "Web", "openapi.json")
# component name, file, the name other files use for it in relative refs
SCHEMAS = [
    ("Profile", "docs/profile.schema.json", "profile-1.json"),
    ("Recommendation", "docs/recommendation.schema.json", "recommendation-2.json"),
    ("Explanation", "docs/schemas/explanation.schema.json", "explanation-2.json"),
    ("Rules", "docs/schemas/rules.schema.json", "rules-1.json"),
    ("Decision", "docs/schemas/decision.schema.json", "decision-1.json"),
]


def rewrite(node, own, files):
    """Rewrites $ref to components; drops $schema and $id."""
    if isinstance(node, list):
        return [rewrite(x, own, files) for x in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key in ("$schema", "$id"):
            continue
        if key == "$ref" and isinstance(value, str):
            target, _, pointer = value.partition("#")
            name = own if target == "" else files.get(target)
            if name is None:
                sys.exit(f"build-openapi: a $ref to an unknown file: {value}")
            if pointer.startswith("/$defs/"):
                out[key] = f"#/components/schemas/{name}_{pointer[len('/$defs/'):]}"
            elif pointer in ("", "/"):
                out[key] = f"#/components/schemas/{name}"
            else:
                sys.exit(f"build-openapi: a $ref this script cannot place: {value}")
            continue
        out[key] = rewrite(value, own, files)
    return out


def build():
    with open(os.path.join(ROOT, "docs", "openapi.base.json")) as f:
        doc = json.load(f)
    files = {alias: name for name, _, alias in SCHEMAS}
    schemas = doc.setdefault("components", {}).setdefault("schemas", {})
    for name, path, _ in SCHEMAS:
        with open(os.path.join(ROOT, path)) as f:
            schema = json.load(f)
        defs = schema.pop("$defs", {})
        schemas[name] = rewrite(schema, name, files)
        for key, value in defs.items():
            schemas[f"{name}_{key}"] = rewrite(value, name, files)
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def main():
    text = build()
    if "--check" in sys.argv[1:]:
        with open(OUT) as f:
            if f.read() != text:
                sys.exit("build-openapi: Sources/RubricServer/Web/openapi.json is out of date with docs/; "
                         "run python3 scripts/build-openapi.py")
        print("build-openapi: the OpenAPI document is up to date")
        return
    with open(OUT, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
