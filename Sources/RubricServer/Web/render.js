// Renders a rubric.recommendation/2 result, its explanation waterfalls (rubric.explanation/2)
// and the printable session card. Safety first, in the CLI's order. All text goes in through
// textContent / text nodes (el() below), never innerHTML.

export const $ = (id) => document.getElementById(id);

export function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v == null || v === false) continue;
    if (k === 'text') e.textContent = v;
    else if (k === 'class') e.className = v;
    else if (k === 'for') e.htmlFor = v;
    else e.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c != null && c !== false) e.append(c);
  return e;
}

const HEADS = {
  failed_closed: 'Failed closed — do not massage on this result',
  referral: 'Refer — do not massage',
  clearance_required: 'Clearance required — do not massage yet',
  review_required: 'Check before treating',
  recommended: 'Recommended',
};
const URGENCY = {
  emergency: 'Emergency: send the client to an emergency department now.',
  same_day: 'Same day: the client should see a doctor today.',
  routine: 'Routine: the client should see a doctor soon, before any massage.',
};
const PROVISIONAL = {
  clearance_required: 'provisional, once cleared',
  review_required: 'provisional, once the items above are checked',
};
const WARNING_LABELS = {
  unknown_term: 'Not recognised', unknown_code: 'Code not recognised', retired_code: 'Retired code',
  unknown_field: 'Field not read', invalid_value: 'Value not allowed', implausible_value: 'Implausible value',
  contradictory: 'Contradiction', reclassified: 'Read as another kind',
};

const signed = (n) => (n > 0 ? '+' : '') + n;
const grade = (g) => g && el('span', { class: `grade grade-${g}`, text: g });
const ruleRef = (f) => f.rule && f.rule !== 'rubric' && el('span', { class: 'rule-id', text: f.rule });
const list = (id, items, make) => $(id).replaceChildren(...items.map(make));
const findingItem = (f, prefix = '') => el('li', {}, prefix, f.text, ' ', grade(f.grade), ' ', ruleRef(f));
const froms = (rec) => [...new Set(rec.clearance.map((c) => c.from))].join('; ');

/** Fills the result area. ctx: {explain(id) → Promise<{json, titles}>, sourceTitle(key)}. */
export function renderResult(rec, ctx) {
  renderBanner(rec);
  renderNotices(rec);
  renderPressure(rec);
  renderRanking(rec, ctx);
  list('excluded', rec.excluded, (e) => el('li', { class: 'excluded-technique', 'data-technique': e.technique },
    el('strong', { text: e.name }),
    el('ul', {}, e.reasons.map((r) => findingItem(r))),
    explainDetails(e.technique, rec, ctx, 'Points it would have had')));
  list('cautions', rec.cautions, (f) => findingItem(f));
  const notes = [...rec.notes.map((f) => findingItem(f)),
    ...rec.profile.notes.map((n) => el('li', { class: 'intake-note' }, `Intake note (${n.field}, not read by rules): `, n.text))];
  $('rule-notes').replaceChildren(...notes);
  renderCard(rec);
}

