// The mediators' workbench: open cases with overdue colours, a centre's inbox, the registration form and every
// next step of a case. Phone-width first; every form shows the API's refusals beside the field they name.
import { api, get, query, el, showErrors, clearErrors, levelOf, today, keepViewOnLanguageSwitch, ApiError, newKey }
  from './api.js';
import { t } from './i18n.js';
import * as outbox from './outbox.js';

const scope = document.body.dataset.scope;

keepViewOnLanguageSwitch();

// ---------------------------------------------------------------- case lists

// The list's state lives in the URL (?stage=&q=&page=&case=), so a reload shows the same cases and the same case.
const PAGE_SIZE = 10;
const view = new URLSearchParams(window.location.search);
const state = {
  stage: view.get('stage') || 'OPEN',
  q: view.get('q') || '',
  page: Math.max(0, Number(view.get('page')) || 0),
  case: view.get('case') || null,
};

function remember() {
  const params = new URLSearchParams(window.location.search);
  const set = (k, v) => { if (v) params.set(k, v); else params.delete(k); };
  set('stage', state.stage === 'OPEN' ? null : state.stage);
  set('q', state.q);
  set('page', state.page ? String(state.page) : null);
  set('case', state.case);
  const search = params.toString();
  window.history.replaceState(null, '', search ? `?${search}` : window.location.pathname);
  document.dispatchEvent(new Event('viewchange'));
}

const placeName = (name, code) => (name ? `${name}（${code}）` : code);

function caseItem(item) {
  const colour = item.overdueColour;
  return el('li', {},
    el('button', { type: 'button', class: 'case', 'data-id': item.id, 'data-status': item.status,
                   onclick: () => openCase(item.id) },
      colour ? el('span', { class: `dot ${colour}`, title: t.colour[colour], 'aria-label': t.colour[colour] }) : null,
      el('span', { class: 'case-number' }, item.caseNumber),
      el('span', { class: 'status' }, t.status[item.status] || item.status),
      el('span', { class: 'summary' }, item.summary),
      el('span', { class: 'case-meta' }, [item.villageName || item.villageCode, item.registeredOn].join(' · ')),
      item.daysOpen !== undefined ? el('span', { class: 'days' }, `${t.labels.daysOpen} ${item.daysOpen}`) : null));
}

async function fillList(list, path, onPage) {
  list.replaceChildren(el('li', { class: 'muted' }, t.labels.loading));
  try {
    const page = await get(path);
    list.replaceChildren(...(page.items.length ? page.items.map(caseItem) : [el('li', { class: 'muted' }, t.labels.empty)]));
    if (onPage) onPage(page);
  } catch (e) {
    list.replaceChildren(el('li', { class: 'error' }, e instanceof ApiError ? e.message : t.labels.offline));
  }
}

function showTabs() {
  document.querySelectorAll('#case-tabs [data-stage]').forEach((tab) => {
    tab.setAttribute('aria-selected', String(tab.dataset.stage === state.stage));
  });
  document.getElementById('case-query').value = state.q;
}

function refreshLists() {
  showTabs();
  const list = document.getElementById('case-list');
  const path = `/api/disputes?${query({ stage: state.stage, q: state.q, page: state.page, size: PAGE_SIZE })}`;
  return Promise.all([
    fillList(list, path, (page) => {
      const pages = Math.max(1, Math.ceil(page.total / PAGE_SIZE));
      document.getElementById('page-info').textContent = `${t.labels.page} ${state.page + 1} / ${page.complete ? pages : `${pages}+`}`;
      document.getElementById('page-prev').disabled = state.page === 0;
      document.getElementById('page-next').disabled = (state.page + 1) * PAGE_SIZE >= page.total;
    }),
    levelOf(scope) !== 'VILLAGE' ? (document.getElementById('inbox-panel').hidden = false,
      fillList(document.getElementById('inbox'),
               `/api/disputes?${query({ handlingUnit: scope, status: 'ESCALATED', size: 50 })}`)) : null,
  ]);
}

