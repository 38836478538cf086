// The county dashboard: a region and period (kept in the URL, so a view can be bookmarked and sent), every figure
// of the statistics contract with its change against an earlier period, the areas below ranked on any figure
// (click to drill down), mediator coverage, by field, the monthly trend, the flows between levels, the overdue
// cases, the cases behind any figure page by page, and the export of the view.
import { get, query, el, levelOf, keepViewOnLanguageSwitch, ApiError, showErrors, clearErrors } from './api.js';
import { t, lang, fill } from './i18n.js';

const scope = document.body.dataset.scope;
const role = document.body.dataset.role;
const FIGURES = ['sweeps', 'found', 'registered', 'mediated', 'resolved', 'failed', 'successRate', 'majorResolved',
                 'escalated', 'keptLocalRate', 'open', 'overdue', 'groupIncidents', 'civilToCriminal',
                 'satisfaction', 'meanDaysToResolve', 'medianDaysToResolve'];
const RATES = new Set(['successRate', 'keptLocalRate']);
const DRILL = { keptLocalRate: 'keptLocal', successRate: 'resolved', meanDaysToResolve: 'resolved',
                medianDaysToResolve: 'resolved' };
const COLUMNS = ['registered', 'mediated', 'resolved', 'successRate', 'escalated', 'open', 'overdue'];
const RANKABLE = [...FIGURES, 'villagesUnderMinimum'];
const PAGE_SIZE = 50;
const charts = {};
const figureName = (name) => t.figures[name] || t.figuresExtra[name] || t.report[name] || name;

keepViewOnLanguageSwitch();

// ---------------------------------------------------------------- periods

const iso = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** Today in Beijing, whatever the browser's zone: the bureau's day decides "this month". */
const today = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);

/** The presets' periods, as of today. */
function presets() {
  const now = new Date(`${today()}T00:00:00`);
  const y = now.getFullYear();
  const m = now.getMonth();
  const q = Math.floor(m / 3) * 3;
  const yearAgo = new Date(y - 1, m, now.getDate() + 1);
  return {
    thisMonth: [iso(new Date(y, m, 1)), iso(new Date(y, m + 1, 0))],
    thisQuarter: [iso(new Date(y, q, 1)), iso(new Date(y, q + 3, 0))],
    thisYear: [`${y}-01-01`, `${y}-12-31`],
    lastYear: [`${y - 1}-01-01`, `${y - 1}-12-31`],
    last12: [iso(yearAgo), iso(now)],
  };
}

/**
 * The official report's period of a view: a calendar month (2026-03), quarter (2026-Q1) or year (2026) when the
 * view is exactly one, else its dates.
 */
function reportPeriod(from, to) {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  const lastDay = new Date(ty, tm, 0).getDate();
  if (fd !== 1 || td !== lastDay || fy !== ty) return { from, to };
  if (fm === 1 && tm === 12) return { period: String(fy) };
  if (fm === tm) return { period: `${fy}-${String(fm).padStart(2, '0')}` };
  if (tm - fm === 2 && (fm - 1) % 3 === 0) return { period: `${fy}-Q${(fm - 1) / 3 + 1}` };
  return { from, to };
}

/** The figures of the official report the dashboard shows beside the download, in the form's words. */
function showReportFigures(stats) {
  const report = stats.report;
  const box = document.getElementById('report-figures');
  if (!report) {
    box.replaceChildren();
    return;
  }
  const yuan = (v) => Number(v).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const rows = [
    ['accepted', report.accepted], ['acceptedParties', report.acceptedParties],
    ['acceptedThreeOrMore', report.acceptedThreeOrMore], ['sourceInitiative', report.sourceInitiative],
    ['sourceApplication', report.sourceApplication], ['sourceReferral', report.sourceReferral],
    ['agreementsOral', report.agreementsOral], ['agreementsWritten', report.agreementsWritten],
    ['agreementAmount', yuan(report.agreementAmount)], ['fulfilled', report.fulfilled],
    ['judiciallyConfirmed', report.judiciallyConfirmed],
    ['preventCriminalCase', `${report.preventCriminalCase} / ${report.preventCriminalCasePersons}`],
    ['preventGroupPetition', `${report.preventGroupPetition} / ${report.preventGroupPetitionPersons}`],
    ['preventSuicide', `${report.preventSuicide} / ${report.preventSuicidePersons}`],
    ['preventGroupFight', `${report.preventGroupFight} / ${report.preventGroupFightPersons}`],
    ['preventedDisputes', report.preventedDisputes], ['committees', report.committees],
    ['mediators', `${report.mediators} / ${report.mediatorsFullTime}`],
  ];
  // every figure about disputes opens the cases behind it (件 for the prevention outcomes); the roster does not
  box.replaceChildren(...rows.map(([key, value]) => el('div', { 'data-card': key }, el('dt', {}, t.report[key]),
    el('dd', { 'data-report': key }, ROSTER.has(key) ? String(value)
      : el('button', { type: 'button', class: 'link', 'data-drill': key, title: t.ui.showCases,
                       onclick: () => showCases(key) }, String(value))),
    reportBadge(key, stats))));
}

