// Rubric front desk: the intake form → a profile (docs/profile.schema.json), the API calls
// (with a bearer token when the server answers 401), autocomplete from GET /v1/catalog,
// and the print / copy actions. Rendering is in render.js.
import { $, el, renderResult, showError, showRuleset } from './render.js';

const TOKEN_KEY = 'rubric.token';
const DOSE_WORDS = new Set('mg mcg µg g ml iu unit units tablet tablets tab tabs capsule capsules daily once twice bid tid qd od prn nightly weekly a day per x po'.split(' '));
const norm = (s) => s.toLowerCase().replace(/[-_\s]+/g, ' ').trim();
const splitList = (s) => s.split(',').map((t) => t.trim()).filter(Boolean);
const form = $('intake');

let state = null;   // the last result: {rec, text, body}
let catalog = null; // lookups built from /v1/catalog, or null when it could not be loaded
let sources = new Map();

// ---- API: every call goes through here; 401 asks for the token and retries ----

class ApiError extends Error {
  constructor(status, body, retryAfter) {
    super((body && body.error) || `HTTP ${status}`);
    Object.assign(this, { status, body, retryAfter });
  }
}

async function api(method, path, body) {
  for (;;) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) headers.Authorization = `Bearer ${token}`;
    let res;
    try {
      // relative to the page ('/v1/x' -> 'v1/x'), so the page works under a proxy's path prefix too
      res = await fetch(path.replace(/^\//, ''), { method, headers, body, cache: 'no-store', credentials: 'same-origin' });
    } catch (e) {
      throw new ApiError(0, { error: `The server did not answer (${e.message}).` });
    }
    if (res.status === 401) { await askToken(Boolean(token)); continue; }
    const text = await res.text();
    let json = null;
    try { json = JSON.parse(text); } catch { /* not JSON: reported below */ }
    if (!res.ok) throw new ApiError(res.status, json, res.headers.get('Retry-After'));
    if (!json) throw new ApiError(res.status, { error: 'The server answered with something that is not JSON.' });
    return { json, text };
  }
}

let tokenWait = null, tokenDone = null;
function askToken(rejected) {
  if (rejected) sessionStorage.removeItem(TOKEN_KEY);
  $('auth-message').textContent = rejected ? 'That token was not accepted. Enter the access token again.'
    : 'The server needs an access token for this. Enter it to continue.';
  $('auth').hidden = false;
  $('token').focus();
  if (!tokenWait) tokenWait = new Promise((resolve) => { tokenDone = resolve; });
  return tokenWait;
}

$('auth-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const token = $('token').value.trim();
  if (!token) return;
  sessionStorage.setItem(TOKEN_KEY, token);
  $('token').value = '';
  $('auth').hidden = true;
  const done = tokenDone;
  tokenWait = tokenDone = null;
  if (done) done();
});

// ---- Repeating rows ----

const ROWS = { condition: 'conditions-rows', symptom: 'symptoms-rows', medication: 'medications-rows', surgery: 'surgeries-rows' };
const rows = (kind) => [...$(ROWS[kind]).children];
const val = (root, sel) => root.querySelector(sel).value.trim();
let rowCount = 0;

function addRow(kind, focus) {
  const row = $(`tpl-${kind}`).content.firstElementChild.cloneNode(true);
  rowCount += 1;
  for (const label of row.querySelectorAll('label[data-for]')) {
    const control = row.querySelector('.' + label.dataset.for);
    control.id = `${label.dataset.for}-${rowCount}`;
    label.htmlFor = control.id;
  }
  const classes = row.querySelector('.medication-class');
  if (classes && catalog) fillClasses(classes);
  $(ROWS[kind]).append(row);
  renumber(kind);
  if (focus) row.querySelector('input').focus();
}

function renumber(kind) {
  rows(kind).forEach((row, i) => row.querySelector('.remove-row').setAttribute('aria-label', `Remove ${kind} ${i + 1}`));
}

for (const kind of Object.keys(ROWS)) {
  $(`add-${kind}`).addEventListener('click', () => addRow(kind, true));
}

