// healguard console: plain DOM code, no framework, no inline script (the page's CSP forbids it).
// Every request goes to the service's public API with the pasted bearer token; the token lives in
// sessionStorage only. Text from the service is always set as textContent, never parsed as HTML.
'use strict';

const TOKEN_KEY = 'healguard.token';
const POLL_MS = 500;

const state = {
  me: null,
  units: new Map(),
  alerts: [],
  policy: null,
  cursor: null,
  serverOffset: 0,
  route: null,
  timelineFor: null,
};

// ---- small helpers --------------------------------------------------------------------------

function $(id) { return document.getElementById(id); }

function el(tag, attrs, ...children) {
  const e = tag.startsWith('svg:')
    ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4))
    : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.setAttribute('class', v);
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

function serverNow() { return Date.now() + state.serverOffset; }

function fmtTime(iso) {
  if (!iso) return '—';
  return new Date(iso).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

function fmtLeft(iso) {
  if (!iso) return null;
  const ms = new Date(iso).getTime() - serverNow();
  if (ms <= 0) return null;
  let s = Math.ceil(ms / 1000);
  const h = Math.floor(s / 3600); s -= h * 3600;
  const m = Math.floor(s / 60); s -= m * 60;
  return (h ? h + 'h ' : '') + (h || m ? m + 'm ' : '') + s + 's';
}

/** Durations as the service writes them: 30s, 10m, 1h30m, 2d. */
function parseDuration(text) {
  let ms = 0;
  const units = { ms: 1, s: 1000, m: 60000, h: 3600000, d: 86400000 };
  for (const [, n, u] of String(text || '').matchAll(/(\d+)(ms|s|m|h|d)/g)) ms += Number(n) * units[u];
  return ms;
}

async function api(method, path, body) {
  const headers = { Authorization: 'Bearer ' + sessionStorage.getItem(TOKEN_KEY) };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer',
  });
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = { detail: text }; }
  if (!res.ok) {
    const err = new Error((json && (json.detail || json.title)) || ('HTTP ' + res.status));
    err.status = res.status;
    throw err;
  }
  return json;
}

function announce(text) { $('live').textContent = text; }

// ---- sign-in --------------------------------------------------------------------------------

async function signIn(token) {
  sessionStorage.setItem(TOKEN_KEY, token);
  try {
    state.me = await api('GET', '/api/v1/whoami');
  } catch (e) {
    sessionStorage.removeItem(TOKEN_KEY);
    state.me = null;
    throw e;
  }
  $('who').textContent = 'Signed in as ' + state.me.name + ' (' + state.me.role + ')';
  $('signout').hidden = false;
  document.body.dataset.role = state.me.role;
}

function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  state.me = null;
  state.cursor = null;
  state.units.clear();
  $('who').textContent = '';
  $('signout').hidden = true;
  delete document.body.dataset.role;
  route();
}

// ---- live updates: only what changed since our cursor ---------------------------------------

let polling = false;
async function poll() {
  if (polling || !state.me || !state.me.mayView) return;
  polling = true;
  try {
    const q = state.cursor ? '?cursor=' + encodeURIComponent(state.cursor) : '';
    const c = await api('GET', '/api/v1/changes' + q);
    state.serverOffset = new Date(c.now).getTime() - Date.now();
    if (c.full) state.units.clear();
    for (const u of c.units) state.units.set(u.unit, u);
    if (c.alerts) state.alerts = c.alerts;
    if (c.policy) state.policy = c.policy;
    state.cursor = c.cursor;
    const changed = new Set(c.units.map(u => u.unit));
    if (c.units.length || c.alerts || c.policy) render(changed);
    $('live').dataset.cursor = c.cursor;
  } catch (e) {
    if (e.status === 401) { signOut(); return; }
    announce('Live updates paused: ' + e.message);
  } finally {
    polling = false;
  }
}

function render(changed) {
  if (state.route === 'fleet') renderFleet();
  if (state.route === 'unit') {
    const name = currentUnit();
    renderUnitFacts(name);
    if (!changed || changed.has(name)) loadTimeline(name);
  }
}

// ---- fleet ----------------------------------------------------------------------------------

const CIRCUIT_ORDER = { OPEN: 0, HALF_OPEN: 1, CLOSED: 2 };

