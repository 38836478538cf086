// The administrators' page: users of their area, the read models' progress with a rebuild button each, and the
// replay and tamper verifications.
import { api, get, el, query, keepViewOnLanguageSwitch, showErrors, clearErrors, ApiError, today } from './api.js';
import { t } from './i18n.js';

keepViewOnLanguageSwitch();

const row = (cells, tag = 'td') => el('tr', {}, ...cells.map((c) => el(tag, {}, c)));

async function showUsers() {
  const table = document.getElementById('users');
  try {
    const users = await get('/api/admin/users');
    table.replaceChildren(row([t.labels.name, t.labels.role, t.labels.region], 'th'),
      ...users.map((u) => el('tr', { 'data-user': u.username }, el('td', {}, u.username),
                             el('td', {}, t.role[u.role] || u.role), el('td', {}, u.region))));
  } catch (e) {
    table.replaceChildren(row([e.message]));
  }
}

async function showProjections() {
  const table = document.getElementById('projections');
  const { projections } = await get('/api/admin/projections');
  table.replaceChildren(row([t.labels.projection, t.labels.progress, ''], 'th'),
    ...projections.map((p) => el('tr', { 'data-projection': p.name }, el('td', {}, p.name),
      el('td', {}, p.progress === undefined ? '' : `${Math.round(p.progress * 100)}%${p.caughtUp ? ' ✓' : ''}`),
      el('td', {}, el('button', { type: 'button', class: 'secondary', onclick: (e) => rebuild(e.currentTarget, p.name) },
                      t.labels.rebuild)))));
}

async function rebuild(button, name) {
  if (!window.confirm(`${t.labels.rebuild} ${name}?`)) return;
  button.disabled = true;
  try {
    await api('POST', `/api/admin/projections/${encodeURIComponent(name)}/rebuild`);
    await showProjections();
  } catch (e) {
    document.getElementById('admin-error').textContent = e.message;
    button.disabled = false;
  }
}

async function verify(button, path, box, ok) {
  button.disabled = true;
  box.textContent = t.labels.loading;
  try {
    const report = await get(path);
    box.textContent = ok(report) ? `✓ ${t.labels.ok}` : JSON.stringify(report).slice(0, 500);
    box.dataset.ok = String(ok(report));
  } catch (e) {
    box.textContent = e.message;
  } finally {
    button.disabled = false;
  }
}

document.getElementById('verify-replay').addEventListener('click', (e) => verify(e.currentTarget,
  '/api/admin/projections/verify', document.getElementById('verify-replay-result'), (r) => r.differences.length === 0));
document.getElementById('verify-tamper').addEventListener('click', (e) => verify(e.currentTarget,
  '/api/admin/audit/verify', document.getElementById('verify-tamper-result'), (r) => r.intact));

// ---------------------------------------------------------------- committees: kind, trade, full-time mediators

const scope = document.body.dataset.scope;
let area = scope;
let committees = [];

/** Cascading area selects from the administrator's area down to a village; each choice lists its committees. */
async function areaPicker() {
  const box = document.getElementById('committee-area');
  const level = async (parent, depth) => {
    const children = await get(`/api/regions?${query({ parent })}`);
    box.querySelectorAll('select').forEach((s) => { if (Number(s.dataset.depth) >= depth) s.closest('.field').remove(); });
    if (!children.length) return;
    const id = `area-${depth}`;
    const select = el('select', { id, 'data-depth': String(depth) }, el('option', { value: '' }, t.labels.all),
      ...children.map((c) => el('option', { value: c.code }, c.name)));
    select.addEventListener('change', async () => {
      area = select.value || parent;
      await showCommittees();
      if (select.value) await level(select.value, depth + 1);
      else box.querySelectorAll('select').forEach((s) => { if (Number(s.dataset.depth) > depth) s.closest('.field').remove(); });
    });
    box.append(el('div', { class: 'field' }, el('label', { for: id }, t.labels.subRegion), select));
  };
  const own = await get(`/api/regions/${scope}`);
  box.replaceChildren(el('p', {}, `${t.labels.region}：${own.name}`));
  await level(scope, 0);
}