form.addEventListener('click', (e) => {
  const button = e.target.closest('.remove-row');
  if (!button) return;
  const row = button.closest('.row');
  const kind = Object.keys(ROWS).find((k) => row.parentElement.id === ROWS[k]);
  if (rows(kind).length === 1) {
    for (const c of row.querySelectorAll('input, select')) c.value = '';
    updateHint(row);
    row.querySelector('input').focus();
  } else {
    row.remove();
    renumber(kind);
    $(`add-${kind}`).focus();
  }
  markStale();
});

// ---- The profile, exactly per docs/profile.schema.json; empty fields are left out ----

function buildProfile() {
  const profile = {}, fields = {}; // fields: engine field path → form control, for error messages
  const set = (obj, key, value) => { if (value !== '' && value !== undefined) obj[key] = value; };
  const short = (obj, key) => (Object.keys(obj).length === 1 && obj[key] !== undefined ? obj[key] : obj);

  const client = {};
  set(client, 'id', $('client-id').value.trim());
  if ($('client-age').value !== '') client.age = Number($('client-age').value);
  set(client, 'sex', $('client-sex').value);
  if (Object.keys(client).length) profile.client = client;
  Object.assign(fields, { client: $('client-id'), 'client.id': $('client-id'), 'client.age': $('client-age'), 'client.sex': $('client-sex') });

  const collect = (kind, key, make) => {
    const items = [];
    for (const row of rows(kind)) {
      const item = make(row);
      if (!item) continue;
      items.push(item);
      const path = `${key}[${items.length}]`;
      fields[path] = row.querySelector('input');
      for (const c of row.querySelectorAll('input, select')) fields[`${path}.${c.className.replace(/^\w+-/, '').replace('weeks', 'weeks_ago')}`] = c;
    }
    if (items.length) profile[key] = items;
  };
  collect('condition', 'conditions', (row) => {
    const c = {};
    for (const k of ['name', 'icd10', 'region', 'side', 'severity', 'course', 'status']) set(c, k, val(row, `.condition-${k}`));
    return c.name || c.icd10 ? short(c, 'name') : null;
  });
  collect('symptom', 'symptoms', (row) => {
    const s = {};
    set(s, 'name', val(row, '.symptom-name'));
    set(s, 'onset', val(row, '.symptom-onset'));
    return s.name ? short(s, 'name') : null;
  });
  collect('medication', 'medications', (row) => {
    const m = {};
    set(m, 'name', val(row, '.medication-name'));
    set(m, 'class', val(row, '.medication-class'));
    return m.name ? short(m, 'name') : null;
  });
  collect('surgery', 'surgeries', (row) => {
    const s = {};
    set(s, 'procedure', val(row, '.surgery-procedure'));
    if (val(row, '.surgery-weeks') !== '') s.weeks_ago = Number(val(row, '.surgery-weeks'));
    set(s, 'region', val(row, '.surgery-region'));
    return s.procedure ? s : null;
  });

  const flags = splitList($('flags-text').value);
  if (flags.length) profile.flags = flags;
  fields.flags = $('flags-text');

  const pregnancy = {};
  if ($('pregnancy-weeks').value !== '') pregnancy.weeks = Number($('pregnancy-weeks').value);
  if ($('pregnancy-high-risk').checked) pregnancy.high_risk = true;
  if (Object.keys(pregnancy).length) profile.pregnancy = pregnancy;
  else if ($('pregnant').checked) profile.pregnancy = true;
  fields.pregnancy = $('pregnancy-weeks');

  const prefs = {};
  set(prefs, 'pressure', $('pressure').value);
  const goals = [...form.querySelectorAll('.goal-choice:checked')].map((c) => c.value);
  for (const g of splitList($('goals-text').value)) if (!goals.some((o) => norm(o) === norm(g))) goals.push(g);
  if (goals.length) prefs.goals = goals;
  set(prefs, 'requested', $('requested').value.trim());
  if ($('oil-sensitivity').checked) prefs.oil_sensitivity = true;
  if (Object.keys(prefs).length) profile.preferences = prefs;
  Object.assign(fields, { preferences: $('pressure'), 'preferences.pressure': $('pressure'), 'preferences.goals': $('goals-text'),
    'preferences.requested': $('requested'), 'preferences.oil_sensitivity': $('oil-sensitivity') });

  set(profile, 'notes', $('notes').value.trim());
  fields.notes = $('notes');
  return { profile, fields };
}

