// The county dashboard: a region and period (kept in the URL, so a view can be bookmarked and sent), every figure
// of the statistics contract, the areas below (click to drill down), by field, the monthly trend, the flows between
// levels, the overdue cases, the cases behind any figure, and the export of the view.
import { get, query, el, levelOf, keepViewOnLanguageSwitch, ApiError, showErrors, clearErrors } from './api.js';
import { t, lang } from './i18n.js';

const scope = document.body.dataset.scope;
const role = document.body.dataset.role;
const FIGURES = ['sweeps', 'found', 'registered', 'mediated', 'resolved', 'failed', 'successRate', 'majorResolved',
                 'escalated', 'keptLocalRate', 'open', 'overdue', 'groupIncidents', 'civilToCriminal',
                 'satisfaction', 'meanDaysToResolve', 'medianDaysToResolve'];
const RATES = new Set(['successRate', 'keptLocalRate']);
const DRILL = { keptLocalRate: 'keptLocal', successRate: 'resolved', meanDaysToResolve: 'resolved',
                medianDaysToResolve: 'resolved' };
const COLUMNS = ['registered', 'mediated', 'resolved', 'successRate', 'escalated', 'open', 'overdue'];
const charts = {};

keepViewOnLanguageSwitch();

function currentView() {
  const params = new URLSearchParams(window.location.search);
  const year = new Date().getFullYear();
  return {
    region: params.get('region') || scope,
    from: params.get('from') || `${year}-01-01`,
    to: params.get('to') || `${year}-12-31`,
    field: params.get('field') || '',
  };
}

function go(view, replace = false) {
  const url = `/dashboard?${query(view)}`;
  if (replace) window.history.replaceState(view, '', url); else window.history.pushState(view, '', url);
  document.dispatchEvent(new Event('viewchange'));
  render();
}

const format = (name, value) => {
  if (value === null || value === undefined) return '—';
  if (RATES.has(name)) return `${(Number(value) * 100).toFixed(2)}%`;
  return String(value);
};

function table(headings, rows) {
  return el('table', {},
    el('thead', {}, el('tr', {}, ...headings.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...rows.map((cells) => el('tr', {}, ...cells.map((c, i) => (i === 0 ? el('th', { scope: 'row' }, c) : el('td', {}, c)))))));
}

function chart(id) {
  if (!window.echarts) return null;
  charts[id] = charts[id] || window.echarts.init(document.getElementById(id));
  return charts[id];
}

const PREFIX = { CITY: 4, COUNTY: 6, TOWN: 9, VILLAGE: 12 };

/** True when the code lies inside (or is) the area. */
function within(code, area) {
  const length = PREFIX[levelOf(area)];
  return code.startsWith(area.slice(0, length)) && PREFIX[levelOf(code)] >= length;
}

async function breadcrumb(region) {
  // the region's ancestors from the user's own area down, then the region itself
  const codes = [4, 6, 9].map((n) => region.slice(0, n).padEnd(12, '0'))
    .filter((code, i, all) => code !== region && all.indexOf(code) === i && within(code, scope));
  codes.push(region);
  const names = await Promise.all(codes.map((c) => get(`/api/regions/${c}`).catch(() => ({ code: c, name: c }))));
  const view = currentView();
  document.getElementById('breadcrumb').replaceChildren(...names.map((r, i) => el('li', {},
    i === names.length - 1 ? el('span', { 'aria-current': 'page' }, r.name)
      : el('a', { href: `/dashboard?${query({ ...view, region: r.code })}`,
                  onclick: (e) => { e.preventDefault(); go({ ...view, region: r.code }); } }, r.name))));
}

async function showCases(figure) {
  const view = currentView();
  const panel = document.getElementById('cases-panel');
  const box = document.getElementById('cases');
  panel.hidden = false;
  box.replaceChildren(el('p', { class: 'muted' }, t.labels.loading));
  try {
    const page = await get(`/api/statistics/cases?${query({ ...view, figure, size: 100 })}`);
    const rows = page.items.map((c) => [
      role === 'AUDITOR' ? el('a', { href: `/audit?${query({ case: c.caseNumber })}` }, c.caseNumber) : c.caseNumber,
      t.status[c.status] || c.status, c.villageCode, c.registeredOn, c.summary || '']);
    box.replaceChildren(el('p', {}, `${t.figures[figure] || figure}: ${page.total ?? page.items.length}`),
                        table([t.labels.caseNumber, t.labels.status, t.labels.region, t.labels.date, t.labels.summary], rows));
  } catch (e) {
    box.replaceChildren(el('p', { class: 'error' }, e.message));
  }
  panel.scrollIntoView({ behavior: 'smooth', block: 'start' });
}

function renderFigures(stats) {
  document.getElementById('figures').replaceChildren(...FIGURES.map((name) => {
    const drill = DRILL[name] || name;
    const clickable = name !== 'sweeps';
    return el(clickable ? 'button' : 'div', { class: 'figure', type: clickable ? 'button' : undefined,
      'data-figure': name, onclick: clickable ? () => showCases(drill) : undefined },
    el('span', { class: 'value' }, format(name, stats.figures[name])), el('span', { class: 'name' }, t.figures[name]));
  }));
}

function renderChildren(stats) {
  const view = currentView();
  const rows = stats.children.map((child) => [
    el('a', { href: `/dashboard?${query({ ...view, region: child.region.code })}`, 'data-region': child.region.code,
              onclick: (e) => { e.preventDefault(); go({ ...view, region: child.region.code }); } }, child.region.name),
    ...COLUMNS.map((c) => format(c, child.figures[c]))]);
  rows.push([t.labels.total, ...COLUMNS.map((c) => format(c, stats.figures[c]))]);
  document.getElementById('children').replaceChildren(table([t.labels.region, ...COLUMNS.map((c) => t.figures[c])], rows));
}

function renderByField(stats) {
  const names = stats.byField.map((f) => f.field.name);
  document.getElementById('by-field').replaceChildren(table([t.labels.field, ...COLUMNS.map((c) => t.figures[c])],
    stats.byField.map((f) => [f.field.name, ...COLUMNS.map((c) => format(c, f.figures[c]))])));
  chart('by-field-chart')?.setOption({
    tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 90, right: 16, top: 30, bottom: 20 },
    xAxis: { type: 'value' }, yAxis: { type: 'category', data: names, inverse: true },
    series: ['registered', 'resolved'].map((k) => ({ name: t.figures[k], type: 'bar', data: stats.byField.map((f) => f.figures[k]) })),
  }, true);
}