const mediatorText = (m) => `${m.name}（${m.fullTime === true ? t.labels.fullTimeShort : m.fullTime === false
  ? t.labels.partTimeShort : t.labels.notRecorded}）`;

async function showCommittees() {
  const table = document.getElementById('committees');
  committees = await get(`/api/committees?${query({ region: area })}`);
  table.replaceChildren(row([t.labels.name, t.labels.establishedOn, t.labels.committeeKind, t.labels.trade,
    t.labels.mediatorIds], 'th'),
    ...committees.map((c) => el('tr', { 'data-committee': c.id }, el('td', {}, c.name),
      el('td', {}, c.established || t.labels.notRecorded), el('td', {}, kindEditor(c)), el('td', {}, c.trade || ''),
      el('td', {}, ...c.mediators.map((m) => mediatorEditor(c, m))))));
  const choice = document.querySelector('#mediator-form [name="committee"]');
  if (choice) {
    const chosen = choice.value;
    choice.replaceChildren(el('option', { value: '' }, t.labels.choose),
      ...committees.map((c) => el('option', { value: c.id, selected: c.id === chosen }, c.name)));
  }
}

/**
 * A committee's kind as a select with a save button; a trade committee (行业性专业性) also asks for its trade, in place.
 */
function kindEditor(committee) {
  const select = el('select', { 'aria-label': `${committee.name} ${t.labels.committeeKind}`, 'data-kind-of': committee.id },
    el('option', { value: '', selected: !committee.kind }, t.labels.notRecorded),
    ...Object.entries(t.committeeKind).map(([v, label]) => el('option', { value: v, selected: v === committee.kind }, label)));
  const trade = el('input', { type: 'text', maxlength: 50, value: committee.trade || '', placeholder: t.labels.trade,
                              'aria-label': `${committee.name} ${t.labels.trade}`, 'data-trade-of': committee.id });
  const save = el('button', { type: 'button', class: 'secondary', 'data-save-kind-of': committee.id }, t.labels.submit);
  const sync = () => { trade.hidden = select.value !== 'PROFESSIONAL'; save.disabled = !select.value; };
  select.addEventListener('change', sync);
  save.addEventListener('click', () => record(`/api/committees/${encodeURIComponent(committee.id)}/kind`,
    { kind: select.value, trade: select.value === 'PROFESSIONAL' ? trade.value.trim() || null : null },
    () => {
      const now = committees.find((c) => c.id === committee.id);
      return now?.kind === select.value && (select.value !== 'PROFESSIONAL' || now.trade === (trade.value.trim() || null));
    }));
  sync();
  return el('span', { class: 'kind-editor' }, select, ' ', trade, ' ', save);
}

/** A mediator with a tick for full-time: changing it records 专职 or 兼职. */
function mediatorEditor(committee, mediator) {
  const id = `ft-${committee.id}-${mediator.mediatorId}`;
  const tick = el('input', { type: 'checkbox', id, checked: mediator.fullTime === true, 'data-full-time-of': mediator.mediatorId });
  tick.addEventListener('change', () => record(
    `/api/committees/${encodeURIComponent(committee.id)}/mediators/${encodeURIComponent(mediator.mediatorId)}/employment`,
    { fullTime: tick.checked },
    () => committees.find((c) => c.id === committee.id)?.mediators.find((m) => m.mediatorId === mediator.mediatorId)
      ?.fullTime === tick.checked));
  return el('span', { class: 'mediator' }, `${mediatorText(mediator)} `,
            el('label', { for: id, class: 'check' }, tick, t.labels.fullTimeShort), ' ');
}

async function record(path, body, done) {
  const error = document.getElementById('committee-error');
  const table = document.getElementById('committees');
  error.textContent = '';
  table.setAttribute('aria-busy', 'true');
  try {
    await api('POST', path, body);
    await waitFor(() => done(), (ok) => ok);
  } catch (e) {
    if (e instanceof ApiError) error.textContent = e.message; else throw e;
  } finally {
    table.removeAttribute('aria-busy');
  }
}