document.querySelectorAll('#case-tabs [data-stage]').forEach((tab) => tab.addEventListener('click', () => {
  state.stage = tab.dataset.stage;
  state.page = 0;
  remember();
  refreshLists();
}));
document.getElementById('case-search').addEventListener('submit', (event) => {
  event.preventDefault();
  state.q = document.getElementById('case-query').value.trim();
  state.page = 0;
  remember();
  refreshLists();
});
document.getElementById('page-prev').addEventListener('click', () => { state.page = Math.max(0, state.page - 1); remember(); refreshLists(); });
document.getElementById('page-next').addEventListener('click', () => { state.page += 1; remember(); refreshLists(); });

// ---------------------------------------------------------------- form building

let fieldCount = 0;

function labelled(name, label, input) {
  const id = `f${++fieldCount}`;
  input.id = id;
  if (!input.getAttribute('data-field')) input.setAttribute('data-field', name);
  return el('div', { class: 'field' }, el('label', { for: id }, label), input);
}

function select(name, options, { required = true, value } = {}) {
  const node = el('select', { name, required },
    el('option', { value: '' }, t.labels.choose),
    ...Object.entries(options).map(([v, label]) => el('option', { value: v, selected: v === value }, label)));
  return node;
}

const input = (name, type = 'text', attrs = {}) => el('input', { name, type, ...attrs });

// ---------------------------------------------------------------- registration

let registrationId = newKey();

/** A village picker for the caller's area: its one village, or town (for a county or city) and village. */
async function villagePicker() {
  const village = select('villageCode', {});
  const towns = select('town', {}, { required: false });
  const level = levelOf(scope);
  const nodes = [];
  if (level === 'VILLAGE') {
    const region = await get(`/api/regions/${scope}`);
    village.replaceChildren(el('option', { value: scope, selected: true }, region.name));
  } else {
    const loadVillages = async (parent) => {
      const villages = parent ? await get(`/api/regions?${query({ parent })}`) : [];
      village.replaceChildren(el('option', { value: '' }, t.labels.choose),
                              ...villages.map((v) => el('option', { value: v.code }, v.name)));
      village.dispatchEvent(new Event('change'));
    };
    if (level === 'TOWN') {
      await loadVillages(scope);
    } else {
      const loadTowns = async (parent) => (await get(`/api/regions?${query({ parent })}`));
      let townList = await loadTowns(scope);
      if (level === 'CITY') townList = (await Promise.all(townList.map((c) => loadTowns(c.code)))).flat();
      towns.replaceChildren(el('option', { value: '' }, t.labels.choose),
                            ...townList.map((r) => el('option', { value: r.code }, r.name)));
      towns.addEventListener('change', () => loadVillages(towns.value));
      nodes.push(labelled('town', t.labels.town, towns));
    }
  }
  return [village, ...nodes];
}

async function buildRegisterForm() {
  const box = document.getElementById('register-fields');
  const fields = (await get('/api/fields')).fields;
  const fieldOptions = Object.fromEntries(fields.map((f) => [f.code, document.documentElement.lang === 'en' ? f.nameEn : f.name]));
  const [village, ...picker] = await villagePicker();
  box.append(...picker);
  const parties = el('div', { class: 'parties' });
  const addParty = () => {
    const index = parties.children.length;
    const at = (name) => `parties[${index}].${name}`;
    const row = el('fieldset', { class: 'party' }, el('legend', {}, `${t.labels.parties} ${index + 1}`),
      labelled(at('role'), t.labels.role, select(`party-role`, t.partyRole, { value: index === 0 ? 'APPLICANT' : 'RESPONDENT' })),
      labelled(at('name'), t.labels.name, input('party-name', 'text', { maxlength: 50, autocomplete: 'off' })),
      labelled(at('idNumber'), t.labels.idNumber, input('party-idNumber', 'text', { maxlength: 18, inputmode: 'text', autocomplete: 'off' })),
      labelled(at('phone'), t.labels.phone, input('party-phone', 'tel', { maxlength: 13, autocomplete: 'off' })));
    parties.append(row);
  };
  addParty();
  box.append(
    labelled('villageCode', t.labels.village, village),
    labelled('field', t.labels.field, select('field', fieldOptions)),
    labelled('source', t.labels.source, select('source', t.source)),
    referrerField(box),
    labelled('summary', t.labels.summary, el('textarea', { name: 'summary', maxlength: 2000, rows: 3, required: true })),
    labelled('date', t.labels.date, input('date', 'date', { value: today(), max: today(), required: true })),
    labelled('occurredOn', t.labels.occurredOn, input('occurredOn', 'date', { max: today() })),
    labelled('peopleInvolved', t.labels.peopleInvolved, input('peopleInvolved', 'number', { min: 1, value: 2, required: true })),
    labelled('amountInvolved', t.labels.amountInvolved, input('amountInvolved', 'number', { min: 0, step: '0.01' })),
    el('h3', {}, t.labels.parties), parties,
    el('button', { type: 'button', class: 'secondary', onclick: addParty }, t.labels.addParty),
    el('button', { type: 'submit', id: 'register-submit' }, t.labels.register));
}

