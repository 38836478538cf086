// The auditors' view: a case by its number, its whole timeline (which step, who in which role, when in Beijing time,
// in which order of the log), the case and the statistics as they stood — by business date or by recorded time —
// and the two verifications (replay and tamper evidence), each finding linked to its case.
import { get, query, el, showErrors, clearErrors, keepViewOnLanguageSwitch, ApiError } from './api.js';
import { t, lang, fill, beijing } from './i18n.js';

keepViewOnLanguageSwitch();
const scope = document.body.dataset.scope;
let current = null;

/** The end of a day in China Standard Time, as an instant. */
const endOfDay = (date) => new Date(`${date}T23:59:59.999+08:00`).toISOString();
/** The end of a minute given in Beijing time (a datetime-local value), as an instant. */
const endOfMinute = (local) => new Date(`${local.slice(0, 16)}:59.999+08:00`).toISOString();
/** Now in Beijing time, as a datetime-local value; today there, as a date. */
const nowInBeijing = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 16);
const today = () => nowInBeijing().slice(0, 10);

const regionNames = new Map();
function nameOf(code) {
  if (!code) return Promise.resolve('');
  if (!regionNames.has(code)) regionNames.set(code, get(`/api/regions/${code}`).then((r) => r.name).catch(() => code));
  return regionNames.get(code);
}

async function facts(view) {
  const dl = el('dl', { class: 'facts' });
  const add = (k, v) => { if (v !== null && v !== undefined && v !== '') dl.append(el('dt', {}, k), el('dd', {}, v)); };
  const [village, unit] = await Promise.all([nameOf(view.villageCode), nameOf(view.handlingUnit)]);
  add(t.labels.caseNumber, view.caseNumber);
  add(t.labels.status, t.status[view.status] || view.status);
  add(t.labels.village, village);
  add(t.labels.handling, `${t.level[view.handlingLevel] || ''} · ${unit}`);
  add(t.labels.grade, t.grade[view.riskGrade]);
  add(t.labels.summary, view.summary);
  add(t.labels.version, view.version);
  if (view.personalDataErased) add(t.labels.parties, t.labels.erased);
  return dl;
}

/** Who acted: the user's name, role and area; the application itself (sample data) reads as the system. */
function actor(e) {
  const info = e.actorInfo || {};
  const roleName = t.roles[info.role || 'SYSTEM'];
  return `${e.actor ?? ''}（${roleName}${info.regionName ? ` · ${info.regionName}` : ''}）`;
}

function timelineEntry(e) {
  const step = t.steps[e.step] || e.type;
  const summary = lang === 'en' ? (e.summaryEn || e.summary) : e.summary;
  return el('li', { 'data-sequence': e.sequence, 'data-type': e.type },
    el('span', { class: 'step' }, step), ` · ${e.date}`,
    el('div', { class: 'meta' },
      `${t.labels.actor}: `, el('span', { class: 'actor' }, actor(e)),
      ` · ${t.labels.recordedAt} `, el('time', { datetime: e.recordedAt, class: 'recorded' }, `${beijing(e.recordedAt)}（${lang === 'en' ? 'Beijing' : '北京时间'}）`),
      ` · ${t.labels.globalSequence} ${e.globalSequence ?? '—'}`),
    summary ? el('div', { class: 'summary' }, summary) : null);
}

async function showCaseView(view) {
  current = view;
  document.getElementById('case-section').hidden = false;
  document.getElementById('case-summary').replaceChildren(await facts(current));
  document.getElementById('case-file-link').href = `/cases/${encodeURIComponent(current.id)}/file`;
  const history = await get(`/api/disputes/${current.id}/history`);
  document.getElementById('timeline').replaceChildren(...history.events.map(timelineEntry));
  document.getElementById('case-as-of').replaceChildren();
}

async function showCase(caseNumber) {
  const form = document.getElementById('find-form');
  clearErrors(form);
  const page = await get(`/api/disputes?${query({ caseNumber })}`);
  if (!page.items.length) {
    showErrors(form, new ApiError(404, { errors: [{ field: 'caseNumber', message: t.labels.notFound }] }));
    document.getElementById('case-section').hidden = true;
    return;
  }
  await showCaseView(page.items[0]);
  const url = `/audit?${query({ case: caseNumber })}`;
  if (window.location.pathname + window.location.search !== url) window.history.pushState({}, '', url);
  document.dispatchEvent(new Event('viewchange'));
}

/** A case by its id (the verifications' findings name aggregates by id). */
async function showCaseById(id) {
  const view = await get(`/api/disputes/${encodeURIComponent(id)}`);
  document.getElementById('case-number').value = view.caseNumber;
  await showCaseView(view);
}

function failed(form, error) {
  if (error instanceof ApiError && error.status === 403) {
    showErrors(form, new ApiError(403, { detail: t.labels.forbidden }));
  } else {
    showErrors(form, error);
  }
}

document.getElementById('find-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const form = e.currentTarget;
  showCase(form.caseNumber.value.trim()).catch((error) => failed(form, error));
});