function filteredUnits() {
  const circuit = $('f-circuit').value, tier = $('f-tier').value, text = $('f-text').value.trim().toLowerCase();
  const held = $('f-held').checked, drifted = $('f-drifted').checked, sort = $('f-sort').value;
  const now = serverNow();
  const list = [...state.units.values()].filter(u =>
    (!circuit || u.state.circuit === circuit)
    && (!tier || u.tier === tier)
    && (!held || (u.hold && new Date(u.hold.expiresAt).getTime() > now))
    && (!drifted || (u.drift && u.drift.length > 0))
    && (!text || JSON.stringify([u.unit, u.lastDecision, u.hold, u.drift]).toLowerCase().includes(text)));
  const key = {
    unit: u => u.unit,
    circuit: u => CIRCUIT_ORDER[u.state.circuit] + ':' + u.unit,
    restarts: u => String(1000 - u.state.restartsInWindow).padStart(4, '0') + u.unit,
    tier: u => u.tier + ':' + u.unit,
    next: u => (u.state.nextRestartAllowedAt || '9999') + u.unit,
  }[sort];
  return list.sort((a, b) => key(a).localeCompare(key(b)));
}

function renderFleet() {
  const p = state.policy;
  const line = $('policy-line');
  clear(line);
  if (p) {
    line.append('Policy in force: ', el('code', {}, p.shortVersion), ' loaded ', fmtTime(p.loadedAt));
    if (p.lastRejected) {
      line.append(el('span', { class: 'bad' }, ' · last rejected reload ' + fmtTime(p.lastRejected.at)
        + ' by ' + p.lastRejected.actor + ': ' + (p.lastRejected.problems[0] || '')));
    } else {
      line.append(' · no rejected reload');
    }
  }
  const ul = clear($('alerts'));
  if (!state.alerts.length) ul.append(el('li', { class: 'none' }, 'No active alerts.'));
  for (const a of state.alerts) {
    const rec = a.recommendation || {};
    ul.append(el('li', { class: 'alert sev-' + a.severity },
      el('strong', {}, a.signal), ' ', a.unit === '*' || !a.unit ? 'fleet' : unitLink(a.unit),
      ' since ' + fmtTime(a.since) + ' — ' + (rec.text || ''), ' ', runbookLink(rec)));
  }
  // a live update rebuilds the rows: keep the keyboard focus on the same unit's link
  const active = document.activeElement;
  const focusedRow = active && active.closest && active.closest('#units tr[data-unit]');
  const focusedUnit = focusedRow ? focusedRow.dataset.unit : null;
  const body = clear(document.querySelector('#units tbody'));
  const units = filteredUnits();
  $('units-caption').textContent = 'Units (' + units.length + ' of ' + state.units.size + ')';
  for (const u of units) body.append(unitRow(u));
  if (focusedUnit) {
    const link = [...body.querySelectorAll('tr[data-unit] a')].find(a => a.closest('tr').dataset.unit === focusedUnit);
    if (link) link.focus();
  }
}

function unitLink(name) {
  return el('a', { href: '#/unit/' + encodeURIComponent(name) }, name);
}

function runbookLink(rec) {
  if (!rec || !rec.runbook) return null;
  return el('a', { href: rec.runbook, class: 'runbook', rel: 'noopener' }, 'runbook ' + rec.code);
}

function circuitBadge(s) {
  return el('span', { class: 'circuit c-' + s.circuit }, s.circuit);
}

function countdown(s) {
  if (s.circuit === 'OPEN' && s.cooloffUntil) return ['cool-off', s.cooloffUntil];
  if (s.cooldownActive && s.cooldownUntil) return ['cooldown', s.cooldownUntil];
  return null;
}

function unitRow(u) {
  const s = u.state;
  const cd = countdown(s);
  const holdOn = u.hold && new Date(u.hold.expiresAt).getTime() > serverNow();
  const d = u.lastDecision;
  return el('tr', { 'data-unit': u.unit, class: 'row-' + s.circuit },
    el('th', { scope: 'row' }, unitLink(u.unit)),
    el('td', {}, u.tier.toLowerCase()),
    el('td', {}, u.lastReport ? u.lastReport.status + causeOf(u.lastReport, ' · ') : '—'),
    el('td', {}, circuitBadge(s)),
    el('td', {}, el('meter', { min: 0, max: s.maxRestarts, value: s.restartsInWindow, 'aria-label': 'restarts of ' + u.unit }),
      ' ' + s.restartsInWindow + ' / ' + s.maxRestarts + ' in ' + s.window),
    el('td', {}, cd ? el('span', { class: 'countdown', 'data-until': cd[1], 'data-what': cd[0] }, cd[0] + ' ' + (fmtLeft(cd[1]) || 'over')) : '—'),
    el('td', {}, nextAllowed(s)),
    el('td', { class: 'hold' }, holdOn ? u.hold.actor + ': ' + (u.hold.reason || '') + ' until ' + fmtTime(u.hold.expiresAt) : '—'),
    el('td', {}, u.drift && u.drift.length ? u.drift.map(f => f.severity + ' ' + f.kind).join(', ') : '—'),
    el('td', {}, d ? d.action + ' ' + d.reason + ' (' + d.rule + ')' : '—'));
}