function renderBanner(rec) {
  const b = $('banner');
  b.className = `banner status-${rec.status}`;
  b.setAttribute('role', rec.status === 'recommended' ? 'status' : 'alert');
  const parts = [el('h3', { text: HEADS[rec.status] || rec.status }), el('p', { class: 'summary', text: rec.summary })];
  if (rec.status === 'failed_closed') {
    parts.push(el('p', { class: 'todo', text: 'Do not massage on the strength of this result. A safety rule could not run, so nobody knows whether treatment is safe. Report it to whoever maintains the rules and run again once it is fixed.' }),
      el('ul', {}, rec.errors.filter((e) => e.safety).map((e) =>
        el('li', { text: `${e.rule || 'the engine'} (${e.error}): ${e.message}${e.location ? ' at ' + e.location : ''}` }))));
  }
  if (rec.referral) {
    parts.push(el('p', { class: 'todo', text: `Do not massage. Refer the client to a physician. ${URGENCY[rec.referral.urgency] || ''}` }));
    for (const r of rec.referral.reasons) {
      parts.push(el('div', { class: 'reason' },
        el('p', {}, el('strong', { text: `${(r.urgency || '').replace('_', ' ')}: ` }), r.text, ' ', grade(r.grade)),
        r.advice && el('p', { class: 'advice' }, el('strong', { text: 'What to do and tell the client: ' }), r.advice)));
    }
  }
  if (rec.clearance.length) {
    parts.push(el('h4', { text: 'Clearance before treatment' }),
      el('ul', {}, rec.clearance.map((c) => findingItem(c, `From ${c.from}: `))),
      el('p', { class: 'advice' }, el('strong', { text: 'Tell the client: ' }),
        `massage waits until they are cleared by ${froms(rec)}. The ranking below applies only once cleared.`));
  }
  if (rec.review.length) {
    parts.push(el('h4', { text: 'What to check' }),
      el('ul', { class: 'review' }, rec.review.map((r) => el('li', {},
        r.field ? el('strong', { text: r.field + ': ' }) : '', r.message, r.rule ? ` (asked by ${r.rule})` : ''))),
      el('p', { class: 'advice', text: 'Check each item with the client before treating: a misspelt red flag is invisible to the rules.' }));
  }
  if (rec.status === 'recommended') {
    parts.push(el('p', { class: 'todo', text: 'Choose from the ranking, highest first. Respect the pressure cap, the cautions and the notes.' }));
  }
  b.replaceChildren(...parts);
  b.dataset.status = rec.status; // last: the browser test waits for it
}

function renderNotices(rec) {
  const items = [
    ...rec.errors.map((e) => el('li', { class: 'notice notice-error' }, el('strong', { text: 'Rule failed: ' }),
      `${e.rule || 'the engine'} (${e.kind || 'host'}): ${e.message}`,
      e.safety ? ' — a safety rule, so the result failed closed.' : ' — its points are missing from the scores.')),
    ...rec.warnings.map((w) => el('li', { class: `notice notice-warning warning-${w.code}` },
      el('strong', { text: `${WARNING_LABELS[w.code] || w.code}: ` }), w.field ? `${w.field}: ` : '', w.message)),
    ...rec.missing.map((m) => el('li', { class: 'notice notice-missing' }, el('strong', { text: 'Missing: ' }), m)),
  ];
  $('notices').replaceChildren(...items);
  $('notices-empty').hidden = items.length > 0;
  $('notices-section').classList.toggle('has-notices', items.length > 0);
}

function renderPressure(rec) {
  const p = rec.pressure_limit, pref = rec.profile.preferences.pressure;
  const box = $('pressure-cap');
  if (p) {
    box.replaceChildren(el('p', { class: 'cap' }, el('strong', { text: `Pressure: ${p.level} or lighter` }),
      pref ? ` (the client prefers ${pref}; a preference never overrides a safety rule)` : ''),
    el('ul', {}, p.reasons.map((r) => findingItem(r))));
  } else {
    box.replaceChildren(el('p', { text: 'No pressure cap from the rules' + (pref ? `; the client prefers ${pref}.` : '.') }));
  }
}

function renderRanking(rec, ctx) {
  const label = PROVISIONAL[rec.status];
  $('ranking-title').textContent = 'Ranking' + (label ? ` (${label})` : '');
  list('ranking', rec.ranking, (r) => {
    const tied = rec.ranking.filter((o) => o.rank === r.rank).length > 1;
    return el('li', { class: 'technique', 'data-technique': r.technique },
      el('div', { class: 'technique-head' },
        el('span', { class: 'rank', text: (tied ? '=' : '') + r.rank + '.' }),
        el('span', { class: 'technique-name', text: r.name }),
        el('span', { class: 'score', title: 'score', text: signed(r.score) })),
      r.cautions.length > 0 && el('ul', { class: 'technique-cautions' }, r.cautions.map((c) => findingItem(c, 'Caution: '))),
      explainDetails(r.technique, rec, ctx, 'How the score was made'));
  });
  const empty = $('ranking-empty');
  empty.hidden = rec.ranking.length > 0;
  empty.textContent = rec.status === 'referral' ? 'No technique is ranked: do not massage; refer the client.'
    : rec.status === 'failed_closed' ? 'No technique is ranked: the result failed closed.' : 'No technique is ranked.';
}

