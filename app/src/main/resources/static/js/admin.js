// The administrators' page: users of their area, the read models' progress with a rebuild button each, and the
// replay and tamper verifications.
import { api, get, el, keepViewOnLanguageSwitch } from './api.js';
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

showUsers();
showProjections();