const ROSTER = new Set(['committees', 'mediators']);

function presetOf(view) {
  const found = Object.entries(presets()).find(([, [from, to]]) => from === view.from && to === view.to);
  return found ? found[0] : 'custom';
}

function currentView() {
  const params = new URLSearchParams(window.location.search);
  const [from, to] = presets().last12;
  return {
    region: params.get('region') || scope,
    from: params.get('from') || from,
    to: params.get('to') || to,
    field: params.get('field') || '',
    compare: params.has('compare') ? params.get('compare') : 'lastYear',
    rank: params.get('rank') || '',
  };
}

/** The URL of a view: the comparison and ranking only when they differ from the defaults. */
function viewUrl(view) {
  return `/dashboard?${query({ ...view, compare: view.compare === 'lastYear' ? '' : (view.compare || 'none') })}`;
}

const apiView = (view) => ({ region: view.region, from: view.from, to: view.to, field: view.field });

function go(view, replace = false) {
  const url = viewUrl(view);
  if (replace) window.history.replaceState(view, '', url); else window.history.pushState(view, '', url);
  document.dispatchEvent(new Event('viewchange'));
  render();
}

// ---------------------------------------------------------------- formatting

const format = (name, value) => {
  if (value === null || value === undefined) return '—';
  if (RATES.has(name)) return `${(Number(value) * 100).toFixed(2)}%`;
  return String(value);
};