// A <details class="explain"> that loads POST /v1/explain the first time it is opened.
function explainDetails(technique, rec, ctx, title) {
  const body = el('div', { class: 'explain-body' });
  const d = el('details', { class: 'explain' }, el('summary', { text: title }), body);
  d.addEventListener('toggle', () => {
    if (!d.open || d.dataset.loaded) return;
    d.dataset.loaded = 'loading';
    body.replaceChildren(el('p', { class: 'muted', text: 'Loading the explanation…' }));
    ctx.explain(technique).then(({ json, titles }) => {
      renderExplanation(body, json, rec, titles, ctx.sourceTitle);
      d.dataset.loaded = 'yes';
    }, (err) => {
      body.replaceChildren(el('p', { class: 'error', role: 'alert', text: `Could not load the explanation: ${err.message}` }));
      delete d.dataset.loaded;
    });
  });
  return d;
}

/** The ledger: one .ledger-row per rule that gave points, with a running-total bar. */
export function renderExplanation(body, x, rec, titles, sourceTitle) {
  const title = (id) => titles.get(id) || id;
  const parts = [];
  if (x.ruleset.hash !== rec.ruleset.hash) {
    parts.push(el('p', { class: 'error', role: 'alert', text: 'The rules changed since this result was made: press Recommend again.' }));
  }
  if (x.review.length) {
    parts.push(el('p', { class: 'provisional', text: `Provisional: the score does not account for ${x.review.length} item(s) under “Check before treating”.` }));
  }
  if (x.excluded.length) parts.push(el('p', { text: 'Excluded, so it has no score: ' + x.excluded.map((f) => f.text).join(' · ') }));
  if (x.uncounted.length) {
    parts.push(el('ul', { class: 'uncounted' }, x.uncounted.map((u) =>
      el('li', {}, el('span', { class: 'points', text: signed(u.points) }), ' ', el('strong', { text: title(u.rule) }), ` (not counted): ${u.reason}`))));
  }
  const totals = [0, ...x.contributions.map((c) => c.running_total)];
  const lo = Math.min(...totals), span = Math.max(...totals) - lo || 1;
  const pct = (v) => `${((v - lo) / span) * 100}%`;
  const rows = x.contributions.map((c, i) => {
    const from = totals[i], to = c.running_total;
    const bar = el('div', { class: 'bar' });
    bar.style.setProperty('--start', pct(Math.min(from, to)));
    bar.style.setProperty('--len', `${(Math.abs(to - from) / span) * 100}%`);
    return el('li', { class: `ledger-row ${c.points < 0 ? 'negative' : 'positive'}` },
      el('span', { class: 'points', text: signed(c.points) }),
      el('div', { class: 'ledger-main' },
        el('strong', { class: 'rule-title', text: title(c.rule) }), ' ', el('span', { class: 'rule-id', text: c.rule }),
        el('p', { class: 'reason', text: c.reason }),
        el('p', { class: 'meta' }, grade(c.grade), ' Evidence: ', c.evidence.map(sourceTitle).join('; ')),
        c.reads.length > 0 && el('p', { class: 'meta', text: 'Read: ' + c.reads.map((r) => `${r.field} = ${r.value}`).join('; ') })),
      el('div', { class: 'bar-track', 'aria-hidden': 'true' }, bar),
      el('span', { class: 'total', text: `= ${to}` }));
  });
  if (rows.length) parts.push(el('ol', { class: 'waterfall' }, rows));
  if (x.score != null) {
    parts.push(el('p', { class: 'waterfall-total', text: rows.length ? `Score ${x.score}, rank ${x.rank}.` : `No rule gave it points: score ${x.score}, rank ${x.rank}.` }));
  }
  body.replaceChildren(...parts);
}

