// The auditors' view: a case by its number, its whole timeline (who did what, when, in which order of the log),
// the case and the statistics as they stood on a date, and the two verifications (replay and tamper evidence).
import { get, query, el, showErrors, clearErrors, today, keepViewOnLanguageSwitch, ApiError, beijingTime } from './api.js';
import { t } from './i18n.js';

keepViewOnLanguageSwitch();
let current = null;

/** The end of a day in China Standard Time, as an instant. */
const endOfDay = (date) => new Date(`${date}T23:59:59.999+08:00`).toISOString();

function facts(view) {
  const dl = el('dl', { class: 'facts' });
  const add = (k, v) => { if (v !== null && v !== undefined && v !== '') dl.append(el('dt', {}, k), el('dd', {}, v)); };
  add(t.labels.caseNumber, view.caseNumber);
  add(t.labels.status, t.status[view.status] || view.status);
  add(t.labels.handling, `${t.level[view.handlingLevel] || ''} ${view.handlingUnit}`);
  add(t.labels.grade, t.grade[view.riskGrade]);
  add(t.labels.summary, view.summary);
  add(t.labels.version, view.version);
  if (view.personalDataErased) add(t.labels.parties, t.labels.erased);
  return dl;
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
  current = page.items[0];
  document.getElementById('case-section').hidden = false;
  document.getElementById('case-summary').replaceChildren(facts(current));
  const history = await get(`/api/disputes/${current.id}/history`);
  document.getElementById('timeline').replaceChildren(...history.events.map((e) => el('li', { 'data-sequence': e.sequence },
    el('strong', {}, e.type), ` · ${e.date} · `, el('span', { class: 'actor' }, e.actor), ` · ${t.labels.recordedAt} `,
    el('time', { datetime: e.recordedAt }, `${beijingTime(e.recordedAt)} ${t.labels.beijing}`),
    ` · ${t.labels.globalSequence} ${e.globalSequence}`, e.summary ? el('div', { class: 'muted' }, e.summary) : null)));
  document.getElementById('case-as-of').replaceChildren();
  const url = `/audit?${query({ case: caseNumber })}`;
  if (window.location.pathname + window.location.search !== url) window.history.pushState({}, '', url);
  document.dispatchEvent(new Event('viewchange'));
}

document.getElementById('find-form').addEventListener('submit', (e) => {
  e.preventDefault();
  showCase(e.currentTarget.caseNumber.value.trim()).catch((error) => showErrors(e.currentTarget, error));
});

document.getElementById('case-as-of-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const form = e.currentTarget;
  clearErrors(form);
  const box = document.getElementById('case-as-of');
  try {
    const view = await get(`/api/disputes/${current.id}?${query({ asOf: endOfDay(form.asOf.value) })}`);
    box.replaceChildren(facts(view));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) box.replaceChildren(el('p', { class: 'muted' }, t.labels.empty));
    else showErrors(form, error);
  }
});

document.getElementById('stats-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const form = e.currentTarget;
  clearErrors(form);
  const box = document.getElementById('stats-as-of');
  box.replaceChildren(el('p', { class: 'muted' }, t.labels.loading));
  try {
    const stats = await get(`/api/statistics?${query({ region: form.region.value.trim(), from: form.from.value,
                                                         to: form.to.value, asOf: endOfDay(form.asOf.value) })}`);
    box.replaceChildren(el('table', {}, el('tbody', {}, ...Object.entries(stats.figures).map(([k, v]) =>
      el('tr', { 'data-figure': k }, el('th', { scope: 'row' }, t.figures[k] || k), el('td', {}, v === null ? '—' : String(v)))))));
  } catch (error) {
    box.replaceChildren();
    showErrors(form, error);
  }
});

async function verify(button, path, box, summarise) {
  button.disabled = true;
  box.replaceChildren(el('p', { class: 'muted' }, t.labels.loading));
  try {
    box.replaceChildren(summarise(await get(path)));
  } catch (error) {
    box.replaceChildren(el('p', { class: 'bad' }, error.message));
  } finally {
    button.disabled = false;
  }
}

document.getElementById('run-replay').addEventListener('click', (e) => verify(e.currentTarget,
  '/api/admin/projections/verify', document.getElementById('replay-result'), (r) => (r.differences.length
    ? el('div', {}, el('p', { class: 'bad' }, `${r.differences.length} ${t.labels.differences}`),
         el('ul', {}, ...r.differences.slice(0, 50).map((d) => el('li', {}, `${d.path}: ${d.replayed} ≠ ${d.live}`))))
    : el('p', { class: 'ok', 'data-ok': 'true' }, `✓ ${t.labels.ok}`))));

document.getElementById('run-tamper').addEventListener('click', (e) => verify(e.currentTarget,
  '/api/admin/audit/verify', document.getElementById('tamper-result'), (r) => (r.intact
    ? el('p', { class: 'ok', 'data-ok': 'true' }, `✓ ${t.labels.intact}`)
    : el('div', {}, el('p', { class: 'bad' }, `${r.findings.length} ${t.labels.findings}`),
         el('ul', {}, ...r.findings.slice(0, 50).map((f) => el('li', {}, `${f.kind} · ${f.aggregateIdentifier ?? ''} #${f.sequenceNumber ?? ''} ${f.message ?? ''}`)))))));

const start = new URLSearchParams(window.location.search).get('case');
const form = document.getElementById('stats-form');
form.from.value = `${new Date().getFullYear()}-01-01`;
form.to.value = today();
form.asOf.value = today();
document.getElementById('case-as-of-date').value = today();
if (start) {
  document.getElementById('case-number').value = start;
  showCase(start).catch(() => {});
}
window.addEventListener('popstate', () => {
  const number = new URLSearchParams(window.location.search).get('case');
  if (number) showCase(number).catch(() => {});
});