function table(headings, rows) {
  return el('table', {},
    el('thead', {}, el('tr', {}, ...headings.map((h) => (h && h.nodeType ? h : el('th', { scope: 'col' }, h))))),
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

const regionNames = new Map();
/** A region's name from the directory (remembered), its code if the directory does not know it. */
function nameOf(code) {
  if (!code) return Promise.resolve('');
  if (!regionNames.has(code)) {
    regionNames.set(code, get(`/api/regions/${code}`).then((r) => r.name).catch(() => code));
  }
  return regionNames.get(code);
}

async function breadcrumb(region) {
  // the region's ancestors from the user's own area down, then the region itself
  const codes = [4, 6, 9].map((n) => region.slice(0, n).padEnd(12, '0'))
    .filter((code, i, all) => code !== region && all.indexOf(code) === i && within(code, scope));
  codes.push(region);
  const names = await Promise.all(codes.map(async (c) => ({ code: c, name: await nameOf(c) })));
  const view = currentView();
  document.getElementById('breadcrumb').replaceChildren(...names.map((r, i) => el('li', {},
    i === names.length - 1 ? el('span', { 'aria-current': 'page' }, r.name)
      : el('a', { href: viewUrl({ ...view, region: r.code }),
                  onclick: (e) => { e.preventDefault(); go({ ...view, region: r.code }); } }, r.name))));
}

// ---------------------------------------------------------------- the cases behind a figure

async function showCases(figure, page = 0) {
  const view = currentView();
  const panel = document.getElementById('cases-panel');
  const box = document.getElementById('cases');
  panel.hidden = false;
  box.replaceChildren(el('p', { class: 'muted' }, t.labels.loading));
  try {
    const result = await get(`/api/statistics/cases?${query({ ...apiView(view), figure, page, size: PAGE_SIZE })}`);
    const pages = Math.max(1, result.pages ?? Math.ceil(result.total / PAGE_SIZE));
    const rows = result.items.map((c) => [
      role === 'AUDITOR' ? el('a', { href: `/audit?${query({ case: c.caseNumber })}` }, c.caseNumber) : c.caseNumber,
      t.status[c.status] || c.status, c.villageName || c.villageCode, c.registeredOn, c.summary || '',
      el('a', { href: `/cases/${encodeURIComponent(c.id)}/file`, target: '_blank', rel: 'noopener' }, t.ui.caseFile)]);
    const pager = el('div', { class: 'pager', id: 'cases-pager' },
      el('button', { type: 'button', class: 'secondary', id: 'cases-prev', disabled: page <= 0,
                     onclick: () => showCases(figure, page - 1) }, t.ui.prev),
      el('span', { id: 'cases-page', 'data-page': page, 'data-total': result.total },
         fill(t.ui.page, { p: page + 1, n: pages, total: result.total })),
      el('button', { type: 'button', class: 'secondary', id: 'cases-next', disabled: page + 1 >= pages,
                     onclick: () => showCases(figure, page + 1) }, t.ui.next));
    const exportLink = el('a', { class: 'button', id: 'cases-export',
      href: `/api/statistics/cases/export?${query({ ...apiView(view), figure, format: 'xlsx' })}` }, t.ui.exportCases);
    box.replaceChildren(el('p', { id: 'cases-figure', 'data-figure': figure }, `${figureName(figure === 'keptLocal' ? 'keptLocalRate' : figure)}: ${result.total} `, exportLink),
                        pager,
                        table([t.labels.caseNumber, t.labels.status, t.ui.village, t.labels.date, t.labels.summary, t.ui.caseFile], rows));
  } catch (e) {
    box.replaceChildren(el('p', { class: 'error' }, e.message));
  }
  panel.scrollIntoView({ behavior: 'smooth', block: 'start' });
}

// ---------------------------------------------------------------- figures and their changes

/** ▲ 12.50% (good or bad by the figure's direction); the earlier value and period on hover. */
function changeBadge(name, stats) {
  return badge(name, stats.change?.[name], stats.comparison?.figures[name], stats.comparison, stats.better?.[name]);
}

/** The same for a figure of the official report, whose changes are neither good nor bad. */
function reportBadge(name, stats) {
  return badge(name, stats.reportChange?.[name], stats.comparison?.report?.[name], stats.comparison, 'NEITHER');
}

function badge(name, change, earlier, comparison, better) {
  if (!comparison || !change) return null;
  const title = `${t.compareShort[comparison.kind]} ${comparison.from} – ${comparison.to}: ${format(name, earlier)}`;
  const { difference, ratio } = change;
  if (difference === null || difference === undefined) {
    if (earlier === null || earlier === undefined) return null;
    return el('span', { class: 'change flat', title, 'data-earlier': format(name, earlier) }, `— ${format(name, earlier)}`);
  }
  const sign = Math.sign(Number(difference));
  const arrow = sign > 0 ? '▲' : sign < 0 ? '▼' : '＝';
  const tone = sign === 0 || better === 'NEITHER' ? 'flat'
    : (sign > 0) === (better === 'HIGHER') ? 'good' : 'bad';
  let text;
  if (sign === 0) text = t.ui.noChange;
  else if (RATES.has(name)) text = `${sign > 0 ? '+' : ''}${(Number(difference) * 100).toFixed(2)}${t.ui.points}`;
  else if (ratio !== null && ratio !== undefined) text = `${(Math.abs(Number(ratio)) * 100).toFixed(1)}%`;
  else text = `${sign > 0 ? '+' : ''}${difference}`;
  return el('span', { class: `change ${tone}`, title, 'data-earlier': format(name, earlier), 'data-ratio': ratio ?? '',
                      'aria-label': `${title}; ${arrow} ${text}` }, `${arrow} ${text}`);
}

function renderFigures(stats) {
  document.getElementById('figures').replaceChildren(...FIGURES.map((name) => {
    const drill = DRILL[name] || name;
    const clickable = name !== 'sweeps';
    return el(clickable ? 'button' : 'div', { class: 'figure', type: clickable ? 'button' : undefined,
      'data-figure': name, onclick: clickable ? () => showCases(drill) : undefined },
    el('span', { class: 'value' }, format(name, stats.figures[name])), el('span', { class: 'name' }, t.figures[name]),
    changeBadge(name, stats));
  }));
}

// ---------------------------------------------------------------- the areas below, ranked

const childValue = (child, figure) => (figure === 'villagesUnderMinimum'
  ? child.mediators?.villagesUnderMinimum : child.figures[figure]);

function renderChildren(stats) {
  const view = currentView();
  const rank = RANKABLE.includes(view.rank) ? view.rank : '';
  const columns = rank && !COLUMNS.includes(rank) ? [...COLUMNS, rank] : COLUMNS;
  const better = stats.better?.[rank] || 'NEITHER';
  const children = [...stats.children];
  if (rank) {
    // the best first (the largest first when a figure is neither better high nor low); no value last
    children.sort((a, b) => {
      const x = childValue(a, rank); const y = childValue(b, rank);
      if (x === null || x === undefined) return (y === null || y === undefined) ? 0 : 1;
      if (y === null || y === undefined) return -1;
      return better === 'LOWER' ? Number(x) - Number(y) : Number(y) - Number(x);
    });
  }
  const valued = children.filter((c) => childValue(c, rank) !== null && childValue(c, rank) !== undefined);
  const best = rank && better !== 'NEITHER' && valued.length > 1 ? childValue(valued[0], rank) : undefined;
  const worst = rank && better !== 'NEITHER' && valued.length > 1 ? childValue(valued[valued.length - 1], rank) : undefined;
  const heading = (c) => el('th', { scope: 'col', 'aria-sort': c === rank ? 'descending' : undefined },
    el('button', { type: 'button', class: 'sort', 'data-rank': c, onclick: () => go({ ...currentView(), rank: c }, true) },
       figureName(c)));
  const rows = children.map((child) => {
    const value = rank ? childValue(child, rank) : undefined;
    const tag = value === undefined || best === worst ? null
      : Number(value) === Number(best) ? 'best' : Number(value) === Number(worst) ? 'worst' : null;
    return el('tr', { class: tag, 'data-region': child.region.code },
      el('th', { scope: 'row' },
        el('a', { href: viewUrl({ ...view, region: child.region.code }), 'data-region': child.region.code,
                  onclick: (e) => { e.preventDefault(); go({ ...view, region: child.region.code }); } }, child.region.name),
        tag ? el('span', { class: 'tag' }, t.ui[tag]) : null),
      ...columns.map((c) => el('td', { 'data-figure': c }, format(c, childValue(child, c)))));
  });
  rows.push(el('tr', { class: 'total' }, el('th', { scope: 'row' }, t.labels.total),
    ...columns.map((c) => el('td', { 'data-figure': c },
      format(c, c === 'villagesUnderMinimum' ? stats.mediators?.villagesUnderMinimum : stats.figures[c])))));
  document.getElementById('children').replaceChildren(el('table', { id: 'children-table' },
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t.labels.region), ...columns.map(heading))),
    el('tbody', {}, ...rows)));
  const select = document.getElementById('rank-by');
  select.value = rank;
}