/** The causes table's class of a DOWN report that carried a cause (issue 12), after prefix; else ''. */
function causeOf(r, prefix) {
  const c = r && r.classification;
  return c && c.causeClass && r.cause ? prefix + c.causeClass : '';
}

/** The feed does not resend a unit whose next restart is simply "now": past times read as now. */
function nextAllowed(s) {
  if (!s.nextRestartAllowedAt) return s.circuit === 'HALF_OPEN' ? 'after the probe' : 'not by time alone';
  return new Date(s.nextRestartAllowedAt).getTime() <= serverNow() ? 'now' : fmtTime(s.nextRestartAllowedAt);
}

function tick() {
  for (const c of document.querySelectorAll('.countdown')) {
    c.textContent = c.dataset.what + ' ' + (fmtLeft(c.dataset.until) || 'over');
  }
}

// ---- unit page ------------------------------------------------------------------------------

function currentUnit() { return decodeURIComponent(location.hash.slice('#/unit/'.length)); }

function renderUnitFacts(name) {
  const u = state.units.get(name);
  $('unit-h').textContent = name;
  const dl = clear($('unit-facts'));
  if (!u) { dl.append(el('dt', {}, 'State'), el('dd', {}, 'not known (yet)')); return; }
  const s = u.state;
  const cd = countdown(s);
  const fact = (k, v) => dl.append(el('dt', {}, k), el('dd', {}, v));
  fact('Tier', u.tier.toLowerCase());
  fact('Last status', u.lastReport ? u.lastReport.status + ' at ' + fmtTime(u.lastReport.at)
    + (u.lastReport.source ? ' from ' + u.lastReport.source : '') : '—');
  const cause = causeOf(u.lastReport, '');
  if (cause) fact('Failure cause', cause + (u.lastReport.classification.matchedLine ? ': ' + u.lastReport.classification.matchedLine : '')
    + (u.lastReport.classification.row ? ' (' + u.lastReport.classification.row + ')' : ''));
  fact('Circuit', circuitBadge(s));
  fact('Restarts in window', s.restartsInWindow + ' of ' + s.maxRestarts + ' in ' + s.window);
  fact('Cooldown / cool-off', cd ? el('span', { class: 'countdown', 'data-until': cd[1], 'data-what': cd[0] }, cd[0] + ' ' + (fmtLeft(cd[1]) || 'over')) : '—');
  fact('Next restart allowed', nextAllowed(s));
  fact('DOWN reports pending', String(s.downCount));
  fact('Hold', u.hold && new Date(u.hold.expiresAt).getTime() > serverNow()
    ? u.hold.actor + ': ' + (u.hold.reason || '') + ' until ' + fmtTime(u.hold.expiresAt) : 'none');
  fact('Drift', u.drift && u.drift.length ? u.drift.map(f => f.severity + ' ' + f.kind + ': ' + (f.detail || '')).join('; ') : 'none');
  const rec = u.recommendation || (u.lastDecision && u.lastDecision.recommendation);
  const p = clear($('unit-rec'));
  if (rec) p.append(el('strong', {}, 'Recommendation: '), rec.text + ' ', runbookLink(rec));
  $('actions').hidden = !(state.me && state.me.mayOperate);
}

const KIND = { RESTART: 'restart', RESTART_BLOCKED: 'block', ESCALATED: 'escalation', RESTART_EXECUTED: 'executed' };

async function loadTimeline(name) {
  let events;
  try {
    events = (await api('GET', '/api/v1/audit?limit=200&since=6h&unit=' + encodeURIComponent(name))).events;
  } catch (e) {
    announce('Timeline not loaded: ' + e.message);
    return;
  }
  if (currentUnit() !== name) return;
  const body = clear(document.querySelector('#timeline tbody'));
  for (const e of events) {
    const kind = KIND[e.type] || e.type.toLowerCase().replace(/_/g, ' ');
    body.append(el('tr', { class: 'ev ev-' + e.type },
      el('td', {}, fmtTime(e.at)),
      el('td', {}, el('span', { class: 'kind k-' + e.type }, kind)),
      el('td', {}, e.input ? (e.input.status || e.input.mode || e.input.kind || JSON.stringify(e.input)) : '—'),
      el('td', {}, e.action || '—'),
      el('td', {}, e.reason || '—'),
      el('td', {}, e.rule || '—'),
      el('td', {}, e.actor || '—')));
  }
  drawChart(name, events);
}

