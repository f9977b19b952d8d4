#!/usr/bin/env python3
"""Validates the FHIR R4 examples in examples/fhir/*.json (or the files given as arguments).

Each file must be:
- JSON with no duplicate keys and no null, empty string, empty array or empty object
  (FHIR JSON forbids empty properties);
- a valid FHIR R4 (4.0.1) resource for the PyPI package fhir.resources: element names,
  cardinality, primitive formats and choice types ([x]) are checked;
- for a Bundle: every `reference` resolves to an entry's fullUrl or `ResourceType/id`;
  fullUrls are unique and an absolute fullUrl ends in the resource's `Type/id` (bdl-7);
  `request` is on every entry of a transaction or batch and nowhere else, `search` only in a
  searchset (bdl-2, bdl-3); it has a `timestamp` and no date in it is later than that (Rubric
  takes the timestamp as the as-of date, and warns about a date after it);
- within the required bindings and invariants fhir.resources does not check and the examples
  rely on: the status-like codes below, con-5 and ait-2 (no clinicalStatus on an
  entered-in-error record) and ait-1.

R4, not R4B: fhir.resources 7 and later ship R5 (`fhir.resources`) and R4B
(`fhir.resources.R4B`) only. The last release whose `fhir.resources` package is R4 4.0.1 is
6.4.0, built on pydantic 1, so it lives in its own virtual environment (the rest of the
project's Python tools need pydantic 2):

    python3 -m venv ~/.cache/rubric/fhir-r4-venv
    ~/.cache/rubric/fhir-r4-venv/bin/python -m pip install -q 'fhir.resources==6.4.0' 'pydantic[email]>=1.10,<2'

Run it with any python3: when the running interpreter has no R4 fhir.resources, the script
runs itself again with $RUBRIC_FHIR_PYTHON, else with ~/.cache/rubric/fhir-r4-venv/bin/python.
It prints one line per file and exits 1 if any file fails (2 if no R4 fhir.resources is found).
"""
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_VENV_PYTHON = Path.home() / ".cache" / "rubric" / "fhir-r4-venv" / "bin" / "python"
INSTALL_HINT = ("python3 -m venv ~/.cache/rubric/fhir-r4-venv && ~/.cache/rubric/fhir-r4-venv/bin/python "
                "-m pip install -q 'fhir.resources==6.4.0' 'pydantic[email]>=1.10,<2'")


def load_r4():
    """fhir.resources' construct_fhir_element for FHIR 4.0.1, re-running the script under the
    R4 virtual environment's interpreter if this one has no R4 fhir.resources."""
    try:
        import fhir.resources as fr
        if getattr(fr, "__fhir_version__", None) == "4.0.1":
            return fr.construct_fhir_element, f"fhir.resources {fr.__version__} (FHIR {fr.__fhir_version__})"
        found = f"fhir.resources {getattr(fr, '__version__', '?')} is FHIR {getattr(fr, '__fhir_version__', '?')}"
    except ImportError:
        found = "no fhir.resources"
    other = Path(os.environ.get("RUBRIC_FHIR_PYTHON") or DEFAULT_VENV_PYTHON)
    if other.exists() and not os.environ.get("RUBRIC_FHIR_REEXEC"):
        env = dict(os.environ, RUBRIC_FHIR_REEXEC="1")
        os.execve(str(other), [str(other), str(Path(__file__).resolve()), *sys.argv[1:]], env)
    print(f"check-fhir-examples: needs fhir.resources for FHIR R4 (4.0.1); {sys.executable} has {found}.\n"
          f"Install it with:\n  {INSTALL_HINT}", file=sys.stderr)
    sys.exit(2)


