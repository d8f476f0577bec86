import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../utils/background/handlers';
import { dispatch } from '../../utils/background/dispatch';
import { openDatabase } from '../../utils/db/database';
import { installDataset } from '../../utils/db/dataset-store';
import { envelope, readMarks, type BackgroundRequests } from '../../utils/messages';
import { defaultSettings, type Settings } from '../../utils/settings';
import { TINY, tinyIndex } from './helpers/tiny-index';

const OWN = { ownId: 'dossier-id', ownOrigin: 'chrome-extension://dossier-id/' };
const CONTENT = { id: 'dossier-id', url: 'https://news.example/story' };
const PAGE = { id: 'dossier-id', url: 'chrome-extension://dossier-id/popup.html' };

let n = 0;
async function setup() {
  const db = openDatabase(`handlers-${n++}`);
  await installDataset(db, 'test', TINY.map((e) => ({
    id: e.id, label: e.label, aliases: e.names.map(([a]) => a).filter((a) => a !== e.label), type: e.type, description: `About ${e.label}.`,
    facts: [], related: e.id === 'Q312644' ? ['Q30', 'missing'] : [], sources: ['test'], asOf: '2026-01-01', prior: e.prior,
  })));
  let settings: Settings = defaultSettings();
  const index = tinyIndex();
  const handlers = createHandlers({
    db, index: async () => index, manifest: async () => null,
    readSettings: async () => settings, writeSettings: async (s) => { settings = s; },
  });
  const send = <K extends keyof BackgroundRequests & string>(kind: K, payload: unknown, sender = CONTENT) =>
    dispatch(handlers, { ...envelope<BackgroundRequests, K>(kind, payload as never) }, sender, OWN);
  return { db, handlers, send, settings: () => settings };
}