// A row with details but neither name nor code cannot be sent; say so instead of dropping it.
function checkRows() {
  const need = [['condition', '.condition-name', (r) => val(r, '.condition-name') || val(r, '.condition-icd10'), 'Give the condition or its ICD-10-CM code, or remove the row.'],
    ['symptom', '.symptom-name', (r) => val(r, '.symptom-name'), 'Give the symptom, or remove the row.'],
    ['medication', '.medication-name', (r) => val(r, '.medication-name'), 'Give the medication, or remove the row.'],
    ['surgery', '.surgery-procedure', (r) => val(r, '.surgery-procedure'), 'Give the procedure, or remove the row.']];
  for (const [kind, sel, has, message] of need) {
    for (const row of rows(kind)) {
      const filled = [...row.querySelectorAll('input, select')].some((c) => c.value.trim() !== '');
      row.querySelector(sel).setCustomValidity(filled && !has(row) ? message : '');
    }
  }
}

// ---- Recommend ----

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  clearError();
  checkRows();
  if (!form.reportValidity()) return;
  const { profile, fields } = buildProfile();
  const body = JSON.stringify(profile, null, 2) + '\n';
  state = null;
  $('result').hidden = true;
  $('decision-note').hidden = true;
  $('banner').removeAttribute('data-status');
  setBusy('Working…');
  try {
    const { json, text } = await api('POST', '/v1/recommend', body);
    state = { rec: json, text, body };
    renderResult(json, { explain: (technique) => explain(technique, body), sourceTitle: (key) => sources.get(key) || key });
    $('profile-json').textContent = body;
    $('json-fallback-box').hidden = true;
    $('copy-status').textContent = '';
    $('stale').hidden = true;
    $('result').hidden = false;
    showRuleset(json.ruleset);
    $('banner').focus();
  } catch (err) {
    showError(err, fields, body);
  } finally {
    setBusy('');
  }
});

function setBusy(text) {
  $('busy').textContent = text;
  $('recommend').disabled = Boolean(text);
}

function clearError() {
  $('form-error').hidden = true;
  $('form-error').replaceChildren();
  for (const c of form.querySelectorAll('[aria-invalid]')) c.removeAttribute('aria-invalid');
}

function markStale() { if (state) $('stale').hidden = false; }
form.addEventListener('input', markStale);
form.addEventListener('change', markStale);

// ---- Explanations (the same profile body as the result) and rule titles ----

let rulesTitles = null;
function ruleTitles() {
  rulesTitles ??= api('GET', '/v1/rules').then(({ json }) => new Map(json.rules.map((r) => [r.id, r.title])),
    () => { rulesTitles = null; return new Map(); });
  return rulesTitles;
}

async function explain(technique, body) {
  const [{ json }, titles] = await Promise.all([api('POST', `/v1/explain?technique=${encodeURIComponent(technique)}`, body), ruleTitles()]);
  return { json, titles };
}

// ---- Catalog: datalists, goal choices, hints ----

function options(id, entries) {
  $(id).replaceChildren(...entries.map(([value, label]) => el('option', { value, label: label || null })));
}

function fillClasses(select) {
  const keep = select.value;
  select.replaceChildren(el('option', { value: '', text: 'From the catalog' }),
    ...catalog.classes.map((c) => el('option', { value: c.id, text: c.name })));
  select.value = keep;
}

// For comma-separated inputs: offer "what is typed so far, <term>" as the completions.
function tokenCompletion(input, listId, names) {
  const update = () => {
    const v = input.value, cut = v.lastIndexOf(',');
    const prefix = cut < 0 ? '' : v.slice(0, cut + 1) + ' ', typed = norm(v.slice(cut + 1));
    options(listId, names.filter((n) => norm(n).includes(typed)).slice(0, 50).map((n) => [prefix + n]));
  };
  input.addEventListener('input', update);
  update();
}

