// Submissions made without a network, kept in the browser (IndexedDB) until they are sent: each with its
// Idempotency-Key, in the order they were made. A reload keeps them; sync() sends them in order, each once.
const DB = 'mediation-outbox';
const STORE = 'submissions';

function open() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'key' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run(mode, work) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const result = work(tx.objectStore(STORE));
    tx.oncomplete = () => { db.close(); resolve(result && 'result' in result ? result.result : undefined); };
    tx.onerror = () => { db.close(); reject(tx.error); };
  });
}

let last = 0;

/** Keeps a submission: { key, method, path, body, headers, label }. */
export function add(item) {
  last = Math.max(Date.now(), last + 1);
  return run('readwrite', (store) => store.put({ ...item, order: last, state: 'pending', error: null }));
}

/** Every kept submission, oldest first. */
export async function all() {
  const items = await run('readonly', (store) => store.getAll());
  return (items || []).sort((a, b) => a.order - b.order);
}

export const put = (item) => run('readwrite', (store) => store.put(item));
export const remove = (key) => run('readwrite', (store) => store.delete(key));