function field(name, label, node) {
  node.id = `c-${name}`;
  node.setAttribute('data-field', name);
  return el('div', { class: 'field' }, el('label', { for: node.id }, label), node);
}

function committeeForm() {
  const form = document.getElementById('committee-form');
  const kind = el('select', { name: 'kind', required: true }, el('option', { value: '' }, t.labels.choose),
    ...Object.entries(t.committeeKind).map(([v, label]) => el('option', { value: v }, label)));
  const trade = el('input', { name: 'trade', type: 'text', maxlength: 50 });
  const tradeField = field('trade', t.labels.trade, trade);
  tradeField.hidden = true;
  kind.addEventListener('change', () => { tradeField.hidden = kind.value !== 'PROFESSIONAL'; if (tradeField.hidden) trade.value = ''; });
  const result = el('p', { class: 'form-result', role: 'status' });
  form.append(field('name', t.labels.committeeName, el('input', { name: 'name', type: 'text', maxlength: 100, required: true })),
    field('kind', t.labels.committeeKind, kind), tradeField,
    field('date', t.labels.establishedOn, el('input', { name: 'date', type: 'date', value: today(), max: today(), required: true })),
    el('button', { type: 'submit' }, t.labels.submit), result);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const value = (n) => form.querySelector(`[name="${n}"]`).value.trim() || null;
    try {
      await api('POST', '/api/committees', { name: value('name'), regionCode: area, kind: value('kind'),
                                             trade: value('trade'), date: value('date') });
      result.textContent = t.labels.saved;
      form.reset();
      form.querySelector('[name="date"]').value = today();
      tradeField.hidden = true;
      const before = committees.length;
      await waitFor(() => committees.length, (n) => n > before);
    } catch (e) {
      if (e instanceof ApiError) showErrors(form, e); else throw e;
    }
  });
}

function mediatorForm() {
  const form = document.getElementById('mediator-form');
  const result = el('p', { class: 'form-result', role: 'status' });
  const fullTime = el('input', { name: 'fullTime', type: 'checkbox', id: 'c-fullTime' });
  form.append(field('committee', t.labels.committeeId, el('select', { name: 'committee', required: true })),
    field('name', t.labels.name, el('input', { name: 'name', type: 'text', maxlength: 50, required: true })),
    el('div', { class: 'field' }, el('label', { for: 'c-fullTime', class: 'check' }, fullTime, t.labels.fullTime)),
    field('date', t.labels.appointedOn, el('input', { name: 'date', type: 'date', value: today(), max: today(), required: true })),
    el('button', { type: 'submit' }, t.labels.submit), result);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const value = (n) => form.querySelector(`[name="${n}"]`).value.trim() || null;
    const committee = value('committee');
    if (!committee) {
      showErrors(form, { errors: [{ field: 'committee', message: t.labels.required }] });
      return;
    }
    try {
      await api('POST', `/api/committees/${encodeURIComponent(committee)}/mediators`,
                { name: value('name'), fullTime: fullTime.checked, date: value('date') });
      result.textContent = t.labels.saved;
      form.querySelector('[name="name"]').value = '';
      fullTime.checked = false;
      const before = committees.find((c) => c.id === committee)?.mediators.length || 0;
      await waitFor(() => committees.find((c) => c.id === committee)?.mediators.length || 0, (n) => n > before);
    } catch (e) {
      if (e instanceof ApiError) showErrors(form, e); else throw e;
    }
  });
}

/** Re-reads the committees until the read model shows what was just recorded (or gives up after ~10 s). */
async function waitFor(measure, done) {
  for (let i = 0; i < 40; i++) {
    await showCommittees();
    if (done(measure())) return;
    await new Promise((resolve) => { setTimeout(resolve, 250); });
  }
}

showUsers();
showProjections();
committeeForm();
mediatorForm();
areaPicker().then(showCommittees);