// ---------------------------------------------------------------- mediator coverage

function renderCoverage(stats) {
  const m = stats.mediators;
  const box = document.getElementById('coverage');
  if (!m) { box.replaceChildren(); return; }
  const list = m.villagesUnderMinimumList || [];
  // the roster as it stood at the end of the period (today for a period not yet over), and at the earlier one's end
  const today = iso(new Date());
  const asOf = stats.to < today ? stats.to : today;
  const before = stats.comparison?.mediators;
  const earlier = (key) => (before ? el('span', { class: 'earlier', 'data-earlier': before[key] ?? '' },
    ` (${t.compareShort[stats.comparison.kind]} ${before[key] ?? '—'})`) : null);
  box.replaceChildren(
    el('p', { class: 'muted', id: 'coverage-as-of', 'data-date': asOf }, fill(t.ui.rosterAsOf, { date: asOf })),
    el('p', { class: 'coverage-figures' },
      el('span', {}, `${t.ui.villages}: `, el('strong', { id: 'coverage-villages' }, m.villages)),
      el('span', { id: 'coverage-mediators' }, `${t.ui.mediators}: `, el('strong', {}, m.mediators), earlier('mediators')),
      el('span', {}, `${t.ui.perVillage}: `, el('strong', {}, m.perVillage ?? '—'), earlier('perVillage')),
      el('span', {}, `${t.ui.under}: `, el('strong', { id: 'coverage-under', class: m.villagesUnderMinimum ? 'bad' : 'ok' },
                                           m.villagesUnderMinimum), earlier('villagesUnderMinimum'))),
    list.length ? el('ul', { class: 'under', id: 'coverage-list' }, ...list.map((v) => {
      const roster = el('div', { class: 'roster-box' });
      return el('li', { 'data-village': v.code },
        el('span', { class: 'village-name' }, v.town ? `${v.town} · ${v.name}` : v.name),
        ` — ${t.ui.mediators} ${v.mediators}`,
        el('button', { type: 'button', class: 'secondary', 'aria-expanded': 'false',
          onclick: (e) => toggleRoster(e.currentTarget, v.code, roster) }, t.ui.roster),
        roster);
    })) : el('p', { class: 'ok' }, t.ui.noneUnder));
}

