#!/usr/bin/env python3
"""The CDS Hooks service of a live `rubric serve`, checked against the CDS Hooks 2.0 schemas.

  cds-hooks-test.py BIN

Discovery; a referral, a clearance and a plain recommendation from examples/cds-hooks/ (each
request and response validated against docs/schemas/cds-hooks/, and the cards' indicators and
order checked); the same request twice gives byte-identical cards; a request without its
prefetch and no fhirServer is a 412; a prefetch left out is fetched from a FHIR server stub on
loopback with the access token, giving the same cards (and a server that fails is a 412); an
order-select call about another kind of order gets no cards; feedback is accepted and logged
without the user's comment. Exit 1 on any failure.
"""
import http.server, json, os, subprocess, sys, threading, urllib.error, urllib.parse, urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from rubric_server import Server  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLES = os.path.join(ROOT, "examples", "cds-hooks")
DATE = "Mon, 30 Nov 2026 09:00:00 GMT"   # the examples' as-of date, as an EHR's Date header
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def validate(schema, text, what):
    run = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "check-cds-hooks.py"), "--schema", schema, "-"],
                         input=text, capture_output=True, text=True)
    check(run.returncode == 0, f"{what} is a valid CDS Hooks {schema}" + ("" if run.returncode == 0 else ": " + run.stdout + run.stderr))