function loadCatalog(cat) {
  const codes = (c) => (c.icd10.length ? `ICD-10-CM ${c.icd10.join(', ')}` : '');
  const terms = (list) => list.flatMap((t) => [[t.name], ...t.aliases.map((a) => [a, t.name])]);
  const index = (list, keys) => new Map(list.flatMap((t) => keys(t).map((k) => [norm(k), t])));
  options('dl-conditions', cat.conditions.flatMap((c) => [[c.name, codes(c)], ...c.aliases.map((a) => [a, `${c.name} ${codes(c)}`])]));
  options('dl-icd10', cat.conditions.flatMap((c) => c.icd10.map((code) => [code, c.name])));
  options('dl-symptoms', terms(cat.symptoms));
  options('dl-regions', terms(cat.regions));
  options('dl-procedures', terms(cat.procedures));
  options('dl-techniques', cat.techniques.flatMap((t) => [[t.name, `${t.pressure.min}–${t.pressure.max} pressure`], ...t.aliases.map((a) => [a, t.name])]));
  options('dl-medications', [...cat.medications.flatMap((m) => [[m.name, m.class], ...m.brands.map((b) => [b, `${m.name} · ${m.class}`])]),
    ...cat.medication_classes.map((c) => [c.name, 'medication class'])]);
  tokenCompletion($('flags-text'), 'dl-flags', terms(cat.flags).map(([n]) => n));
  tokenCompletion($('goals-text'), 'dl-goals', terms(cat.goals).map(([n]) => n));
  $('goal-choices').replaceChildren(...cat.goals.map((g) => el('span', { class: 'check' },
    el('input', { type: 'checkbox', class: 'goal-choice', id: `goal-${g.id}`, value: g.name }),
    el('label', { for: `goal-${g.id}`, text: g.name }))));
  const icd = new Map(cat.conditions.flatMap((c) => c.icd10.map((code) => [normCode(code), c])));
  catalog = {
    conditions: index(cat.conditions, (c) => [c.id, c.name, ...c.aliases]), icd,
    medications: index(cat.medications, (m) => [m.id, m.name, ...m.brands]),
    classes: cat.medication_classes, classIndex: index(cat.medication_classes, (c) => [c.id, c.name, ...c.aliases]),
  };
  for (const s of form.querySelectorAll('.medication-class')) fillClasses(s);
  // Evidence titles, if the catalog carries its sources (rules/catalog/sources.yaml).
  if (Array.isArray(cat.sources)) sources = new Map(cat.sources.map((s) => [s.key, s.title]));
}

function normCode(code) {
  const c = code.toUpperCase().replace(/[\s.]/g, '');
  return c.length > 3 ? `${c.slice(0, 3)}.${c.slice(3)}` : c;
}

function lookupCode(code) {
  const c = normCode(code);
  for (let n = c.length; n >= 3; n--) { const hit = catalog.icd.get(c.slice(0, n).replace(/\.$/, '')); if (hit) return hit; }
  return null;
}

function lookupMedication(text) {
  const words = norm(text).split(' ');
  while (words.length) {
    const hit = catalog.medications.get(words.join(' ')) || catalog.classIndex.get(words.join(' '));
    if (hit) return hit;
    const last = words[words.length - 1];
    if (words.length === 1 || !(/\d/.test(last) || DOSE_WORDS.has(last))) return null;
    words.pop();
  }
  return null;
}