async function toggleRoster(button, village, box) {
  if (button.getAttribute('aria-expanded') === 'true') {
    button.setAttribute('aria-expanded', 'false');
    box.replaceChildren();
    return;
  }
  button.setAttribute('aria-expanded', 'true');
  try {
    const committees = await get(`/api/committees?${query({ region: village })}`);
    box.replaceChildren(...(committees.length ? committees.map((c) => el('div', {}, c.name,
      el('ul', { class: 'roster' }, ...c.mediators.map((p) => el('li', {}, p.name))))) : [el('p', { class: 'muted' }, '—')]));
  } catch (e) {
    box.replaceChildren(el('p', { class: 'error' }, e.message));
  }
}

// ---------------------------------------------------------------- charts

const COUNT_AXIS = { type: 'value', minInterval: 1 };

function renderByField(stats) {
  const names = stats.byField.map((f) => (lang === 'en' ? f.field.nameEn || f.field.name : f.field.name));
  document.getElementById('by-field').replaceChildren(table([t.labels.field, ...COLUMNS.map((c) => t.figures[c])],
    stats.byField.map((f, i) => [names[i], ...COLUMNS.map((c) => format(c, f.figures[c]))])));
  const box = document.getElementById('by-field-chart');
  box.style.height = `${Math.max(240, 60 + names.length * 26)}px`;
  const c = chart('by-field-chart');
  c?.resize();
  c?.setOption({
    tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 8, right: 16, top: 30, bottom: 20, containLabel: true },
    xAxis: COUNT_AXIS, yAxis: { type: 'category', data: names, inverse: true, axisLabel: { interval: 0 } },
    series: ['registered', 'resolved'].map((k) => ({ name: t.figures[k], type: 'bar', data: stats.byField.map((f) => f.figures[k]) })),
  }, true);
}

async function renderTrend(view) {
  const box = document.getElementById('trend');
  try {
    const trend = await get(`/api/statistics/trend?${query(apiView(view))}`);
    const months = trend.months.map((m) => m.month);
    box.replaceChildren(table([t.labels.date, ...COLUMNS.map((c) => t.figures[c])],
      trend.months.map((m) => [m.month, ...COLUMNS.map((c) => format(c, m.figures[c]))])));
    chart('trend-chart')?.setOption({
      tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 8, right: 16, top: 30, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: months, axisLabel: { interval: 0, rotate: months.length > 6 ? 45 : 0 } },
      yAxis: COUNT_AXIS,
      series: ['registered', 'mediated', 'resolved'].map((k) => ({ name: t.figures[k], type: 'line', data: trend.months.map((m) => m.figures[k]) })),
    }, true);
  } catch (e) {
    box.replaceChildren(el('p', { class: 'error' }, e.message));
  }
}

/** One bar per flow ("village → town"), so that one flow reads as plainly as ten; the table below says it too. */
function renderFlows(stats) {
  const label = (v) => t.level[v] || t.target[v] || v;
  const flows = stats.linkage.filter((f) => f.from !== f.to);
  document.getElementById('flows').replaceChildren(flows.length
    ? table([t.ui.from, t.ui.levelTo, t.labels.count], flows.map((f) => [label(f.from), label(f.to), f.count]))
    : el('p', { class: 'muted' }, t.ui.noFlows));
  const box = document.getElementById('flows-chart');
  box.hidden = flows.length === 0;
  if (!flows.length) return;
  box.style.height = `${Math.max(120, 50 + flows.length * 36)}px`;
  const c = chart('flows-chart');
  c?.resize();
  c?.setOption({
    tooltip: { trigger: 'axis' }, grid: { left: 8, right: 40, top: 10, bottom: 20, containLabel: true },
    xAxis: COUNT_AXIS,
    yAxis: { type: 'category', inverse: true, axisLabel: { interval: 0 }, data: flows.map((f) => `${label(f.from)} → ${label(f.to)}`) },
    series: [{ name: t.labels.count, type: 'bar', barMaxWidth: 28, label: { show: true, position: 'right' },
               data: flows.map((f) => f.count) }],
  }, true);
}