/** Who referred a referral (接受委托移送): asked only when the source is a referral. */
function referrerField(form) {
  const field = labelled('referredBy', t.labels.referredBy, select('referredBy', t.referrer, { required: false }));
  field.hidden = true;
  queueMicrotask(() => {
    const source = form.querySelector('[name="source"]');
    const sync = () => {
      field.hidden = source.value !== 'REFERRAL';
      if (field.hidden) field.querySelector('select').value = '';
    };
    source.addEventListener('change', sync);
    sync();
  });
  return field;
}

function registrationBody(form) {
  const value = (name) => form.querySelector(`[name="${name}"]`)?.value.trim() || null;
  const parties = [...form.querySelectorAll('.party')].map((row) => ({
    role: row.querySelector('[name="party-role"]').value || null,
    name: row.querySelector('[name="party-name"]').value.trim() || null,
    idNumber: row.querySelector('[name="party-idNumber"]').value.trim() || null,
    phone: row.querySelector('[name="party-phone"]').value.trim() || null,
  }));
  const number = (name) => (value(name) === null ? null : Number(value(name)));
  return {
    id: registrationId, villageCode: value('villageCode'), field: value('field'), source: value('source'),
    summary: value('summary'), date: value('date'), occurredOn: value('occurredOn'),
    peopleInvolved: number('peopleInvolved'), amountInvolved: number('amountInvolved'), parties,
    referredBy: value('referredBy'),
  };
}

document.getElementById('register-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  const button = form.querySelector('#register-submit');
  if (button.disabled) return; // a double tap sends once; a retry after a lost answer reuses the same id and key
  button.disabled = true;
  clearErrors(form);
  const result = form.querySelector('.form-result');
  let done = false;
  try {
    const { data } = await api('POST', '/api/disputes', registrationBody(form), { 'Idempotency-Key': registrationId });
    result.textContent = `${t.labels.registered} ${data.caseNumber}`;
    result.dataset.caseNumber = data.caseNumber;
    registrationId = newKey();
    done = true;
    form.querySelectorAll('textarea, input[name^="party-"], input[name="amountInvolved"]').forEach((i) => { i.value = ''; });
    // read your own write: the case view first reaches the answer's version, then the lists are read
    await openCase(data.id, data.version);
    state.stage = 'OPEN';
    state.page = 0;
    state.q = '';
    remember();
    await refreshLists();
  } catch (e) {
    if (e instanceof ApiError) {
      showErrors(form, e);
    } else {
      // no network: kept in the browser with its key, sent when the network returns
      const body = registrationBody(form);
      await queue({ key: registrationId, method: 'POST', path: '/api/disputes', body,
                    headers: { 'Idempotency-Key': registrationId }, label: `${t.labels.register} · ${body.summary || ''}` });
      result.textContent = t.labels.queued;
      registrationId = newKey();
      done = true;
      form.querySelectorAll('textarea, input[name^="party-"], input[name="amountInvolved"]').forEach((i) => { i.value = ''; });
    }
  } finally {
    // after a registration the emptied form waits for new input: a late second tap sends nothing
    if (done) form.addEventListener('input', () => { button.disabled = false; }, { once: true });
    else button.disabled = false;
  }
});

// ---------------------------------------------------------------- submissions made offline (待同步)