/** Shows the business-date or the recorded-time input of an as-of form, as its basis says. */
function basis(form) {
  const recorded = form.kind.value === 'recorded';
  form.querySelector('.when-business').hidden = recorded;
  form.querySelector('.when-recorded').hidden = !recorded;
  form.asOfDate.required = !recorded;
  form.asOf.required = recorded;
}

/** The as-of parameters and a heading for the result: asOfDate (a business date) or asOf (a recorded instant). */
function asOfOf(form) {
  if (form.kind.value === 'recorded') {
    const local = form.asOf.value;
    if (!local) throw new ApiError(400, { errors: [{ field: 'asOf', message: t.labels.required }] });
    return { params: { asOf: endOfMinute(local) },
             heading: `${t.labels.asOfRecordedShort} ${local.replace('T', ' ')}（${lang === 'en' ? 'Beijing' : '北京时间'}）` };
  }
  const date = form.asOfDate.value;
  if (!date) throw new ApiError(400, { errors: [{ field: 'asOfDate', message: t.labels.required }] });
  return { params: { asOfDate: date }, heading: `${t.labels.asOfBusinessShort} ${date}` };
}

['case-as-of-form', 'stats-form'].forEach((id) => {
  const form = document.getElementById(id);
  form.kind.addEventListener('change', () => basis(form));
  basis(form);
});

document.getElementById('case-as-of-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const form = e.currentTarget;
  clearErrors(form);
  const box = document.getElementById('case-as-of');
  try {
    const { params, heading } = asOfOf(form);
    try {
      const view = await get(`/api/disputes/${current.id}?${query(params)}`);
      box.replaceChildren(el('p', { class: 'as-of-heading' }, heading), await facts(view));
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        box.replaceChildren(el('p', { class: 'as-of-heading' }, heading), el('p', { class: 'muted' }, t.labels.notYetAsOf));
      } else throw error;
    }
  } catch (error) {
    failed(form, error);
  }
});

// ---------------------------------------------------------------- the region, picked from the directory

const picker = document.getElementById('stats-region-picker');

/** One select per level below the user's area; the deepest choice is the region. */
async function addLevel(parent, depth) {
  const children = await get(`/api/regions?${query({ parent })}`).catch(() => []);
  [...picker.querySelectorAll('.field')].slice(depth).forEach((n) => n.remove());
  if (!children.length) return;
  const id = `stats-region-${depth}`;
  const parentName = await nameOf(parent);
  const select = el('select', { id, 'data-level': depth, 'data-parent': parent },
    el('option', { value: '' }, `${t.labels.all}（${parentName}）`),
    ...children.map((c) => el('option', { value: c.code }, c.name)));
  select.addEventListener('change', () => {
    if (select.value) addLevel(select.value, depth + 1);
    else [...picker.querySelectorAll('.field')].slice(depth + 1).forEach((n) => n.remove());
  });
  picker.append(el('div', { class: 'field' }, el('label', { for: id }, depth === 0 ? t.labels.region : t.labels.subRegion), select));
}

function pickedRegion() {
  const chosen = [...picker.querySelectorAll('select')].map((s) => s.value).filter(Boolean);
  return chosen.length ? chosen[chosen.length - 1] : scope;
}

document.getElementById('stats-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const form = e.currentTarget;
  clearErrors(form);
  const box = document.getElementById('stats-as-of');
  box.replaceChildren(el('p', { class: 'muted' }, t.labels.loading));
  try {
    const { params, heading } = asOfOf(form);
    const region = pickedRegion();
    const stats = await get(`/api/statistics?${query({ region, from: form.from.value, to: form.to.value, ...params })}`);
    // as recorded at an instant, the official report of those dates can be made again as it was then
    const report = params.asOf ? el('p', {}, el('a', { class: 'button', id: 'report-as-of',
      href: `/api/statistics/report?${query({ region, from: form.from.value, to: form.to.value, asOf: params.asOf })}` },
      t.ui.reportAsOf)) : null;
    box.replaceChildren(el('p', { class: 'as-of-heading' }, `${stats.region.name} · ${stats.from} – ${stats.to} · ${heading}`),
      el('table', {}, el('tbody', {}, ...Object.entries(stats.figures).map(([k, v]) =>
        el('tr', { 'data-figure': k }, el('th', { scope: 'row' }, t.figures[k] || k), el('td', {}, v === null ? '—' : String(v)))))),
      report);
    box.dataset.region = stats.region.code;
  } catch (error) {
    box.replaceChildren();
    failed(form, error);
  }
});

// ---------------------------------------------------------------- verifications

/**
 * Runs a verification and shows its answer; meanwhile the time it has taken and, for a replay that says how far it
 * has read the log (progressPath), the share read.
 */