# Required bindings on the elements the examples use: (resourceType, element) -> codes.
# CodeableConcepts are checked on their codings of the given system.
CODES = {
    ("Bundle", "type"): {"document", "message", "transaction", "transaction-response", "batch", "batch-response",
                         "history", "searchset", "collection"},
    ("Patient", "gender"): {"male", "female", "other", "unknown"},
    ("Observation", "status"): {"registered", "preliminary", "final", "amended", "corrected", "cancelled",
                                "entered-in-error", "unknown"},
    ("MedicationRequest", "status"): {"active", "on-hold", "cancelled", "completed", "entered-in-error", "stopped",
                                      "draft", "unknown"},
    ("MedicationRequest", "intent"): {"proposal", "plan", "order", "original-order", "reflex-order", "filler-order",
                                      "instance-order", "option"},
    ("MedicationStatement", "status"): {"active", "completed", "entered-in-error", "intended", "stopped", "on-hold",
                                        "unknown", "not-taken"},
    ("Procedure", "status"): {"preparation", "in-progress", "not-done", "on-hold", "stopped", "completed",
                              "entered-in-error", "unknown"},
    ("Encounter", "status"): {"planned", "arrived", "triaged", "in-progress", "onleave", "finished", "cancelled",
                              "entered-in-error", "unknown"},
    ("Device", "status"): {"active", "inactive", "entered-in-error", "unknown"},
    ("AllergyIntolerance", "type"): {"allergy", "intolerance"},
    ("AllergyIntolerance", "category"): {"food", "medication", "environment", "biologic"},
    ("AllergyIntolerance", "criticality"): {"low", "high", "unable-to-assess"},
}
CONCEPT_CODES = {
    ("Condition", "clinicalStatus"): ("http://terminology.hl7.org/CodeSystem/condition-clinical",
                                      {"active", "recurrence", "relapse", "inactive", "remission", "resolved"}),
    ("Condition", "verificationStatus"): ("http://terminology.hl7.org/CodeSystem/condition-ver-status",
                                          {"unconfirmed", "provisional", "differential", "confirmed", "refuted",
                                           "entered-in-error"}),
    ("AllergyIntolerance", "clinicalStatus"): ("http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical",
                                               {"active", "inactive", "resolved"}),
    ("AllergyIntolerance", "verificationStatus"): (
        "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification",
        {"unconfirmed", "confirmed", "refuted", "entered-in-error"}),
}
HTTP_VERBS = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"}
SEARCH_MODES = {"match", "include", "outcome"}
# Elements holding a date, dateTime or instant that must not be after the Bundle's timestamp.
DATE_KEYS = {"birthDate", "onsetDateTime", "abatementDateTime", "recordedDate", "effectiveDateTime", "issued",
             "performedDateTime", "authoredOn", "dateAsserted", "start", "end", "lastUpdated"}


class Invalid(Exception):
    pass


def no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    dup = sorted({k for k in keys if keys.count(k) > 1})
    if dup:
        raise Invalid(f"duplicate key {dup[0]!r}")
    return dict(pairs)