/** Restarts in the churn window at each restart, as a step line under the window's limit. */
function drawChart(name, events) {
  const u = state.units.get(name);
  const box = clear($('chart'));
  if (!u) return;
  const windowMs = parseDuration(u.state.window) || 600000;
  const max = u.state.maxRestarts;
  const restarts = events.filter(e => e.type === 'RESTART').map(e => new Date(e.at).getTime()).sort((a, b) => a - b);
  // up to the last 6 hours, but no wider than a quarter more than the restarts span (and one window)
  const end = serverNow();
  const span = restarts.length ? end - restarts[0] : 0;
  const start = end - Math.min(6 * 3600000, Math.max(windowMs, span * 1.25));
  const W = 640, H = 160, pad = 28;
  const x = t => pad + (W - 2 * pad) * (t - start) / (end - start);
  const yMax = Math.max(max, ...restarts.map((_, i) => i + 1)) + 1;
  const y = n => H - pad - (H - 2 * pad) * n / yMax;
  const points = [[start, 0]];
  for (let i = 0; i < restarts.length; i++) {
    const t = restarts[i];
    const n = restarts.filter(r => r > t - windowMs && r <= t).length;
    points.push([t, points[points.length - 1][1]], [t, n]);
  }
  points.push([end, restarts.filter(r => r > end - windowMs).length]);
  const svg = el('svg:svg', { viewBox: '0 0 ' + W + ' ' + H, width: W, height: H, role: 'img',
    'aria-label': restarts.length + ' restarts of ' + name + ' since ' + fmtTime(new Date(start).toISOString()) + '; the limit is ' + max + ' in ' + u.state.window });
  svg.append(el('svg:line', { x1: pad, y1: y(max), x2: W - pad, y2: y(max), class: 'limit' }));
  svg.append(el('svg:text', { x: pad + 2, y: y(max) - 4, class: 'label' }, 'limit ' + max + ' / ' + u.state.window));
  svg.append(el('svg:polyline', { points: points.map(([t, n]) => x(t).toFixed(1) + ',' + y(n).toFixed(1)).join(' '), class: 'count' }));
  for (const t of restarts) svg.append(el('svg:circle', { cx: x(t).toFixed(1), cy: H - pad, r: 3, class: 'restart' }));
  svg.append(el('svg:line', { x1: pad, y1: H - pad, x2: W - pad, y2: H - pad, class: 'axis' }));
  svg.append(el('svg:text', { x: pad, y: H - 8, class: 'label' }, fmtTime(new Date(start).toISOString())));
  svg.append(el('svg:text', { x: W - pad - 24, y: H - 8, class: 'label' }, 'now'));
  box.append(svg);
}

// ---- actions with a preview -----------------------------------------------------------------

let previewSeq = 0;
async function updatePreview() {
  const name = currentUnit();
  const mode = $('a-mode').value;
  $('a-ttl-box').hidden = mode !== 'HOLD';
  const q = new URLSearchParams({ mode: mode === 'MANUAL' ? 'FORCE_RESTART' : mode });
  if (mode === 'HOLD' && $('a-ttl').value.trim()) q.set('ttl', $('a-ttl').value.trim());
  // the preview checks what the override will check; without a reason yet it still says what the
  // action would do, and that a reason is needed to submit it
  const reason = $('a-reason').value.trim();
  q.set('reason', reason || 'preview');
  const mine = ++previewSeq;
  try {
    const p = await api('GET', '/api/v1/units/' + encodeURIComponent(name) + '/preview?' + q);
    if (mine === previewSeq) {
      $('preview').textContent = (reason ? '' : 'Give a reason to submit. ') + p.text;
      $('preview').className = 'preview';
    }
  } catch (e) {
    if (mine === previewSeq) { $('preview').textContent = e.message; $('preview').className = 'preview error'; }
  }
}