async function queue(item) {
  await outbox.add(item);
  await showOutbox();
}

async function showOutbox() {
  const items = await outbox.all();
  document.getElementById('outbox-panel').hidden = items.length === 0;
  document.getElementById('outbox').replaceChildren(...items.map((item) => el('li', {
    class: 'outbox-item', 'data-key': item.key, 'data-state': item.state },
    el('span', { class: 'label' }, item.label), ' · ',
    el('span', { class: item.state === 'pending' ? 'pending' : 'error' },
       item.state === 'pending' ? t.labels.pending : `${t.labels.refused}：${item.error}`),
    item.state === 'refused' ? el('span', { class: 'outbox-actions' },
      el('button', { type: 'button', class: 'secondary', onclick: async () => {
        await outbox.put({ ...item, state: 'pending', error: null });
        sync();
      } }, t.labels.retrySync),
      el('button', { type: 'button', class: 'secondary', onclick: async () => {
        await outbox.remove(item.key);
        showOutbox();
      } }, t.labels.drop)) : null)));
}

let syncing = false;

/** Sends the kept submissions in the order they were made, each with its key (so each is stored once). */
async function sync() {
  if (syncing) return;
  syncing = true;
  let sent = 0;
  try {
    for (const item of await outbox.all()) {
      if (item.state !== 'pending') continue;
      try {
        await api(item.method, item.path, item.body, item.headers);
        await outbox.remove(item.key);
        sent += 1;
      } catch (e) {
        if (!(e instanceof ApiError)) break; // still no network: the rest waits, in order
        const detail = [e.message, ...e.errors.map((x) => x.message)].join('；');
        await outbox.put({ ...item, state: 'refused', error: detail });
      }
    }
  } finally {
    syncing = false;
    await showOutbox();
    if (sent) refreshLists();
  }
}

// ---------------------------------------------------------------- screening sweeps (排查)

const month = () => today().slice(0, 7);

async function showSweeps(villageCode, waitFor) {
  const list = document.getElementById('sweeps-of-month');
  if (!villageCode) { list.replaceChildren(); return; }
  for (let attempt = 0; ; attempt++) {
    const found = await get(`/api/sweeps?${query({ village: villageCode, month: month() })}`);
    if (!waitFor || found.sweeps.some((s) => s.id === waitFor) || attempt >= 120) {
      list.replaceChildren(
        el('li', { class: 'muted', id: 'sweeps-total' }, `${found.villageName} ${found.month}：${t.labels.sweeps} ${found.count}，${t.labels.sweepFound} ${found.found}`),
        ...found.sweeps.map((s) => el('li', { 'data-id': s.id, class: 'sweep' },
          `${s.date} · ${t.labels.sweepFound} ${s.found}${s.notes ? ` · ${s.notes}` : ''}`)));
      return;
    }
    await new Promise((resolve) => { setTimeout(resolve, 250); });
  }
}

let sweepKey = newKey();

async function buildSweepForm() {
  const box = document.getElementById('sweep-fields');
  const [village, ...picker] = await villagePicker();
  village.addEventListener('change', () => showSweeps(village.value).catch(() => {}));
  box.append(...picker,
    labelled('villageCode', t.labels.village, village),
    labelled('date', t.labels.sweepDate, input('date', 'date', { value: today(), max: today(), required: true })),
    labelled('found', t.labels.sweepFound, input('found', 'number', { min: 0, max: 10000, value: 0, required: true })),
    labelled('notes', t.labels.sweepNotes, el('textarea', { name: 'notes', rows: 2, maxlength: 2000 })),
    el('button', { type: 'submit', id: 'sweep-submit' }, t.labels.recordSweep));
  if (village.value) showSweeps(village.value).catch(() => {});
}