def walk(value, path):
    """Yields (path, key, value) for every property below `value`."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield f"{path}.{k}", k, v
            yield from walk(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield f"{path}[{i}]", None, v
            yield from walk(v, f"{path}[{i}]")


def check_not_empty(resource, path):
    for where, _, v in walk(resource, path):
        if v is None or v == "" or v == [] or v == {}:
            raise Invalid(f"{where} is empty (null, \"\", [] or {{}}): FHIR JSON leaves such a property out")


def check_codes(resource, path):
    rtype = resource.get("resourceType")
    for (t, element), allowed in CODES.items():
        if t != rtype or element not in resource:
            continue
        values = resource[element] if isinstance(resource[element], list) else [resource[element]]
        for v in values:
            if v not in allowed:
                raise Invalid(f"{path}.{element} is {v!r}, not one of {sorted(allowed)} (required binding)")
    for (t, element), (system, allowed) in CONCEPT_CODES.items():
        if t != rtype or element not in resource:
            continue
        for i, coding in enumerate(resource[element].get("coding", [])):
            if coding.get("system") == system and coding.get("code") not in allowed:
                raise Invalid(f"{path}.{element}.coding[{i}].code is {coding.get('code')!r}, not one of "
                              f"{sorted(allowed)} (required binding)")
    if rtype in ("Condition", "AllergyIntolerance"):
        ver = {c.get("code") for c in resource.get("verificationStatus", {}).get("coding", [])}
        if "entered-in-error" in ver and "clinicalStatus" in resource:
            rule = "con-5" if rtype == "Condition" else "ait-2"
            raise Invalid(f"{path}: an entered-in-error {rtype} has a clinicalStatus ({rule})")
        if rtype == "AllergyIntolerance" and "entered-in-error" not in ver and "clinicalStatus" not in resource:
            raise Invalid(f"{path}: an AllergyIntolerance needs a clinicalStatus unless entered-in-error (ait-1)")
    for i, contained in enumerate(resource.get("contained", [])):
        check_codes(contained, f"{path}.contained[{i}]")


def check_bundle(bundle):
    """Bundle rules fhir.resources leaves out; returns the number of entries."""
    btype = bundle.get("type")
    entries = bundle.get("entry", [])
    stamp = bundle.get("timestamp")
    if not stamp:
        raise Invalid("Bundle.timestamp is missing (Rubric's as-of date when the caller gives none)")
    as_of = stamp[:10]
    names, seen_urls = set(), set()
    for i, e in enumerate(entries):
        where = f"Bundle.entry[{i}]"
        r = e.get("resource", {})
        url = e.get("fullUrl")
        if url:
            if url in seen_urls:
                raise Invalid(f"{where}.fullUrl {url!r} is used twice (bdl-7)")
            seen_urls.add(url)
            names.add(url)
            if url.startswith(("http://", "https://")) and r and not url.endswith(f"/{r['resourceType']}/{r.get('id')}"):
                raise Invalid(f"{where}.fullUrl {url!r} does not end in the resource's "
                              f"{r['resourceType']}/{r.get('id')}")
        if r.get("id"):
            names.add(f"{r['resourceType']}/{r['id']}")
        if ("request" in e) != (btype in ("transaction", "batch")) and btype != "history":
            raise Invalid(f"{where}.request is {'missing' if btype in ('transaction', 'batch') else 'not allowed'} "
                          f"in a {btype} Bundle (bdl-3)")
        if "request" in e and e["request"].get("method") not in HTTP_VERBS:
            raise Invalid(f"{where}.request.method {e['request'].get('method')!r} is not an HTTP verb")
        if "search" in e:
            if btype != "searchset":
                raise Invalid(f"{where}.search is only allowed in a searchset Bundle (bdl-2)")
            if e["search"].get("mode") not in SEARCH_MODES:
                raise Invalid(f"{where}.search.mode {e['search'].get('mode')!r} is not one of {sorted(SEARCH_MODES)}")
        if r:
            check_codes(r, f"{where}.resource")
    for i, e in enumerate(entries):
        r = e.get("resource", {})
        contained = {f"#{c.get('id')}" for c in r.get("contained", [])}
        for where, key, v in walk(r, f"Bundle.entry[{i}].resource"):
            if key == "reference" and isinstance(v, str) and v not in names and v not in contained:
                raise Invalid(f"{where} {v!r} resolves to no entry's fullUrl or ResourceType/id")
            if key in DATE_KEYS and isinstance(v, str) and v[:10] > as_of:
                raise Invalid(f"{where} {v!r} is after the Bundle's timestamp {stamp}")
    return len(entries)


def check(path, construct):
    try:
        data = json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=no_duplicates)
    except (ValueError, Invalid) as e:   # json.JSONDecodeError is a ValueError
        raise Invalid(f"not valid JSON: {e}") from None
    if not isinstance(data, dict) or not isinstance(data.get("resourceType"), str):
        raise Invalid("not a FHIR resource: a JSON object with a resourceType")
    rtype = data["resourceType"]
    check_not_empty(data, rtype)
    try:
        construct(rtype, data)
    except Exception as e:   # pydantic's ValidationError, or an unknown resourceType
        raise Invalid(f"not a valid FHIR R4 {rtype}:\n{e}") from None
    if rtype == "Bundle":
        return f"Bundle, {check_bundle(data)} entries"
    check_codes(data, rtype)
    return rtype


def main(argv):
    construct, version = load_r4()
    files = [Path(a).resolve() for a in argv] or sorted((ROOT / "examples" / "fhir").glob("*.json"))
    if not files:
        sys.exit("check-fhir-examples: no examples/fhir/*.json files")
    failed = 0
    for f in files:
        shown = f.relative_to(ROOT) if f.is_relative_to(ROOT) else f
        try:
            print(f"ok {shown} ({check(f, construct)})")
        except (Invalid, OSError) as e:
            failed += 1
            print(f"FAIL {shown}: {e}")
    print(f"checked with {version}")
    print(f"fhir-examples: {len(files) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