async function submitAction(ev) {
  ev.preventDefault();
  const name = currentUnit();
  const mode = $('a-mode').value;
  const reason = $('a-reason').value.trim() || undefined;
  const out = clear($('result'));
  try {
    let d;
    if (mode === 'MANUAL') {
      d = await api('POST', '/api/v1/units/' + encodeURIComponent(name) + '/restart', { reason });
    } else {
      const body = { mode, reason };
      if (mode === 'HOLD' && $('a-ttl').value.trim()) body.ttl = $('a-ttl').value.trim();
      d = await api('POST', '/api/v1/units/' + encodeURIComponent(name) + '/overrides', body);
    }
    out.append(el('strong', {}, 'Decided: '), d.action + ' ' + d.reason + ', row ' + d.rule + ' (policy ' + String(d.policyVersion).slice(0, 12) + ')');
    if (d.execution) out.append(' · executed: ' + (d.execution.result || JSON.stringify(d.execution)));
    out.className = 'result ok';
    await poll();
    loadTimeline(name);
    updatePreview();
  } catch (e) {
    out.textContent = 'Refused: ' + e.message;
    out.className = 'result error';
  }
}

// ---- policy page ----------------------------------------------------------------------------

async function renderPolicy() {
  const p = await api('GET', '/api/v1/policy');
  const meta = clear($('policy-meta'));
  meta.append('Version ', el('code', {}, p.shortVersion), ' loaded ' + fmtTime(p.loadedAt) + ' from ' + (p.source || '?'));
  if (p.lastRejected) meta.append(el('span', { class: 'bad' }, ' · last rejected reload ' + fmtTime(p.lastRejected.at)));
  if (p.pinned) {
    meta.append(' · pinned by ' + p.pinned.actor + "'s rollback to ", el('code', {}, String(p.pinned.version).slice(0, 12)),
      ' at ' + fmtTime(p.pinned.at));
  }

  const v = await api('GET', '/api/v1/policy/versions');
  const vb = clear(document.querySelector('#versions tbody'));
  const admin = state.me && state.me.mayAdminister;
  for (const a of v.versions) {
    const last = a.lastActivation;
    vb.append(el('tr', { 'data-version': a.version, class: a.active ? 'in-force' : null },
      el('td', {}, el('code', {}, a.shortVersion)),
      el('td', {}, fmtTime(a.firstActivatedAt)),
      el('td', {}, String((a.activations || []).length)),
      el('td', {}, last ? last.how + ' by ' + last.actor + ' at ' + fmtTime(last.at) : '—'),
      el('td', {}, a.active ? 'in force' : admin
        ? el('button', { type: 'button', class: 'rollback', onclick: () => rollback(a.version) }, 'Roll back to ' + a.shortVersion)
        : 'archived')));
  }

  await renderPolicyHistory();

  const s = await api('GET', '/api/v1/policy/shadow');
  renderShadow(s);

  const t = await api('GET', '/api/v1/policy/tables');
  renderTables(t);
}

const POLICY_EVENTS = { POLICY_ACTIVATED: 'activated', POLICY_ROLLED_BACK: 'rolled back', POLICY_REJECTED: 'rejected' };

/** The policy's audit events (one query per type: the audit filters by one type at a time). */
async function renderPolicyHistory() {
  const lists = await Promise.all(Object.keys(POLICY_EVENTS).map(type =>
    api('GET', '/api/v1/audit?limit=20&type=' + type).then(r => r.events)));
  const events = lists.flat().sort((a, b) => String(b.at).localeCompare(String(a.at))).slice(0, 20);
  const body = clear(document.querySelector('#policy-history tbody'));
  for (const e of events) {
    const d = e.detail || {};
    const detail = e.type === 'POLICY_REJECTED' ? (d.problems || []).join('; ')
      : d.previousVersion ? 'was ' + String(d.previousVersion).slice(0, 12) : '';
    body.append(el('tr', { class: 'ev ev-' + e.type },
      el('td', {}, fmtTime(e.at)),
      el('td', {}, POLICY_EVENTS[e.type]),
      el('td', {}, e.actor || '—'),
      el('td', {}, el('code', {}, String(e.policyVersion || '').slice(0, 12))),
      el('td', {}, detail)));
  }
}