async function verify(button, path, box, summarise, progressPath) {
  button.disabled = true;
  const started = Date.now();
  const progress = el('p', { class: 'muted', role: 'status' }, fill(t.ui.elapsed, { s: 0 }));
  box.replaceChildren(progress);
  let fraction = null;
  const ticker = setInterval(async () => {
    const s = Math.round((Date.now() - started) / 1000);
    if (progressPath) {
      try {
        const now = await get(progressPath);
        fraction = now.running && now.fraction !== null && now.fraction !== undefined ? now.fraction : fraction;
      } catch (e) {
        // the share read is a courtesy: the elapsed time is shown without it
      }
    }
    progress.textContent = fraction === null ? fill(t.ui.elapsed, { s })
      : fill(t.ui.elapsedRead, { s, p: Math.round(fraction * 100) });
    progress.dataset.fraction = fraction ?? '';
  }, 1000);
  try {
    box.replaceChildren(summarise(await get(path)));
  } catch (error) {
    box.replaceChildren(el('p', { class: 'bad' }, error instanceof ApiError && error.status === 403 ? t.labels.forbidden : error.message));
  } finally {
    clearInterval(ticker);
    button.disabled = false;
  }
}

/** A difference the replay found: the area by name, the read model in words, what the replay gives and what is kept. */
function differenceItem(d) {
  const code = /\d{12}/.exec(String(d.path))?.[0];
  const where = el('span', { class: 'difference-region' }, code || t.ui.wholeCity);
  if (code) nameOf(code).then((name) => { where.textContent = name; });
  // a committee's kind in words, its mediators by name; other values as they are kept
  const names = (v) => {
    try { return JSON.parse(v).map((m) => m.name).join('、') || '—'; } catch (e) { return v; }
  };
  const shown = (v) => {
    if (v === null || v === undefined) return '—';
    if (d.field === 'kind') return t.committeeKind[v] || v;
    return d.field === 'mediators' || d.field === 'former' ? names(v) : v;
  };
  // a committee's field by the committee's name and the field's; a statistics bucket by its path, which names its
  // area and month
  const what = d.committee ? `${d.committee} · ${t.committeeField[d.field] || d.field}` : el('code', {}, d.path);
  return el('li', { 'data-path': d.path, title: d.path }, where, ` · ${t.readModel[d.projection] || d.projection} · `,
    what, fill(t.ui.replayedLive, { replayed: shown(d.replayed), live: shown(d.live) }));
}

const caseLink = (id) => (id ? el('a', { href: `/audit?${query({ id })}`, class: 'finding-case' }, t.ui.openTimeline) : null);

document.getElementById('run-replay').addEventListener('click', (e) => verify(e.currentTarget,
  '/api/admin/projections/verify', document.getElementById('replay-result'), (r) => (r.differences.length
    ? el('div', {}, el('p', { class: 'bad' }, `${r.differences.length} ${t.labels.differences}`),
         el('ul', { id: 'differences' }, ...r.differences.slice(0, 50).map(differenceItem)))
    : el('p', { class: 'ok', 'data-ok': 'true' }, `✓ ${t.labels.ok}`)), '/api/admin/projections/verify/progress'));

document.getElementById('run-tamper').addEventListener('click', (e) => verify(e.currentTarget,
  '/api/admin/audit/verify', document.getElementById('tamper-result'), (r) => {
    const checked = el('p', { class: 'muted' }, `${t.ui.checked}: ${r.events ?? '—'} ${t.ui.events} · ${r.aggregates ?? '—'} ${t.ui.aggregates} · ${r.days ?? '—'} ${t.ui.days}`);
    return r.intact
      ? el('div', {}, el('p', { class: 'ok', 'data-ok': 'true' }, `✓ ${t.labels.intact}`), checked)
      : el('div', {}, el('p', { class: 'bad' }, `${r.findings.length} ${t.labels.findings}`), checked,
           el('ul', { id: 'findings' }, ...r.findings.slice(0, 200).map((f) => el('li', {},
             f.day ? `${t.findingKind[f.kind] || f.kind} · ${f.day} ${t.findingNote[f.kind] || f.message || ''} `
               : `${t.findingKind[f.kind] || f.kind} · ${f.aggregateIdentifier ?? ''} #${f.sequenceNumber ?? ''} ${f.message ?? ''} `,
             caseLink(f.aggregateIdentifier && !f.aggregateIdentifier.startsWith('C') ? f.aggregateIdentifier : null)))));
  }));

// ---------------------------------------------------------------- start

const params = new URLSearchParams(window.location.search);
const statsForm = document.getElementById('stats-form');
statsForm.from.value = `${today().slice(0, 4)}-01-01`;
statsForm.to.value = today();
statsForm.asOfDate.value = today();
statsForm.asOf.value = nowInBeijing();
document.getElementById('case-as-of-date').value = today();
document.getElementById('case-as-of-time').value = nowInBeijing();
addLevel(scope, 0);
const findForm = document.getElementById('find-form');
if (params.get('case')) {
  document.getElementById('case-number').value = params.get('case');
  showCase(params.get('case')).catch((error) => failed(findForm, error));
} else if (params.get('id')) {
  showCaseById(params.get('id')).catch((error) => failed(findForm, error));
}
window.addEventListener('popstate', () => {
  const number = new URLSearchParams(window.location.search).get('case');
  if (number) showCase(number).catch((error) => failed(findForm, error));
});
