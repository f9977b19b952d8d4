#!/usr/bin/env python3
"""The front-desk page in a real browser: Debian's chromium, driven by selenium through
chromium-driver, against a live `rubric serve`.

  browser-test.py BIN [--out DIR]

Fills the intake form for a client who must be referred and for a client with cautions, checks
the banner, the ranking (against the command line's ranking for the same profile), the
cautions, the pressure cap and an explanation waterfall, prints the session card to PDF and
saves screenshots in DIR (default .build/browser). Any failure exits 1.
"""
import argparse, tempfile, urllib.request, base64, json, os, subprocess, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from rubric_server import Server  # noqa: E402

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.select import Select  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
failures = []


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message)
    if not condition:
        failures.append(message)


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1024,1366"):
        options.add_argument(arg)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def type_into(driver, element_id, text):
    field = driver.find_element(By.ID, element_id)
    field.clear()
    field.send_keys(text)


def row_field(driver, css, index, text):
    fields = driver.find_elements(By.CSS_SELECTOR, css)
    fields[index].clear()
    fields[index].send_keys(text)


def fill(driver, base, client):
    driver.get(base + "/")
    wait = WebDriverWait(driver, 20)
    wait.until(EC.presence_of_element_located((By.ID, "intake")))
    type_into(driver, "client-id", client["id"])
    type_into(driver, "client-age", str(client["age"]))
    Select(driver.find_element(By.ID, "client-sex")).select_by_value(client["sex"])
    for i, (name, icd10) in enumerate(client["conditions"]):
        if i > 0:
            driver.find_element(By.ID, "add-condition").click()
        row_field(driver, ".condition-name", i, name)
        if icd10:
            row_field(driver, ".condition-icd10", i, icd10)
    for i, name in enumerate(client["symptoms"]):
        if i > 0:
            driver.find_element(By.ID, "add-symptom").click()
        row_field(driver, ".symptom-name", i, name)
    for i, name in enumerate(client.get("medications", [])):
        if i > 0:
            driver.find_element(By.ID, "add-medication").click()
        row_field(driver, ".medication-name", i, name)
    for i, (procedure, weeks) in enumerate(client.get("surgeries", [])):
        if i > 0:
            driver.find_element(By.ID, "add-surgery").click()
        row_field(driver, ".surgery-procedure", i, procedure)
        row_field(driver, ".surgery-weeks", i, str(weeks))
    type_into(driver, "flags-text", ", ".join(client["flags"]))
    Select(driver.find_element(By.ID, "pressure")).select_by_value(client["pressure"])
    type_into(driver, "goals-text", ", ".join(client["goals"]))
    type_into(driver, "requested", client["requested"])
    if client.get("oil_sensitivity"):
        box = driver.find_element(By.ID, "oil-sensitivity")
        if not box.is_selected():
            box.click()
    driver.find_element(By.ID, "recommend").click()
    banner = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#banner[data-status]")))
    wait.until(lambda d: d.find_element(By.ID, "banner").get_attribute("data-status"))
    return banner