/** The shadow candidate's disagreements with the live policy: what each would have done. */
function renderShadow(s) {
  const sh = clear($('shadow'));
  if (!s.enabled) { sh.append(el('p', {}, s.detail)); return; }
  sh.append(el('p', {}, s.disagreements + ' disagreements in ' + s.compared + ' compared decisions since ' + fmtTime(s.since)
    + ' (candidate ' + String(s.shadowVersion || '?').slice(0, 12) + ' from ' + s.tablesDir + ')'));
  const latest = s.latest || [];
  if (latest.length) {
    const verdict = x => x ? x.action + ' ' + x.reason + ' (' + (x.rule || x.row) + ')' : '—';
    sh.append(el('table', { id: 'shadow-cases' },
      el('caption', {}, 'Latest disagreements, newest first'),
      el('thead', {}, el('tr', {}, ['Time', 'Unit', 'Input', 'Live decision', 'Candidate would'].map(h => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, latest.map(x => el('tr', {},
        el('td', {}, fmtTime(x.live && x.live.at)),
        el('td', {}, x.live ? x.live.unit : '—'),
        el('td', {}, x.live ? x.live.input : '—'),
        el('td', {}, verdict(x.live)),
        el('td', {}, verdict(x.shadow)))))));
  }
  sh.append(el('p', { class: 'hint' }, s.caveat || ''));
}

/** Every table of the version in force, row for row as runbook/README.md shows it. */
function renderTables(t) {
  const meta = clear($('tables-meta'));
  meta.append('As the runbook shows them (runbook/README.md, generated from the same files): version ',
    el('code', {}, t.shortVersion), ', read from ' + t.from);
  const box = clear($('tables'));
  t.tables.forEach((tb, i) => {
    const id = 'table-' + i;
    box.append(el('h3', { id: id + '-h' }, tb.title));
    for (const n of tb.notes) box.append(el('p', { class: 'hint' }, n));
    box.append(el('table', { class: 'rules', 'aria-labelledby': id + '-h', 'data-title': tb.title },
      el('thead', {}, el('tr', {}, tb.head.map(h => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, tb.rows.map(r => el('tr', {}, r.map((c, j) => j === 0 ? el('th', { scope: 'row' }, c) : el('td', {}, c)))))));
  });
}

async function rollback(version) {
  const out = clear($('rollback-result'));
  try {
    const o = await api('POST', '/api/v1/policy/rollback', { version });
    out.textContent = 'Rolled back: ' + String(o.version).slice(0, 12) + ' is in force (was '
      + String(o.previousVersion).slice(0, 12) + ')';
  } catch (e) {
    out.textContent = 'Refused: ' + e.message;
  }
  renderPolicy();
}

// ---- routing --------------------------------------------------------------------------------

function show(id) {
  for (const s of ['signin', 'fleet', 'unit', 'policy']) $(s).hidden = s !== id;
  state.route = id;
}

async function route() {
  if (!sessionStorage.getItem(TOKEN_KEY)) { show('signin'); $('token').focus(); return; }
  if (!state.me) {
    try { await signIn(sessionStorage.getItem(TOKEN_KEY)); } catch (e) { show('signin'); return; }
  }
  if (!state.me.mayView) {
    show('signin');
    $('signin-error').textContent = 'Token ' + state.me.name + ' has role ' + state.me.role + ': it may only send reports. Sign in with a viewer token or higher.';
    return;
  }
  const h = location.hash || '#/';
  if (h.startsWith('#/unit/')) {
    show('unit');
    renderUnitFacts(currentUnit());
    $('result').textContent = '';
    loadTimeline(currentUnit());
    if (state.me.mayOperate) updatePreview();
    $('unit-h').focus();
  } else if (h === '#/policy') {
    show('policy');
    $('policy-h').focus();
    renderPolicy().catch(e => announce('Policy not loaded: ' + e.message));
  } else {
    show('fleet');
    renderFleet();
    $('fleet-h').focus();
  }
  poll();
}

function start() {
  $('signin-form').addEventListener('submit', async ev => {
    ev.preventDefault();
    $('signin-error').textContent = '';
    try {
      await signIn($('token').value.trim());
      $('token').value = '';
      route();
    } catch (e) {
      $('signin-error').textContent = 'Sign-in refused: ' + e.message;
    }
  });
  $('signout').addEventListener('click', signOut);
  for (const id of ['f-circuit', 'f-tier', 'f-held', 'f-drifted', 'f-sort']) $(id).addEventListener('change', renderFleet);
  $('f-text').addEventListener('input', renderFleet);
  $('filters').addEventListener('submit', ev => ev.preventDefault());
  $('a-mode').addEventListener('change', updatePreview);
  $('a-ttl').addEventListener('input', updatePreview);
  $('a-reason').addEventListener('input', updatePreview);
  $('action-form').addEventListener('submit', submitAction);
  window.addEventListener('hashchange', route);
  setInterval(poll, POLL_MS);
  setInterval(tick, 1000);
  route();
}

document.addEventListener('DOMContentLoaded', start);
