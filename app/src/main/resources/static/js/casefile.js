// A case's file (卷宗) to print and archive: registration, parties by role (masked unless the reader is the case's
// own mediator, as the API decides), every step with date, unit, mediators and actor, the agreement, fulfilment,
// judicial confirmation and follow-ups. Step names come from the pages' one dictionary.
import { get, el } from './api.js';
import { t, lang, beijing } from './i18n.js';

const id = document.body.dataset.caseId;
const zh = lang !== 'en';
const L = zh
  ? { title: '人民调解案件卷宗', registration: '一、纠纷登记', parties: '二、当事人', steps: '三、办理经过',
      agreement: '四、调解协议', fulfilment: '五、协议履行', confirmation: '六、司法确认', followUp: '七、回访',
      committee: '调解委员会', village: '纠纷发生地', field: '纠纷领域', source: '来源', registeredOn: '登记日期',
      occurredOn: '发生日期', people: '涉及人数', amount: '涉及金额(元)', summary: '纠纷简要情况', grade: '风险等级',
      status: '当前状态', handling: '当前承办', no: '序号', date: '日期', step: '办理步骤', unit: '承办单位',
      mediators: '调解员', actor: '经办人', content: '内容', form: '协议形式', terms: '协议内容', agreed: '协议金额(元)',
      fulfilled: '履行情况', yes: '已履行', no2: '未履行', court: '确认法院', satisfaction: '满意度', notes: '回访记录',
      none: '无', masked: '当事人个人信息已按阅读人权限遮蔽', erased: '当事人个人信息已删除', printed: '打印',
      concluded: '化解层级' }
  : { title: "People's mediation case file", registration: '1. Registration', parties: '2. Parties',
      steps: '3. Steps', agreement: '4. Agreement', fulfilment: '5. Fulfilment', confirmation: '6. Judicial confirmation',
      followUp: '7. Follow-up', committee: 'Committee', village: 'Where it arose', field: 'Field', source: 'Source',
      registeredOn: 'Registered on', occurredOn: 'Occurred on', people: 'People involved', amount: 'Amount (yuan)',
      summary: 'Summary', grade: 'Risk grade', status: 'Status', handling: 'Handled by', no: 'No.', date: 'Date',
      step: 'Step', unit: 'Unit', mediators: 'Mediators', actor: 'Actor', content: 'Content', form: 'Form',
      terms: 'Terms', agreed: 'Amount (yuan)', fulfilled: 'Fulfilment', yes: 'fulfilled', no2: 'not fulfilled',
      court: 'Court', satisfaction: 'Satisfaction', notes: 'Notes', none: 'None',
      masked: "Parties' personal data masked for the reader's role", erased: "Parties' personal data erased",
      printed: 'Printed', concluded: 'Level' };

const facts = (rows) => el('table', { class: 'facts-table' }, el('tbody', {},
  ...rows.filter(([, v]) => v !== null && v !== undefined && v !== '').map(([k, v]) => el('tr', {}, el('th', { scope: 'row' }, k), el('td', {}, String(v))))));

const grid = (headings, rows) => el('table', {},
  el('thead', {}, el('tr', {}, ...headings.map((h) => el('th', { scope: 'col' }, h)))),
  el('tbody', {}, ...rows.map((cells) => el('tr', {}, ...cells.map((c) => el('td', {}, c ?? ''))))));

function actor(step) {
  const info = step.actorInfo || {};
  return `${step.actor ?? ''}（${t.roles[info.role || 'SYSTEM']}）`;
}

function render(file) {
  const article = document.getElementById('file');
  const parts = [
    el('h1', {}, L.title),
    el('p', { class: 'case-number' }, `${t.labels.caseNumber}：`, el('strong', { id: 'case-number' }, file.caseNumber)),
    el('h2', {}, L.registration),
    facts([[L.committee, file.committee], [L.village, file.village],
           [L.field, zh ? file.field.name : file.field.nameEn], [L.source, t.source[file.source]],
           [L.registeredOn, file.registeredOn], [L.occurredOn, file.occurredOn], [L.people, file.peopleInvolved],
           [L.amount, file.amountInvolved], [L.summary, file.summary], [L.grade, t.grade[file.riskGrade]],
           [L.status, t.status[file.status] || file.status],
           [L.handling, `${t.level[file.handlingLevel] || ''} ${file.handlingUnit}`]]),
    el('h2', {}, L.parties),
    file.parties.length
      ? grid([t.labels.role, t.labels.name, t.labels.idNumber, t.labels.phone],
             file.parties.map((p) => [t.partyRole[p.role] || p.role, p.name, p.idNumber, p.phone]))
      : el('p', {}, L.none),
    file.personalDataErased ? el('p', { class: 'muted' }, L.erased)
      : file.partiesInClear ? null : el('p', { class: 'muted' }, L.masked),
    el('h2', {}, L.steps),
    grid([L.no, L.date, L.step, L.unit, L.mediators, L.actor, L.content], file.steps.map((s, i) => [
      String(i + 1), s.date, t.steps[s.step] || s.type, s.unit, (s.mediators || []).join('、'), actor(s),
      zh ? s.summary : (s.summaryEn || s.summary)])),
    el('h2', {}, L.agreement),
    file.agreement ? facts([[L.form, t.form[file.agreement.form]], [L.terms, file.agreement.terms],
                            [L.agreed, file.agreement.amount], [L.date, file.agreement.date],
                            [L.concluded, t.level[file.agreement.level]], [L.unit, file.agreement.unit]])
      : el('p', {}, L.none),
    el('h2', {}, L.fulfilment),
    file.fulfilment ? facts([[L.fulfilled, file.fulfilment.fulfilled ? L.yes : L.no2], [L.date, file.fulfilment.date]])
      : el('p', {}, L.none),
    el('h2', {}, L.confirmation),
    file.judicialConfirmation ? facts([[L.court, file.judicialConfirmation.court], [L.date, file.judicialConfirmation.date]])
      : el('p', {}, L.none),
    el('h2', {}, L.followUp),
    file.followUps.length ? grid([L.date, L.satisfaction, L.notes], file.followUps.map((f) => [f.date, String(f.satisfaction), f.notes]))
      : el('p', {}, L.none),
    el('p', { class: 'printed' }, `${L.printed}：${document.body.dataset.user} · ${beijing(new Date().toISOString())}`),
  ];
  article.replaceChildren(...parts.filter(Boolean));
  document.title = `${L.title} ${file.caseNumber}`;
  article.dataset.ready = 'true';
}

document.getElementById('print').addEventListener('click', () => window.print());
get(`/api/disputes/${encodeURIComponent(id)}/file`).then(render).catch((error) => {
  const article = document.getElementById('file');
  article.replaceChildren(el('h1', {}, L.title), el('p', { class: 'error', role: 'alert' }, error.message));
  article.dataset.ready = 'error';
});