/** The printed session card: who, when, do / do not, pressure, top 3, cautions. */
function renderCard(rec) {
  const p = rec.profile, top = rec.ranking.slice(0, 3);
  const who = [p.client_id ? `Client ${p.client_id}` : 'Client (no id)', p.age, p.sex].filter((v) => v != null).join(' · ');
  const doList = [], dont = [];
  if (rec.status === 'failed_closed') {
    dont.push('Do not massage on this result: a safety rule failed.');
    doList.push('Report it to whoever maintains the rules; run again once fixed.');
  } else if (rec.referral) {
    dont.push('Do not massage.');
    doList.push(`Refer to a physician. ${URGENCY[rec.referral.urgency] || ''}`);
    for (const r of rec.referral.reasons) doList.push(r.advice || r.text);
  } else {
    if (rec.clearance.length) {
      dont.push(`Do not massage until cleared by ${froms(rec)}.`);
      doList.push(`Get clearance from ${froms(rec)}.`);
    }
    for (const r of rec.review) doList.push(`Check before treating: ${r.message}`);
    if (top.length) doList.push(`Use: ${top[0].name}${rec.status === 'recommended' ? '' : ' (once the above is done)'}.`);
  }
  if (rec.pressure_limit) dont.push(`Do not go above ${rec.pressure_limit.level} pressure.`);
  for (const e of rec.excluded) dont.push(`Do not use ${e.name}: ${e.reasons[0].text}`);
  const cautions = [...rec.cautions.map((c) => c.text), ...top.flatMap((t) => t.cautions.map((c) => `${t.name}: ${c.text}`))];
  const date = new Date().toLocaleDateString(undefined, { year: 'numeric', month: 'long', day: 'numeric' });
  const section = (h, items, cls) => items.length > 0 && el('div', { class: cls }, el('h3', { text: h }), el('ul', {}, items.map((t) => el('li', { text: t }))));
  const noGo = rec.status === 'referral' || rec.status === 'failed_closed';
  $('card').replaceChildren(...[
    el('h2', { text: `Session card · ${who}` }),
    el('p', { class: 'card-meta', text: `${date} · ${HEADS[rec.status] || rec.status}` }),
    section('Do', doList, 'card-do'),
    section('Do not', dont, 'card-dont'),
    !noGo && el('p', { class: 'card-pressure', text: rec.pressure_limit ? `Pressure: ${rec.pressure_limit.level} or lighter` : 'Pressure: no cap from the rules' }),
    top.length > 0 && el('div', {}, el('h3', { text: 'Top techniques' + (PROVISIONAL[rec.status] ? ` (${PROVISIONAL[rec.status]})` : '') }),
      el('ol', {}, top.map((t) => el('li', { text: `${t.name} (score ${t.score})` })))),
    section('Cautions', cautions, 'card-cautions'),
    el('p', { class: 'card-foot', text: `Rubric rules ${rec.ruleset.version ? 'v' + rec.ruleset.version + ' · ' : ''}${rec.ruleset.hash.slice(0, 19)}` }),
  ].filter(Boolean));
}

const ERROR_HEADS = { 400: 'The profile was not accepted', 413: 'The profile is too large', 415: 'The server did not accept the format',
  503: 'The server is busy', 0: 'No answer from the server' };

/** A 4xx/5xx (rubric.error/1) in #form-error: message, field, line; focuses the field's control. */
export function showError(err, fields, body) {
  const e = err.body || {};
  const where = [e.field && `field ${e.field}`, e.line && `line ${e.line}${e.column ? `, column ${e.column}` : ''} of the profile sent`].filter(Boolean).join(', ');
  const parts = [el('strong', { text: `${ERROR_HEADS[err.status] || `Error ${err.status}`}: ` }), err.message];
  if (where) parts.push(el('span', { class: 'where', text: ` (${where})` }));
  if (err.status === 503) parts.push(` Try again in ${err.retryAfter || 1} second(s).`);
  if (e.request_id) parts.push(el('span', { class: 'muted', text: ` Request ${e.request_id}.` }));
  const box = $('form-error');
  box.replaceChildren(el('p', {}, parts));
  if (body && e.line) {
    const numbered = body.split('\n').map((l, i) => `${String(i + 1).padStart(3)}  ${l}`).join('\n');
    box.append(el('details', {}, el('summary', { text: 'Profile sent' }), el('pre', { text: numbered })));
  }
  box.hidden = false;
  // The nearest form control for the field path: conditions[2].icd10, else conditions[2], else conditions.
  let path = e.field || '', control = null;
  while (path && !(control = fields[path])) {
    const up = path.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
    if (up === path) break;
    path = up;
  }
  if (control) { control.setAttribute('aria-invalid', 'true'); control.focus(); } else box.scrollIntoView({ block: 'center' });
}

export function showRuleset(r) {
  $('ruleset-info').textContent = `Rules ${r.version ? 'v' + r.version + ' · ' : ''}${r.hash.slice(0, 19)}${r.rules != null ? ` · ${r.rules} rules in ${r.plugins} plugins` : ''}`;
}