document.getElementById('sweep-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  const button = form.querySelector('#sweep-submit');
  if (button.disabled) return;
  button.disabled = true;
  clearErrors(form);
  const result = form.querySelector('.form-result');
  const value = (name) => form.querySelector(`[name="${name}"]`).value.trim() || null;
  let done = false;
  try {
    const body = { id: sweepKey, villageCode: value('villageCode'), date: value('date'),
                   found: value('found') === null ? null : Number(value('found')), notes: value('notes') };
    const { data } = await api('POST', '/api/sweeps', body, { 'Idempotency-Key': sweepKey });
    sweepKey = newKey();
    done = true;
    result.textContent = t.labels.sweepRecorded;
    form.querySelector('[name="notes"]').value = '';
    await showSweeps(body.villageCode, data.id);
  } catch (e) {
    if (e instanceof ApiError) {
      showErrors(form, e);
    } else {
      const body = { id: sweepKey, villageCode: value('villageCode'), date: value('date'),
                     found: value('found') === null ? null : Number(value('found')), notes: value('notes') };
      await queue({ key: sweepKey, method: 'POST', path: '/api/sweeps', body, headers: { 'Idempotency-Key': sweepKey },
                    label: `${t.labels.recordSweep} · ${body.date}` });
      sweepKey = newKey();
      done = true;
      result.textContent = t.labels.queued;
    }
  } finally {
    if (done) form.addEventListener('input', () => { button.disabled = false; }, { once: true });
    else button.disabled = false;
  }
});

// ---------------------------------------------------------------- a case and its next steps

// The steps come from the case's allowedActions (the server's lifecycle and access rules); the erasure of personal
// data is the administrators' and not a form here.
const FORM_STEPS = new Set(Object.keys(t.steps));

function stepFields(step, view) {
  const date = () => labelled('date', t.stepDate[step] || t.labels.date,
                               input('date', 'date', { value: today(), max: today(), required: true }));
  const reason = (required) => labelled('reason', t.labels.reason, el('textarea', { name: 'reason', rows: 2, required }));
  const notes = () => labelled('notes', t.labels.notes, el('textarea', { name: 'notes', rows: 2 }));
  switch (step) {
    case 'screening': return [labelled('grade', t.labels.grade, select('grade', t.grade)),
      labelled('decision', t.labels.decision, select('decision', t.decision)), reason(false),
      labelled('groupRisk', t.labels.groupRisk, input('groupRisk', 'checkbox')),
      labelled('criminalRisk', t.labels.criminalRisk, input('criminalRisk', 'checkbox')), date()];
    case 'mediation': return [labelled('committeeId', t.labels.committeeId, select('committeeId', {})),
      el('fieldset', { class: 'mediators', 'data-field': 'mediatorIds' }, el('legend', {}, t.labels.mediatorIds)),
      labelled('channel', t.labels.channel, select('channel', t.channel, { value: 'PEOPLES' })), date()];
    case 'sessions': return [labelled('attendees', t.labels.attendees, input('attendees', 'text', { required: true })), notes(), date()];
    case 'resolution': return [labelled('form', t.labels.form, select('form', t.form)),
      labelled('terms', t.labels.terms, el('textarea', { name: 'terms', rows: 2, required: true })),
      labelled('amount', t.labels.amount, input('amount', 'number', { min: 0, step: '0.01' })),
      preventionFields(), date()];
    case 'failure': case 'reopening': return [reason(step === 'failure'), date()];
    case 'withdrawal': case 'closure': return [reason(false), date()];
    case 'escalation': return [labelled('to', t.labels.to, select('to', t.target)), reason(true), date()];
    case 'escalation/acceptance': return [date()];
    case 'fulfilment': return [labelled('fulfilled', t.labels.fulfilled, input('fulfilled', 'checkbox', { checked: true })), date()];
    case 'judicial-confirmation': return [labelled('court', t.labels.court, input('court', 'text', { required: true })), date()];
    case 'follow-up': return [labelled('satisfaction', t.labels.satisfaction, input('satisfaction', 'number', { min: 1, max: 5, required: true })), notes(), date()];
    case 'incidents': return [labelled('kind', t.labels.kind, select('kind', t.incident)), notes(), date()];
    default: return [date()];
  }
}

/**
 * The prevention outcomes of a resolution (预防效果): none ticked means none; each ticked one asks for the persons it
 * concerned. Errors of prevention[i] show beside the outcome they name.
 */
