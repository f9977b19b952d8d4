#!/usr/bin/env python3
"""The API against its own OpenAPI document, with schemathesis, on a live `rubric serve`.

  api-test.py BIN [--max-examples N]

Runs schemathesis' checks (no 5xx on any generated input; every status, content type, header
and body as documented; wrong methods refused; auth not ignored), with a bearer token configured
so the auth checks have something to check. Exit 1 on any failure.
"""
import argparse, os, secrets, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from rubric_server import Server  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--max-examples", type=int, default=150)
    args = ap.parse_args()
    token = secrets.token_hex(16)
    with tempfile.NamedTemporaryFile("w", suffix=".token", delete=False) as f:
        f.write(token + "\n")
        token_file = f.name
    try:
        with Server(args.binary, "--rules", os.path.join(ROOT, "rules"), "--workers", "2",
                    "--token-file", token_file, "--reload-interval", "0") as server:
            run = subprocess.run([
                "schemathesis", "--no-color", "run", server.base + "/openapi.json",
                "--url", server.base,
                "--checks", "all",
                # the profile schema and the parser differ in places (control characters in names,
                # a few accepted legacy keys, a YAML `null` document): listed in docs/server.md;
                # every response is still checked against the document, and none may be a 5xx
                "--exclude-checks", "positive_data_acceptance,negative_data_rejection",
                "--header", f"Authorization: Bearer {token}",
                "--max-examples", str(args.max_examples),
                # the coverage phase stops with an error inside schemathesis 4.32 on this document
                # ("Inconsistent results" while generating); examples and fuzzing run
                "--phases", "examples,fuzzing",
                "--workers", "2",
                "--seed", "1",
                "--suppress-health-check", "all",
                "--generation-database", "none",
            ], cwd=tempfile.gettempdir())   # schemathesis keeps a cache in its working folder: not in the repository
            errors = [line for line in server.lines() if '"level":"error"' in line and "unexpected" in line]
            for line in errors:
                print("server error: " + line[:300])
            sys.exit(run.returncode or (1 if errors else 0))
    finally:
        os.unlink(token_file)


if __name__ == "__main__":
    main()
