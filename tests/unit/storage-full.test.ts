/**
 * Storage full (issue 6): when IndexedDB refuses a write for quota, the reader gets a message that
 * says what did not happen, and nothing of the write lands. The quota error is simulated in
 * fake-indexeddb's object stores: once "full", every put/add into the chosen stores throws the
 * QuotaExceededError DOMException a browser raises, part-way through a transaction.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../utils/background/dispatch';
import { createHandlers } from '../../utils/background/handlers';
import { openDatabase } from '../../utils/db/database';
import { isQuotaError, StorageFullError } from '../../utils/db/storage-full';
import { toJson } from '../../utils/library/export';
import { envelope, type BackgroundRequests } from '../../utils/messages';
import { defaultSettings } from '../../utils/settings';
import { page } from './helpers/library-pages';

const OWN = { ownId: 'dossier-id', ownOrigin: 'chrome-extension://dossier-id/' };
const PAGE = { id: 'dossier-id', url: 'chrome-extension://dossier-id/library.html' };
const CONTENT = { id: 'dossier-id', url: 'https://news.example/story' };

// The quota: after `allowed` more writes into `stores`, every write throws.
const quota = { stores: new Set<string>(), allowed: Infinity };
const proto = globalThis.IDBObjectStore.prototype as unknown as Record<'put' | 'add', (...a: unknown[]) => unknown> & { name: string };
const realPut = proto.put;
const realAdd = proto.add;
for (const method of ['put', 'add'] as const) {
  const real = method === 'put' ? realPut : realAdd;
  proto[method] = function (this: { name: string }, ...args: unknown[]) {
    if (quota.stores.has(this.name) && quota.allowed-- <= 0) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return real.apply(this, args);
  };
}
const fill = (stores: string[], allowed = 0) => { quota.stores = new Set(stores); quota.allowed = allowed; };
afterEach(() => fill([]));

let n = 0;
function setup() {
  const db = openDatabase(`storage-full-${n++}`);
  const handlers = createHandlers({
    db, index: async () => { throw new Error('no index in these tests'); }, manifest: async () => null,
    readSettings: async () => defaultSettings(), writeSettings: async () => {},
  });
  const send = <K extends keyof BackgroundRequests & string>(kind: K, payload: unknown, sender = PAGE) =>
    dispatch(handlers, envelope<BackgroundRequests, K>(kind, payload as never), sender, OWN) as Promise<{ result?: BackgroundRequests[K]['res']; error?: string }>;
  const upload = async (text: string) => {
    const { result } = await send('importStart', {});
    await send('importChunk', { uploadId: result!.uploadId, seq: 0, data: text });
    return send('importFinish', { uploadId: result!.uploadId, format: 'auto' });
  };
  return { db, send, upload };
}

const save = (n: number) => ({ ...page(n), tags: undefined, note: undefined });

describe('storage full', () => {
  it('saving a page says the page was not saved, and the library is as it was', async () => {
    const { db, send } = setup();
    await send('savePage', save(1), CONTENT);
    expect((await send('queryLibrary', {})).result?.total).toBe(1);
    fill(['pages', 'pageTexts', 'meta']);
    const reply = await send('savePage', save(2), CONTENT);
    expect(reply.error).toMatch(/no room left for Dossier's data\. The page was not saved\./);
    expect(reply.error).not.toMatch(/QuotaExceededError/);
    fill([]);
    expect(await send('isSaved', { url: page(2).url }, CONTENT)).toEqual({ result: { saved: false } });
    expect(await db.pageTexts.get(page(2).url)).toBeUndefined();
    expect((await send('queryLibrary', {})).result?.items.map((i) => i.url)).toEqual([page(1).url]);
    // Space freed: the same save goes through.
    expect((await send('savePage', save(2), CONTENT)).error).toBeUndefined();
    expect((await send('queryLibrary', {})).result?.total).toBe(2);
  });

  it('a page whose text does not fit leaves no half-saved record behind', async () => {
    const { db, send } = setup();
    // The page row is written, then its text is refused: the transaction must take the row back.
    fill(['pageTexts']);
    expect((await send('savePage', save(3), CONTENT)).error).toMatch(/The page was not saved/);
    fill([]);
    expect(await db.pages.count()).toBe(0);
    expect(await db.pageTexts.count()).toBe(0);
  });

  it('an import that runs out of room part-way imports nothing and says so', async () => {
    const { db, send, upload } = setup();
    expect((await upload(toJson([page(1)], new Date()))).result?.added).toBe(1);
    const before = await db.pages.toArray();
    // Two of five pages fit before the quota is reached.
    fill(['pages', 'pageTexts'], 2);
    const reply = await upload(toJson([page(2), page(3), page(4), page(5), page(6)], new Date()));
    expect(reply.error).toMatch(/no room left for Dossier's data\. Your library is as it was before the import\./);
    fill([]);
    expect(await db.pages.toArray()).toEqual(before);
    expect(await db.pageTexts.count()).toBe(1);
    const listed = await send('queryLibrary', {});
    expect(listed.result?.items.map((i) => i.url)).toEqual([page(1).url]);
    // Search knows nothing of the refused pages either.
    expect((await send('queryLibrary', { text: 'whales' })).result?.total).toBe(0);
  });

  it('editing tags when full says the change was not saved and keeps the old ones', async () => {
    const { send } = setup();
    await send('savePage', { ...save(4), tags: ['old'] }, CONTENT);
    fill(['pages']);
    expect((await send('updatePage', { url: page(4).url, tags: ['keep'] })).error).toMatch(/Your change was not saved/);
    fill([]);
    expect((await send('queryLibrary', {})).result?.items[0]?.tags).toEqual(['old']);
  });

  it('a search snapshot that does not fit costs nothing: saves and searches still work', async () => {
    const { send } = setup();
    fill(['searchIndex']);
    expect((await send('savePage', save(1), CONTENT)).error).toBeUndefined();
    const found = await send('queryLibrary', { text: 'sudan' });
    expect(found.error).toBeUndefined();
    expect(found.result?.items.map((i) => i.url)).toEqual([page(1).url]);
  });

  it('recognizes the quota error in the forms browsers and Dexie give it, and nothing else', () => {
    expect(isQuotaError(new DOMException('x', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaError(new Dexie.AbortError('Transaction aborted', new DOMException('x', 'QuotaExceededError')))).toBe(true);
    expect(isQuotaError(new Dexie.QuotaExceededError('full'))).toBe(true);
    expect(isQuotaError({ name: 'UnknownError', message: 'NS_ERROR_DOM_QUOTA_REACHED' })).toBe(true);
    expect(isQuotaError(new Dexie.ConstraintError('key exists'))).toBe(false);
    expect(isQuotaError(new TypeError('x is undefined'))).toBe(false);
    expect(new StorageFullError('import').message).toMatch(/^The browser has no room left/);
  });
});