function updateHint(row) {
  const hint = row.querySelector('.hint');
  if (!hint || !catalog) return;
  let text = '';
  if (row.classList.contains('condition-row')) {
    const name = val(row, '.condition-name'), code = val(row, '.condition-icd10');
    const byName = name && catalog.conditions.get(norm(name)), byCode = code && lookupCode(code);
    const c = byCode || byName;
    if (c) text = `${c.name}${c.icd10.length ? ` · ICD-10-CM ${c.icd10.join(', ')}` : ''}`;
    if (byName && byCode && byName !== byCode) text = `The name means ${byName.name} but the code means ${byCode.name}: the engine will use the code and warn.`;
    else if (name && !byName && !byCode) text = 'Not in the catalog: it will be sent as written and reported as not recognised.';
    else if (code && !byCode) text = (text ? text + ' · ' : '') + 'Code not found in the catalog: the engine will report it if it cannot resolve it.';
  } else if (row.classList.contains('medication-row')) {
    const name = val(row, '.medication-name'), m = name && lookupMedication(name);
    if (m) text = m.class ? `${m.name} (${m.class})` : `Medication class: ${m.name}`;
    else if (name) text = 'Not in the catalog: it will be sent as written and reported; choose its class if you know it.';
  }
  hint.textContent = text;
}

form.addEventListener('input', (e) => { const row = e.target.closest('.row'); if (row) updateHint(row); });

// ---- Print, copy, new client ----

$('print-card').addEventListener('click', () => window.print());

$('copy-json').addEventListener('click', async () => {
  if (!state) return;
  const status = $('copy-status');
  try {
    await navigator.clipboard.writeText(state.text);
    status.textContent = 'Copied the result as JSON.';
  } catch {
    const area = $('json-fallback');
    $('json-fallback-box').hidden = false;
    area.value = state.text;
    area.focus();
    area.select();
    let copied = false;
    try { copied = document.execCommand('copy'); } catch { /* not supported */ }
    status.textContent = copied ? 'Copied the result as JSON.' : 'The JSON is selected below: press Ctrl+C (⌘C on a Mac) to copy it.';
  }
});

$('new-client').addEventListener('click', () => {
  form.reset();
  for (const kind of Object.keys(ROWS)) { $(ROWS[kind]).replaceChildren(); addRow(kind, false); }
  clearError();
  state = null;
  $('result').hidden = true;
  $('banner').removeAttribute('data-status');
  $('card').replaceChildren();
  $('client-id').focus();
});

// ---- A recorded decision (?decision=ID, the link on a CDS Hooks card) ----

/** The explanation of `technique` as recorded: the points each rule gave, in order. */
async function recordedExplanation(rec, technique) {
  const r = rec.ranking.find((x) => x.technique === technique);
  const e = rec.excluded.find((x) => x.technique === technique);
  let total = 0;
  const contributions = (r ? r.contributions : []).map((c) => ({ ...c, running_total: (total += c.points), reads: [] }));
  const json = { ruleset: rec.ruleset, review: rec.review, excluded: e ? e.reasons : [], uncounted: [], contributions,
    score: r ? r.score : null, rank: r ? r.rank : null };
  return { json, titles: await ruleTitles() };
}

async function showDecision(id) {
  setBusy('Loading the recorded decision…');
  try {
    const { json } = await api('GET', `/v1/decisions/${encodeURIComponent(id)}`);
    const rec = json.result;
    state = { rec, text: JSON.stringify(rec, null, 2), body: null };
    renderResult(rec, { explain: (technique) => recordedExplanation(rec, technique), sourceTitle: (key) => sources.get(key) || key });
    const note = $('decision-note');
    note.textContent = `Recorded decision ${json.id} (${json.origin}, ${json.time}), as it was made with rules ${rec.ruleset.hash.slice(0, 19)}. `
      + 'The explanations show the points each rule gave then; what each rule read is not recorded.';
    note.hidden = false;
    $('profile-json').textContent = '';
    $('result').hidden = false;
    $('banner').focus();
  } catch (err) {
    showError(err, new Map(), '');
  } finally {
    setBusy('');
  }
}

// ---- Start ----

for (const kind of Object.keys(ROWS)) addRow(kind, false);
api('GET', '/v1/catalog').then(({ json }) => {
  loadCatalog(json);
  showRuleset(json.ruleset);
  for (const row of form.querySelectorAll('.row')) updateHint(row);
}, (err) => {
  $('catalog-status').textContent = `The catalog could not be loaded (${err.message}): no suggestions, but free text still works.`;
});
const decision = new URLSearchParams(location.search).get('decision');
if (decision) showDecision(decision);
