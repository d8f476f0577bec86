/** The library's messages through the background's dispatcher: validation and who may send what. */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../utils/background/dispatch';
import { createHandlers } from '../../utils/background/handlers';
import { openDatabase } from '../../utils/db/database';
import { toJson } from '../../utils/library/export';
import { envelope, type BackgroundRequests } from '../../utils/messages';
import { defaultSettings } from '../../utils/settings';
import { page } from './helpers/library-pages';

const OWN = { ownId: 'dossier-id', ownOrigin: 'chrome-extension://dossier-id/' };
const CONTENT = { id: 'dossier-id', url: 'https://news.example/story' };
const PAGE = { id: 'dossier-id', url: 'chrome-extension://dossier-id/library.html' };

let n = 0;
function setup() {
  const db = openDatabase(`lib-handlers-${n++}`);
  const handlers = createHandlers({
    db, index: async () => { throw new Error('no index in these tests'); }, manifest: async () => null,
    readSettings: async () => defaultSettings(), writeSettings: async () => {},
  });
  const send = <K extends keyof BackgroundRequests & string>(kind: K, payload: unknown, sender = PAGE) =>
    dispatch(handlers, envelope<BackgroundRequests, K>(kind, payload as never), sender, OWN) as Promise<{ result?: BackgroundRequests[K]['res']; error?: string }>;
  return { send };
}

async function upload(send: ReturnType<typeof setup>['send'], text: string, piece = 1000) {
  const { result } = await send('importStart', {});
  for (let seq = 0, at = 0; at < text.length; seq++, at += piece) {
    const r = await send('importChunk', { uploadId: result!.uploadId, seq, data: text.slice(at, at + piece) });
    if (r.error) return r;
  }
  return send('importFinish', { uploadId: result!.uploadId, format: 'auto' });
}

describe('library messages', () => {
  it('keeps library reads and writes to our own pages; content scripts may save and ask isSaved', async () => {
    const { send } = setup();
    for (const [kind, payload] of [['queryLibrary', {}], ['deletePages', { urls: [] }], ['exportPages', { offset: 0, limit: 1 }], ['importStart', {}], ['updatePage', { url: 'https://x.example/' }], ['restorePages', { pages: [] }]] as const) {
      expect(await send(kind, payload, CONTENT), kind).toMatchObject({ error: expect.stringContaining('only allowed') });
    }
    await send('savePage', { ...page(1), tags: undefined, note: undefined }, CONTENT);
    expect(await send('isSaved', { url: page(1).url }, CONTENT)).toEqual({ result: { saved: true } });
    expect(await send('isSaved', { url: page(2).url }, CONTENT)).toEqual({ result: { saved: false } });
  });

  it('validates queries and edits', async () => {
    const { send } = setup();
    expect((await send('queryLibrary', { limit: 10_000 })).error).toMatch(/limit must be a whole number/);
    expect((await send('queryLibrary', { sort: 'random' })).error).toMatch(/sort must be one of/);
    expect((await send('queryLibrary', { entityType: 'alien' })).error).toMatch(/entityType/);
    expect((await send('updatePage', { url: 'https://x.example/', tags: [1] })).error).toMatch(/tags\[0\]/);
    expect((await send('restorePages', { pages: [{ ...page(1), url: 'javascript:1' }] })).error).toMatch(/pages\[0\]\.url/);
  });

  it('imports in pieces, reports, and answers queries; a broken file changes nothing', async () => {
    const { send } = setup();
    const file = toJson([page(1), page(2), page(3)], new Date());
    expect(await upload(send, file)).toEqual({ result: { format: 'json', added: 3, updated: 0, skipped: 0 } });
    expect((await send('queryLibrary', { text: 'whales' })).result?.total).toBe(1);
    const broken = await upload(send, file.slice(0, file.length - 10));
    expect(broken.error).toMatch(/not valid JSON/);
    expect((await send('queryLibrary', {})).result?.total).toBe(3);
    const { result } = await send('exportPages', { offset: 0, limit: 2 });
    expect(result?.total).toBe(3);
    expect(result?.pages).toHaveLength(2);
  });

  it('deletes with the pages in the reply, and restores them for undo', async () => {
    const { send } = setup();
    await upload(send, toJson([page(1), page(2)], new Date()));
    const { result } = await send('deletePages', { urls: [page(1).url] });
    expect(result?.deleted.map((p) => p.text)).toEqual([page(1).text]);
    expect((await send('queryLibrary', {})).result?.total).toBe(1);
    expect(await send('restorePages', { pages: result!.deleted })).toEqual({ result: { restored: 1 } });
    expect((await send('queryLibrary', { text: 'sudan' })).result?.items.map((i) => i.url)).toEqual([page(1).url]);
  });

  it('refuses an upload out of order', async () => {
    const { send } = setup();
    const { result } = await send('importStart', {});
    expect((await send('importChunk', { uploadId: result!.uploadId, seq: 1, data: 'x' })).error).toMatch(/out of order/);
    expect((await send('importFinish', { uploadId: result!.uploadId, format: 'auto' })).error).toMatch(/interrupted/);
  });
});