async function renderOverdue(view) {
  const box = document.getElementById('overdue');
  try {
    const page = await get(`/api/disputes?${query({ region: view.region, overdue: 'true', status: 'REGISTERED,ACCEPTED,MEDIATING,ESCALATED', size: 50 })}`);
    const units = await Promise.all(page.items.map((c) => nameOf(c.handlingUnit)));
    box.replaceChildren(page.items.length ? table([t.labels.caseNumber, t.labels.status, t.labels.daysOpen, t.labels.handling],
      page.items.map((c, i) => [c.caseNumber, t.status[c.status] || c.status, c.daysOpen, units[i]]))
      : el('p', { class: 'muted' }, t.labels.empty));
  } catch (e) {
    box.replaceChildren(el('p', { class: 'error' }, e.message));
  }
}

// ---------------------------------------------------------------- the view

async function render() {
  const view = currentView();
  const form = document.getElementById('period-form');
  form.from.value = view.from;
  form.to.value = view.to;
  form.field.value = view.field;
  form.preset.value = presetOf(view);
  form.compare.value = view.compare || 'none';
  ['xlsx', 'csv'].forEach((format) => {
    document.getElementById(`export-${format}`).href = `/api/statistics/export?${query({ ...apiView(view), format })}`;
  });
  document.getElementById('official-report').href = `/api/statistics/report?${query({ region: view.region,
    ...reportPeriod(view.from, view.to) })}`;
  clearErrors(form);
  document.getElementById('cases-panel').hidden = true;
  let stats;
  try {
    const compare = view.compare && view.compare !== 'none' ? view.compare : '';
    stats = await get(`/api/statistics?${query({ ...apiView(view), compare })}`);
  } catch (e) {
    if (e instanceof ApiError) showErrors(form, e);
    return;
  }
  document.getElementById('view-title').textContent = `${stats.region.name} · ${view.from} – ${view.to}`;
  breadcrumb(stats.region.code);
  renderFigures(stats);
  showReportFigures(stats);
  renderChildren(stats);
  renderCoverage(stats);
  renderByField(stats);
  renderFlows(stats);
  renderTrend(view);
  renderOverdue(view);
  // set last: tests and people wait on it to know the view is shown
  document.getElementById('figures').dataset.region = stats.region.code;
  document.getElementById('figures').dataset.view = `${stats.region.code}|${view.from}|${view.to}|${view.compare}|${view.rank}`;
}

async function init() {
  const fields = (await get('/api/fields')).fields;
  document.getElementById('field').replaceChildren(el('option', { value: '' }, t.labels.all),
    ...fields.map((f) => el('option', { value: f.code }, lang === 'en' ? f.nameEn : f.name)));
  document.getElementById('preset').replaceChildren(...Object.keys(t.presets).map((k) => el('option', { value: k }, t.presets[k])));
  document.getElementById('compare').replaceChildren(...['lastYear', 'previous', 'none'].map((k) => el('option', { value: k }, t.compare[k])));
  document.getElementById('rank-by').replaceChildren(el('option', { value: '' }, '—'),
    ...RANKABLE.map((k) => el('option', { value: k }, figureName(k))));
  const form = document.getElementById('period-form');
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    go({ ...currentView(), from: form.from.value, to: form.to.value, field: form.field.value, compare: form.compare.value });
  });
  form.preset.addEventListener('change', () => {
    const period = presets()[form.preset.value];
    if (period) go({ ...currentView(), from: period[0], to: period[1] });
  });
  form.compare.addEventListener('change', () => go({ ...currentView(), compare: form.compare.value }));
  document.getElementById('rank-by').addEventListener('change', (e) => go({ ...currentView(), rank: e.currentTarget.value }, true));
  window.addEventListener('popstate', render);
  window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));
  go(currentView(), true);
}

init();