describe('background dispatch', () => {
  it('annotates text and replies {result}', async () => {
    const { send } = await setup();
    const reply = await send('annotate', { texts: ['US Attorney General Eric Holder said'] });
    expect(reply).toMatchObject({ result: { datasetVersion: 'test' } });
    const mentions = readMarks((reply as { result: BackgroundRequests['annotate']['res'] }).result);
    expect(mentions.map((m) => [m.id, m.label, m.type])).toEqual([['Q30', 'United States', 'place'], ['Q312644', 'Eric Holder', 'person']]);
    expect(mentions.map((m) => [m.seg, m.start, m.end])).toEqual([[0, 0, 2], [0, 20, 31]]);
  });

  it('sends each entity once, and the marks and their alternatives as numbers', async () => {
    const { send } = await setup();
    const text = 'Eric Holder spoke. Later Eric Holder and the US spoke again.';
    const { result } = (await send('annotate', { texts: [text, 'Eric Holder'] })) as { result: BackgroundRequests['annotate']['res'] };
    expect(result.entities.map((e) => e.id).sort()).toEqual(['Q30', 'Q312644']);
    expect(result.marks.every((n) => typeof n === 'number')).toBe(true);
    const mentions = readMarks(result);
    expect(mentions.map((m) => [m.seg, text.slice(m.start, m.end), m.id])).toEqual([[0, 'Eric Holder', 'Q312644'], [0, 'Eric Holder', 'Q312644'], [0, 'US', 'Q30'], [1, 'Eric Holder', 'Q312644']]);
    for (const m of mentions) expect(m.confidence).toBeGreaterThan(0);
  });

  it('honours the entity types the reader turned off', async () => {
    const { send } = await setup();
    await send('setSettings', { types: { ...defaultSettings().types, person: false } }, PAGE);
    const reply = (await send('annotate', { texts: ['US Attorney General Eric Holder said'] })) as { result: BackgroundRequests['annotate']['res'] };
    expect(readMarks(reply.result).map((m) => m.id)).toEqual(['Q30']);
  });

  it('returns an entity with its related entities (no dangling ones)', async () => {
    const { send } = await setup();
    const reply = (await send('getEntity', { id: 'Q312644' })) as { result: BackgroundRequests['getEntity']['res'] };
    expect(reply.result?.record.label).toBe('Eric Holder');
    expect(reply.result?.related.map((r) => r.id)).toEqual(['Q30']);
    expect(await send('getEntity', { id: 'nope' })).toEqual({ result: null });
  });

  it('saves, lists and deletes pages; the popover learns where the entity was read about', async () => {
    const { send } = await setup();
    const save = await send('savePage', { url: 'https://news.example/story', title: 'Story', site: 'news.example', excerpt: '', text: 'Eric Holder', entities: [{ id: 'Q312644', label: 'Eric Holder', type: 'person', count: 2 }] });
    expect(save).toMatchObject({ result: { url: 'https://news.example/story', title: 'Story' } });
    const list = (await send('listPages', {}, PAGE)) as { result: unknown[] };
    expect(list.result).toHaveLength(1);
    const entity = (await send('getEntity', { id: 'Q312644' })) as { result: BackgroundRequests['getEntity']['res'] };
    expect(entity.result?.savedPages).toEqual([{ url: 'https://news.example/story', title: 'Story' }]);
    expect(entity.result?.savedCount).toBe(1);
    for (let k = 0; k < 6; k++) {
      await send('savePage', { url: `https://news.example/more-${k}`, title: `More ${k}`, site: 'news.example', excerpt: '', text: 'Eric Holder', entities: [{ id: 'Q312644', label: 'Eric Holder', type: 'person', count: 1 }] });
    }
    const many = (await send('getEntity', { id: 'Q312644' })) as { result: BackgroundRequests['getEntity']['res'] };
    expect(many.result?.savedPages).toHaveLength(5);
    expect(many.result?.savedCount).toBe(7);
    expect(await send('deletePage', { url: 'https://news.example/story' }, PAGE)).toEqual({ result: { deleted: true } });
  });

  it('serves records of a dataset still being installed (first run) from memory', async () => {
    const db = openDatabase(`handlers-empty-${n++}`);
    const pending = new Map([['Q76', { id: 'Q76', label: 'Barack Obama', aliases: [], type: 'person' as const, description: 'x', facts: [], related: [], sources: ['t'], asOf: '2026', prior: 1 }]]);
    const handlers = createHandlers({
      db, index: async () => tinyIndex(), manifest: async () => null, readSettings: async () => defaultSettings(),
      writeSettings: async () => {}, pendingRecord: (id) => pending.get(id),
    });
    expect((await handlers.getEntity({ id: 'Q76' }))?.record.label).toBe('Barack Obama');
    expect(await handlers.getEntity({ id: 'Q30' })).toBeNull();
  });

  it('rejects malformed payloads with a clear error', async () => {
    const { send } = await setup();
    expect(await send('annotate', { texts: 'not an array' })).toEqual({ error: 'invalid annotate request: texts must be an array' });
    expect(await send('savePage', { url: 'javascript:alert(1)', entities: [] })).toEqual({ error: 'invalid savePage request: url must be http(s)' });
    expect(await send('getEntity', null)).toMatchObject({ error: expect.stringContaining('invalid getEntity') });
  });

  it('keeps privileged requests to our own pages', async () => {
    const { send, settings } = await setup();
    expect(await send('setSettings', { enabled: false })).toMatchObject({ error: expect.stringContaining('only allowed') });
    expect(await send('deletePage', { url: 'https://x.example/' })).toMatchObject({ error: expect.stringContaining('only allowed') });
    expect(await send('listPages', {})).toMatchObject({ error: expect.stringContaining('only allowed') });
    expect(settings().enabled).toBe(true);
  });

  it('ignores messages from other extensions and messages that are not ours', async () => {
    const { handlers, send } = await setup();
    expect(await send('annotate', { texts: ['Mexico'] }, { id: 'other-extension', url: 'https://x.example/' })).toBeUndefined();
    expect(await dispatch(handlers, { kind: 'annotate', payload: { texts: [] } }, CONTENT, OWN)).toBeUndefined();
    expect(await dispatch(handlers, 'hello', CONTENT, OWN)).toBeUndefined();
  });

  it('sanitizes settings field by field', async () => {
    const { send } = await setup();
    const reply = (await send('setSettings', { style: 'neon', trigger: 'hover', disabledSites: ['a.example', 42, 'a.example'] }, PAGE)) as { result: Settings };
    expect(reply.result.style).toBe('underline');
    expect(reply.result.trigger).toBe('hover');
    expect(reply.result.disabledSites).toEqual(['a.example']);
  });
});