def cli_recommendation(binary, path):
    out = subprocess.run([binary, "recommend", path, "--format", "json"], capture_output=True, text=True).stdout
    return json.loads(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--out", default=os.path.join(ROOT, ".build", "browser"))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    binary = os.path.abspath(args.binary)
    log = tempfile.NamedTemporaryFile(suffix=".db", delete=False).name
    with Server(binary, "--rules", os.path.join(ROOT, "rules"), "--workers", "1", "--decision-log", "sqlite:" + log) as server:
        driver = browser()
        try:
            referral(driver, server.base, args.out)
            cautions(driver, server.base, args.out, binary)
            recorded(driver, server.base, args.out)
        finally:
            driver.quit()
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(log + suffix):
                    os.unlink(log + suffix)
        errors = [line for line in server.lines() if '"level":"error"' in line]
        check(not errors, "the server logged no error")
    sys.exit(1 if failures else 0)


def referral(driver, base, out):
    """examples/profiles/edge/referral-infection.yaml, typed in: back pain, fever, IV drug use."""
    fill(driver, base, {
        "id": "edge-referral", "age": 36, "sex": "male", "conditions": [("low back pain", "")],
        "symptoms": ["back pain", "fever"], "flags": ["iv drug use"], "pressure": "firm",
        "goals": ["pain relief"], "requested": "deep tissue"})
    banner = driver.find_element(By.ID, "banner")
    check(banner.get_attribute("data-status") == "referral", "referral client: the banner says referral")
    text = banner.text.lower()
    check("doctor" in text or "physician" in text, "referral client: the banner says to see a doctor")
    check("do not massage" in text, "referral client: the banner says what to do (do not massage)")
    ranked = driver.find_elements(By.CSS_SELECTOR, "#ranking li.technique")
    check(len(ranked) == 0, "referral client: no technique is ranked")
    driver.save_screenshot(os.path.join(out, "referral.png"))


def cautions(driver, base, out, binary):
    """examples/profiles/c-0412.yaml, typed in: stenosis, sciatica, Xarelto, osteoporosis."""
    fill(driver, base, {
        "id": "c-0412", "age": 58, "sex": "female",
        "conditions": [("lumbar spinal stenosis", "M48.062"), ("sciatica", "")],
        "symptoms": ["buttock pain", "numbness"], "medications": ["Xarelto 20 mg"],
        "surgeries": [("knee replacement", 30)], "flags": ["osteoporosis"], "pressure": "firm",
        "goals": ["mobility", "sleep"], "requested": "deep tissue", "oil_sensitivity": True})
    expected = cli_recommendation(binary, os.path.join(ROOT, "examples", "profiles", "c-0412.yaml"))
    banner = driver.find_element(By.ID, "banner")
    check(banner.get_attribute("data-status") == expected["status"],
          f"caution client: the banner's status is the command line's ({expected['status']})")
    ranked = [li.get_attribute("data-technique") for li in driver.find_elements(By.CSS_SELECTOR, "#ranking li.technique")]
    check(ranked == [t["technique"] for t in expected["ranking"]],
          f"caution client: the ranking is the command line's ({', '.join(ranked)})")
    scores = [li.find_element(By.CLASS_NAME, "score").text for li in driver.find_elements(By.CSS_SELECTOR, "#ranking li.technique")]
    check(bool(scores) and str(expected["ranking"][0]["score"]) in scores[0], "caution client: the top score is shown")
    cautions_list = driver.find_elements(By.CSS_SELECTOR, "#cautions li")
    check(len(cautions_list) > 0, f"caution client: cautions are listed ({len(cautions_list)})")
    check("light" in driver.find_element(By.ID, "pressure-cap").text.lower(), "caution client: the pressure cap (light) is shown")
    first = driver.find_element(By.CSS_SELECTOR, "#ranking li.technique details.explain")
    driver.execute_script("arguments[0].scrollIntoView();", first)
    first.find_element(By.TAG_NAME, "summary").click()
    WebDriverWait(driver, 20).until(lambda d: first.find_elements(By.CSS_SELECTOR, ".waterfall .ledger-row"))
    rows = first.find_elements(By.CSS_SELECTOR, ".waterfall .ledger-row")
    check(len(rows) >= 2, f"caution client: the top technique's explanation waterfall has its rules ({len(rows)} rows)")
    check("rules/" not in first.text, "caution client: the waterfall shows titles, not file paths")
    driver.save_screenshot(os.path.join(out, "cautions.png"))
    driver.set_window_size(820, 1180)                       # a tablet, upright
    WebDriverWait(driver, 5).until(lambda d: d.execute_script("return window.innerWidth") <= 820)
    driver.execute_script("return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    check(driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth"),
          "caution client: on a tablet (820 px) nothing overflows sideways")
    driver.save_screenshot(os.path.join(out, "cautions-tablet.png"))
    pdf = base64.b64decode(driver.print_page())
    with open(os.path.join(out, "session-card.pdf"), "wb") as f:
        f.write(pdf)
    check(pdf.startswith(b"%PDF") and len(pdf) > 2000, f"caution client: the session card prints to PDF ({len(pdf)} bytes)")


def recorded(driver, base, out):
    """A CDS Hooks card's link opens the recorded decision: the same status and ranking."""
    body = open(os.path.join(ROOT, "examples", "cds-hooks", "patient-view-clearance.json"), "rb").read()
    req = urllib.request.Request(base + "/cds-services/rubric-massage", data=body, method="POST",
                                 headers={"Content-Type": "application/json", "Date": "Mon, 30 Nov 2026 09:00:00 GMT"})
    with urllib.request.urlopen(req, timeout=30) as r:
        cards = json.loads(r.read())["cards"]
    link = cards[0]["links"][0]["url"]
    decision = link.split("decision=")[1]
    with urllib.request.urlopen(base + "/v1/decisions/" + decision, timeout=30) as r:
        logged = json.loads(r.read())["result"]
    driver.get(link)
    WebDriverWait(driver, 20).until(lambda d: d.find_element(By.ID, "banner").get_attribute("data-status"))
    check(driver.find_element(By.ID, "banner").get_attribute("data-status") == logged["status"],
          f"recorded decision: the card's link shows its status ({logged['status']})")
    ranked = [li.get_attribute("data-technique") for li in driver.find_elements(By.CSS_SELECTOR, "#ranking li.technique")]
    check(ranked == [t["technique"] for t in logged["ranking"]], "recorded decision: with its ranking")
    check(decision in driver.find_element(By.ID, "decision-note").text, "recorded decision: the page says which decision it shows")
    first = driver.find_element(By.CSS_SELECTOR, "#ranking li.technique details.explain")
    driver.execute_script("arguments[0].scrollIntoView();", first)
    first.find_element(By.TAG_NAME, "summary").click()
    WebDriverWait(driver, 20).until(lambda d: first.find_elements(By.CSS_SELECTOR, ".waterfall .ledger-row"))
    check(len(first.find_elements(By.CSS_SELECTOR, ".waterfall .ledger-row")) == len(logged["ranking"][0]["contributions"]),
          "recorded decision: the explanation has the recorded rules")
    driver.save_screenshot(os.path.join(out, "recorded-decision.png"))


if __name__ == "__main__":
    main()