async function renderTrend(view) {
  const box = document.getElementById('trend');
  try {
    const trend = await get(`/api/statistics/trend?${query(view)}`);
    const months = trend.months.map((m) => m.month);
    box.replaceChildren(table([t.labels.date, ...COLUMNS.map((c) => t.figures[c])],
      trend.months.map((m) => [m.month, ...COLUMNS.map((c) => format(c, m.figures[c]))])));
    chart('trend-chart')?.setOption({
      tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 40, right: 16, top: 30, bottom: 30 },
      xAxis: { type: 'category', data: months }, yAxis: { type: 'value' },
      series: ['registered', 'mediated', 'resolved'].map((k) => ({ name: t.figures[k], type: 'line', data: trend.months.map((m) => m.figures[k]) })),
    }, true);
  } catch (e) {
    box.replaceChildren(el('p', { class: 'error' }, e.message));
  }
}

function renderFlows(stats) {
  const label = (v) => t.level[v] || t.target[v] || v;
  document.getElementById('flows').replaceChildren(table([t.labels.region, t.labels.to, t.labels.count],
    stats.linkage.map((f) => [label(f.from), label(f.to), f.count])));
  const links = stats.linkage.filter((f) => f.from !== f.to).map((f) => ({ source: label(f.from), target: `${label(f.to)} `, value: f.count }));
  const nodes = [...new Set(links.flatMap((l) => [l.source, l.target]))].map((name) => ({ name }));
  chart('flows-chart')?.setOption({ tooltip: {}, series: [{ type: 'sankey', data: nodes, links, emphasis: { focus: 'adjacency' } }] }, true);
}

async function renderOverdue(view) {
  const box = document.getElementById('overdue');
  try {
    const page = await get(`/api/disputes?${query({ region: view.region, overdue: 'true', status: 'REGISTERED,ACCEPTED,MEDIATING,ESCALATED', size: 50 })}`);
    box.replaceChildren(page.items.length ? table([t.labels.caseNumber, t.labels.status, t.labels.daysOpen, t.labels.handling],
      page.items.map((c) => [c.caseNumber, t.status[c.status] || c.status, c.daysOpen, c.handlingUnit]))
      : el('p', { class: 'muted' }, t.labels.empty));
  } catch (e) {
    box.replaceChildren(el('p', { class: 'error' }, e.message));
  }
}

async function render() {
  const view = currentView();
  const form = document.getElementById('period-form');
  form.from.value = view.from;
  form.to.value = view.to;
  form.field.value = view.field;
  ['xlsx', 'csv'].forEach((format) => {
    document.getElementById(`export-${format}`).href = `/api/statistics/export?${query({ ...view, format })}`;
  });
  clearErrors(form);
  document.getElementById('cases-panel').hidden = true;
  let stats;
  try {
    stats = await get(`/api/statistics?${query(view)}`);
  } catch (e) {
    if (e instanceof ApiError) showErrors(form, e);
    return;
  }
  document.getElementById('view-title').textContent = `${stats.region.name} · ${view.from} – ${view.to}`;
  document.getElementById('figures').dataset.region = stats.region.code;
  breadcrumb(stats.region.code);
  renderFigures(stats);
  renderChildren(stats);
  renderByField(stats);
  renderFlows(stats);
  renderTrend(view);
  renderOverdue(view);
}

async function init() {
  const fields = (await get('/api/fields')).fields;
  document.getElementById('field').replaceChildren(el('option', { value: '' }, t.labels.all),
    ...fields.map((f) => el('option', { value: f.code }, lang === 'en' ? f.nameEn : f.name)));
  document.getElementById('period-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const form = e.currentTarget;
    go({ ...currentView(), from: form.from.value, to: form.to.value, field: form.field.value });
  });
  window.addEventListener('popstate', render);
  window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));
  go(currentView(), true);
}

init();