function preventionFields() {
  const box = el('fieldset', { class: 'prevention', 'data-field': 'prevention' }, el('legend', {}, t.labels.prevention));
  Object.entries(t.prevention).forEach(([outcome, label]) => {
    const id = `p-${outcome}-${fieldCount++}`;
    const persons = input(`persons-${outcome}`, 'number', { min: 1, max: 100000, value: 1, disabled: true,
                                                          'aria-label': `${label} ${t.labels.persons}` });
    const tick = input(`prevention-${outcome}`, 'checkbox', { id, value: outcome });
    const count = el('label', { class: 'persons', hidden: true }, t.labels.persons, persons);
    tick.addEventListener('change', () => { persons.disabled = !tick.checked; count.hidden = !tick.checked; });
    box.append(el('div', { class: 'prevention-outcome', 'data-outcome': outcome },
      el('label', { for: id, class: 'check' }, tick, label), count));
  });
  box.append(el('p', { class: 'muted' }, t.labels.preventionNone));
  return box;
}

function preventionBody(form, body) {
  const chosen = [...form.querySelectorAll('.prevention input[type="checkbox"]:checked')];
  Object.keys(body).filter((k) => k.startsWith('prevention-') || k.startsWith('persons-')).forEach((k) => delete body[k]);
  body.prevention = chosen.map((tick) => ({
    outcome: tick.value,
    persons: Number(form.querySelector(`[name="persons-${tick.value}"]`).value),
  }));
  // a refusal of prevention[i] is shown beside that outcome
  chosen.forEach((tick, i) => {
    tick.closest('.prevention-outcome').querySelector('input[type="number"]').setAttribute('data-field', `prevention[${i}].persons`);
  });
}

function stepBody(step, form) {
  const body = {};
  form.querySelectorAll('[name]').forEach((node) => {
    if (node.type === 'checkbox' && node.name !== 'mediatorIds') body[node.name] = node.checked;
    else if (node.name !== 'mediatorIds') body[node.name] = node.value.trim() === '' ? null : node.value.trim();
  });
  if (step === 'mediation') body.mediatorIds = [...form.querySelectorAll('[name="mediatorIds"]:checked')].map((c) => c.value);
  if (step === 'resolution') preventionBody(form, body);
  if (step === 'sessions') body.attendees = (body.attendees || '').split(/[,，、]/).map((s) => s.trim()).filter(Boolean);
  ['amount', 'satisfaction'].forEach((k) => { if (body[k] !== undefined && body[k] !== null) body[k] = Number(body[k]); });
  return body;
}

async function wireCommittees(form, view) {
  const committees = await get(`/api/committees?${query({ region: view.handlingUnit })}`);
  const choice = form.querySelector('[name="committeeId"]');
  const box = form.querySelector('.mediators');
  choice.replaceChildren(el('option', { value: '' }, t.labels.choose),
                         ...committees.map((c) => el('option', { value: c.id }, c.name)));
  choice.addEventListener('change', () => {
    const committee = committees.find((c) => c.id === choice.value);
    box.querySelectorAll('label').forEach((n) => n.remove());
    (committee?.mediators || []).forEach((m, i) => {
      const id = `m-${i}-${fieldCount++}`;
      box.append(el('label', { for: id, class: 'check' }, input('mediatorIds', 'checkbox', { id, value: m.mediatorId }), m.name));
    });
  });
}

/**
 * The case's view once the read model holds at least the given version (a step just taken, a case just registered):
 * polled until it does, also through the 404 of a registration the read model has not seen yet.
 */
async function loadView(id, minVersion) {
  for (let attempt = 0; ; attempt++) {
    try {
      const { data } = await api('GET', `/api/disputes/${id}`);
      if (minVersion === undefined || data.version >= minVersion) return data;
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 404) throw e;
    }
    if (attempt >= 120) throw new Error(t.labels.notYet);
    await new Promise((resolve) => { setTimeout(resolve, 250); });
  }
}

