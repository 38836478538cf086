// The pages' one way to the JSON API: the login's session cookie, the CSRF token on every change, and problem
// details turned into an error the forms can place beside the field they name.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
    this.errors = Array.isArray(problem?.errors) ? problem.errors : [];
  }
}

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : null;
}

export async function api(method, path, body, headers = {}) {
  // refusals come back in the page's language (the server reads Accept-Language)
  const language = document.documentElement.lang || 'zh-CN';
  const init = { method, headers: { Accept: 'application/json', 'Accept-Language': language, ...headers },
                 credentials: 'same-origin' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (method !== 'GET') {
    const token = csrfToken();
    if (token) init.headers['X-XSRF-TOKEN'] = token;
  }
  const response = await fetch(path, init);
  if (response.status === 401) {
    window.location.assign('/login');
    throw new ApiError(401, { title: 'login required' });
  }
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, data);
  return { data, etag: response.headers.get('ETag') };
}

/** A key for one submission: a retry of the same submission sends the same key, and the server answers it once. */
export const newKey = () => crypto.randomUUID();

export const get = (path) => api('GET', path).then((r) => r.data);

export function query(params) {
  const search = new URLSearchParams();
  Object.entries(params).forEach(([k, v]) => { if (v !== undefined && v !== null && v !== '') search.set(k, v); });
  return search.toString();
}

/** A region code's level from which of its parts are zero. */
export function levelOf(code) {
  if (code.slice(9) !== '000') return 'VILLAGE';
  if (code.slice(6, 9) !== '000') return 'TOWN';
  if (code.slice(4, 6) !== '00') return 'COUNTY';
  return 'CITY';
}

/** Today's date in the bureau's time zone (Asia/Shanghai), as the server's calendar has it. */
export function today() {
  return beijingTime(new Date().toISOString()).slice(0, 10);
}

/** A recorded instant as people in the bureau read it: Beijing time (Asia/Shanghai), YYYY-MM-DD HH:mm:ss. */
export function beijingTime(instant) {
  if (!instant) return '';
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    second: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** Creates an element: el('p', {class: 'x'}, 'text', child). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes).forEach(([k, v]) => {
    if (v === undefined || v === null || v === false) return;
    if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  });
  children.flat().forEach((c) => { if (c !== null && c !== undefined) node.append(c.nodeType ? c : String(c)); });
  return node;
}

/** Shows a problem's errors beside the inputs they name (by data-field or name), the rest at the form's top. */
export function showErrors(form, error) {
  clearErrors(form);
  const general = form.querySelector('.form-error');
  const unplaced = [];
  (error.errors.length ? error.errors : [{ field: null, message: error.message }]).forEach(({ field, message }) => {
    const input = field && (form.querySelector(`[data-field="${CSS.escape(field)}"]`)
        || form.querySelector(`[name="${CSS.escape(field)}"]`));
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      const note = el('span', { class: 'field-error', role: 'alert', id: `err-${Math.random().toString(36).slice(2)}` },
                      message);
      input.setAttribute('aria-describedby', note.id);
      input.insertAdjacentElement('afterend', note);
    } else {
      unplaced.push(field ? `${field}: ${message}` : message);
    }
  });
  if (general) general.textContent = unplaced.join('；');
}

export function clearErrors(form) {
  form.querySelectorAll('.field-error').forEach((n) => n.remove());
  form.querySelectorAll('[aria-invalid]').forEach((n) => n.removeAttribute('aria-invalid'));
  const general = form.querySelector('.form-error');
  if (general) general.textContent = '';
}

/** Keeps ?lang= links pointing at the current view (region, period) instead of the bare page. */
export function keepViewOnLanguageSwitch() {
  const link = document.getElementById('lang-switch');
  if (!link) return;
  const update = () => {
    const params = new URLSearchParams(window.location.search);
    params.set('lang', new URLSearchParams(link.getAttribute('href').slice(1)).get('lang'));
    link.href = `${window.location.pathname}?${params}`;
  };
  update();
  window.addEventListener('popstate', update);
  document.addEventListener('viewchange', update);
}