def request(base, path, body=None, headers=None):
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    req = urllib.request.Request(base + path, data=data, method="GET" if body is None else "POST",
                                 headers={"Content-Type": "application/json", "Date": DATE, **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


class FHIRStub:
    """A FHIR server on loopback answering the prefetch queries from a request's own prefetch,
    only with the right bearer token; `fail` makes every answer a 500."""

    def __init__(self, prefetch, token):
        self.requests, self.fail = [], False
        stub = self
        by_type = {"Patient": prefetch["patient"]}
        for key, kind in [("conditions", "Condition"), ("medications", "MedicationRequest"), ("observations", "Observation"),
                          ("procedures", "Procedure"), ("allergies", "AllergyIntolerance")]:
            by_type[kind] = prefetch[key]

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                stub.requests.append((self.path, self.headers.get("Authorization")))
                path = urllib.parse.urlparse(self.path).path
                kind = path.split("/")[2] if path.count("/") >= 2 else ""
                if stub.fail:
                    return self.answer(500, {"resourceType": "OperationOutcome"})
                if self.headers.get("Authorization") != f"Bearer {token}":
                    return self.answer(401, {"resourceType": "OperationOutcome"})
                if kind not in by_type:
                    return self.answer(404, {"resourceType": "OperationOutcome"})
                self.answer(200, by_type[kind])

            def answer(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/fhir+json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *_):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}/fhir"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()


def main():
    binary = sys.argv[1]
    with Server(binary, "--rules", os.path.join(ROOT, "rules"), "--workers", "2", "--reload-interval", "0", "--cds-fhir-loopback") as server:
        status, text = request(server.base, "/cds-services")
        check(status == 200, "GET /cds-services is 200")
        validate("discovery", text, "the discovery document")
        hooks = {s["id"]: s["hook"] for s in json.loads(text)["services"]}
        check(hooks == {"rubric-massage": "patient-view", "rubric-massage-order": "order-select"}, f"two services: {hooks}")

        expected = {
            "patient-view-referral.json": ("rubric-massage", lambda cs: [c["indicator"] for c in cs] == ["critical"] * len(cs) and len(cs) >= 1,
                                           "only critical cards (referral)"),
            "patient-view-clearance.json": ("rubric-massage", lambda cs: any(c["indicator"] == "warning" and c["summary"].startswith("Clearance") for c in cs)
                                            and cs[-1]["indicator"] == "info" and not any(c["indicator"] == "critical" for c in cs),
                                            "a clearance warning, the ranking last as info"),
            "patient-view-recommendation.json": ("rubric-massage", lambda cs: [c["indicator"] for c in cs] == ["info"] and cs[0]["suggestions"][0]["isRecommended"],
                                                 "one info card whose first suggestion is recommended"),
            "order-select-massage.json": ("rubric-massage-order", lambda cs: len(cs) >= 1, "cards for a massage-therapy order"),
        }
        for name, (service, test, what) in expected.items():
            body = open(os.path.join(EXAMPLES, name), "rb").read()
            validate("request", body.decode(), name)
            status, text = request(server.base, f"/cds-services/{service}", body)
            check(status == 200, f"{name}: 200 (got {status}: {text[:200] if status != 200 else ''})")
            if status != 200:
                continue
            validate("response", text, f"{name}'s response")
            cards = json.loads(text)["cards"]
            check(test(cards), f"{name}: {what}")
            check(all(len(c["summary"]) < 140 and c["source"]["label"].startswith("Rubric ") for c in cards),
                  f"{name}: every summary under 140 characters, every source names Rubric and its rule set")
            again = request(server.base, f"/cds-services/{service}", body)[1]
            check(again == text, f"{name}: the same request gives byte-identical cards")

        # a request without part of its prefetch: 412, not advice on half a record
        partial = json.load(open(os.path.join(EXAMPLES, "patient-view-clearance.json")))
        del partial["prefetch"]["medications"]
        del partial["fhirServer"]
        status, text = request(server.base, "/cds-services/rubric-massage", partial)
        check(status == 412 and "medications" in json.loads(text).get("error", ""), f"missing prefetch is 412 naming it (got {status})")

        # what the prefetch leaves out is fetched from fhirServer with the access token: the same cards
        full = json.load(open(os.path.join(EXAMPLES, "patient-view-clearance.json")))
        stub = FHIRStub(full["prefetch"], "stub-token-123")
        try:
            reference = request(server.base, "/cds-services/rubric-massage", full)[1]
            sparse = json.loads(json.dumps(full))
            sparse["fhirServer"] = stub.base
            sparse["fhirAuthorization"] = {"access_token": "stub-token-123", "token_type": "Bearer", "expires_in": 300,
                                           "scope": "user/Patient.read user/Condition.read", "subject": "rubric"}
            # conditions: an OperationOutcome (the EHR could not prefetch them); the rest left out
            sparse["prefetch"] = {"patient": full["prefetch"]["patient"],
                                  "conditions": {"resourceType": "OperationOutcome", "issue": [{"severity": "error", "code": "timeout"}]}}
            validate("request", json.dumps(sparse), "a request with most of its prefetch left out")
            status, text = request(server.base, "/cds-services/rubric-massage", sparse)
            def gist(t):   # the cards without uuids and warnings' line numbers (the fetched JSON is laid out anew)
                return [(c["indicator"], c["summary"], [x["label"] for x in c.get("suggestions", [])]) for c in json.loads(t)["cards"]]
            check(status == 200 and gist(text) == gist(reference),
                  f"missing prefetch fetched from the FHIR server gives the same cards (got {status})")
            check(len(stub.requests) == 5 and all(auth == "Bearer stub-token-123" for _, auth in stub.requests)
                  and any(p.startswith("/fhir/Condition?patient=") for p, _ in stub.requests),
                  f"five searches, each with the access token: {[p.split('?')[0] for p, _ in stub.requests]}")
            stub.fail = True
            status, text = request(server.base, "/cds-services/rubric-massage", sparse)
            check(status == 412, f"a FHIR server that fails is a 412, not advice on part of a record (got {status})")
            sparse["fhirServer"] = "http://ehr.example/fhir"
            status, _ = request(server.base, "/cds-services/rubric-massage", sparse)
            check(status == 400, f"plain http to another host is refused (got {status})")
        finally:
            stub.close()

        # null means "no such data": an allergy-free client is advised, not refused
        empty = json.load(open(os.path.join(EXAMPLES, "patient-view-recommendation.json")))
        empty["prefetch"]["allergies"] = None
        del empty["fhirServer"]
        status, text = request(server.base, "/cds-services/rubric-massage", empty)
        check(status == 200 and json.loads(text)["cards"], f"a null prefetch key is no data, not missing data (got {status})")

        # a prefetch the FHIR import refuses is a 400 naming the path, not a server error
        bad = json.load(open(os.path.join(EXAMPLES, "patient-view-recommendation.json")))
        bad["prefetch"]["patient"]["birthDate"] = "1970-02-30"
        status, text = request(server.base, "/cds-services/rubric-massage", bad)
        check(status == 400 and json.loads(text).get("field") == "prefetch.patient.birthDate", f"a bad prefetch is 400 naming its path (got {status})")

        # a prefetched Patient that is not context.patientId: refused
        other = json.load(open(os.path.join(EXAMPLES, "patient-view-recommendation.json")))
        other["context"]["patientId"] = "someone-else"
        status, _ = request(server.base, "/cds-services/rubric-massage", other)
        check(status == 400, f"a prefetch about another patient is 400 (got {status})")

        # order-select about a medication order: no advice
        order = json.load(open(os.path.join(EXAMPLES, "order-select-massage.json")))
        order["context"]["draftOrders"]["entry"][0]["resource"]["code"] = {"text": "Physiotherapy referral"}
        status, text = request(server.base, "/cds-services/rubric-massage-order", order)
        check(status == 200 and json.loads(text) == {"cards": []}, f"an order that is not massage gets no cards (got {status} {text[:80]})")

        # feedback: accepted, logged without the comment
        feedback = {"feedback": [{"card": "3f1c0e7a-0000-8000-8000-000000000000", "outcome": "overridden",
                                  "overrideReason": {"reason": {"code": "therapist-judgement", "system": "https://rubric.example/cds/topic"},
                                                     "userComment": "client-identifying comment"},
                                  "outcomeTimestamp": "2026-11-30T09:05:00Z"}]}
        validate("feedback", json.dumps(feedback), "the feedback")
        status, _ = request(server.base, "/cds-services/rubric-massage/feedback", feedback)
        check(status == 200, f"feedback is 200 (got {status})")
        log = "\n".join(server.lines())
        check('"cds feedback"' in log and "therapist-judgement" in log and "client-identifying comment" not in log,
              "feedback is logged with the card, outcome and reason code, never the user's comment")
    print(f"cds-hooks: {'FAILED ' + str(len(failures)) if failures else 'all checks passed'}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