async function openCase(id, minVersion) {
  const panel = document.getElementById('case-panel');
  panel.hidden = false;
  const view = await loadView(id, minVersion ?? 0);
  state.case = id;
  remember();
  const dl = el('dl', { class: 'facts' });
  const fact = (k, v) => { if (v !== null && v !== undefined && v !== '') dl.append(el('dt', {}, k), el('dd', {}, v)); };
  fact(t.labels.caseNumber, view.caseNumber);
  fact(t.labels.status, t.status[view.status] || view.status);
  fact(t.labels.village, placeName(view.villageName, view.villageCode));
  fact(t.labels.handling, `${t.level[view.handlingLevel] || ''} ${placeName(view.handlingUnitName, view.handlingUnit)}`);
  if (view.escalatedToUnit) fact(t.labels.to, placeName(view.escalatedToUnitName, view.escalatedToUnit));
  fact(t.labels.committeeId, view.mediationCommitteeName || view.committeeName);
  fact(t.labels.mediatorIds, (view.mediators || []).map((m) => m.name || m.id).join('、'));
  fact(t.labels.grade, t.grade[view.riskGrade]);
  fact(t.labels.source, [t.source[view.source], view.referredBy ? `${t.referrer[view.referredBy]}${t.labels.referredSuffix}` : '']
    .filter(Boolean).join(' · '));
  if (view.prevention) {
    fact(t.labels.preventionShort, view.prevention.length
      ? view.prevention.map((p) => `${t.prevention[p.outcome]} ${p.persons}${t.labels.personsUnit}`).join('、')
      : t.labels.preventionNoneShort);
  }
  fact(t.labels.summary, view.summary);
  fact(t.labels.registeredOn, view.registeredOn);
  fact(t.labels.updatedOn, view.updatedOn);
  fact(t.labels.parties, (view.parties || []).map((p) => [t.partyRole[p.role], p.name, p.idNumber, p.phone]
    .filter(Boolean).join(' ')).join('；'));
  if (view.personalDataErased) fact(t.labels.parties, t.labels.erased);
  fact(t.labels.version, view.version);
  document.getElementById('case-view').replaceChildren(dl);
  const actions = document.getElementById('case-actions');
  const steps = (view.allowedActions || []).filter((step) => FORM_STEPS.has(step));
  actions.replaceChildren(el('h3', {}, t.labels.actions),
                          ...(steps.length ? [] : [el('p', { class: 'muted' }, t.labels.noSteps)]));
  steps.forEach((step) => actions.append(stepForm(step, view)));
  panel.scrollIntoView({ behavior: 'smooth', block: 'start' });
}

function stepForm(step, view) {
  const form = el('form', { class: 'step', 'data-step': step, novalidate: true },
    el('p', { class: 'form-error', role: 'alert' }));
  const details = el('details', {}, el('summary', {}, t.steps[step]), form);
  form.append(...stepFields(step, view), el('button', { type: 'submit' }, t.labels.submit));
  if (step === 'mediation') details.addEventListener('toggle', () => wireCommittees(form, view), { once: true });
  const key = newKey(); // one submission of this form: a retry after a lost answer is answered once
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type="submit"]');
    if (button.disabled) return;
    button.disabled = true;
    clearErrors(form);
    try {
      const { data } = await api('POST', `/api/disputes/${view.id}/${step}`, stepBody(step, form),
                                 { 'If-Match': `"${view.version}"`, 'Idempotency-Key': key });
      // the form is replaced by the case at its new version; its button stays off until then
      await openCase(view.id, data.version);
      await refreshLists();
    } catch (e) {
      if (e instanceof ApiError) {
        showErrors(form, e);
        button.disabled = false;
      } else {
        await queue({ key, method: 'POST', path: `/api/disputes/${view.id}/${step}`, body: stepBody(step, form),
                      headers: { 'If-Match': `"${view.version}"`, 'Idempotency-Key': key },
                      label: `${view.caseNumber} · ${t.steps[step]}` });
        form.querySelector('.form-error').textContent = t.labels.queued;
      }
    }
  });
  return details;
}

refreshLists();
buildRegisterForm().then(buildSweepForm);
if (state.case) {
  openCase(state.case).catch((e) => {
    if (e instanceof ApiError) { state.case = null; remember(); }
  });
}
if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js').catch(() => {});
showOutbox();
sync();
window.addEventListener('online', () => sync());
// a network that comes back without an online event (a mountain valley's flaky signal) is found by trying
setInterval(() => sync(), 10000);
