import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../utils/background/handlers';
import { dispatch } from '../../utils/background/dispatch';
import { openDatabase } from '../../utils/db/database';
import { installDataset } from '../../utils/db/dataset-store';
import type { EntityRecord } from '../../utils/dataset/schema';
import { envelope, readMarks, type BackgroundRequests } from '../../utils/messages';
import { ruleKey } from '../../utils/rules';
import { defaultSettings, type Settings } from '../../utils/settings';
import { tinyIndex } from './helpers/tiny-index';

const OWN = { ownId: 'dossier-id', ownOrigin: 'chrome-extension://dossier-id/' };
const CONTENT = { id: 'dossier-id', url: 'https://news.example/story' };
const OTHER_EXTENSION = { id: 'someone-else', url: 'https://news.example/story' };

let n = 0;
function setup() {
  let settings: Settings = defaultSettings();
  let clock = 100;
  const db = openDatabase(`rules-${n++}`);
  const handlers = createHandlers({
    db, index: async () => tinyIndex(), manifest: async () => null, now: () => clock++,
    readSettings: async () => settings,
    // A slow store, so that overlapping changes would lose one if they were not queued.
    writeSettings: async (s) => { await new Promise((r) => setTimeout(r, 5)); settings = s; },
  });
  const send = <K extends keyof BackgroundRequests & string>(kind: K, payload: unknown, sender = CONTENT) =>
    dispatch(handlers, envelope<BackgroundRequests, K>(kind, payload as never), sender, OWN);
  const annotate = async (text: string, site = 'news.example') =>
    readMarks(((await send('annotate', { texts: [text], site })) as { result: BackgroundRequests['annotate']['res'] }).result);
  return { send, annotate, settings: () => settings, db };
}

describe('corrections through the background', () => {
  it('an ambiguous mention carries its other meanings on the wire', async () => {
    const { annotate } = setup();
    const [m] = await annotate('Lawmakers met in Washington.');
    expect(m).toMatchObject({ id: 'Q61', alternatives: [{ id: 'Q1223', label: 'Washington', type: 'place' }] });
  });

  it("the card's request for other meanings returns their descriptions, and refuses too many", async () => {
    const { send, db } = setup();
    const rec = (id: string, label: string, description: string): EntityRecord => ({ id, label, aliases: [], type: 'place', description, facts: [], related: [], sources: ['test'], asOf: '2026-01-01', prior: 0.5 });
    await installDataset(db, 'v', [rec('Q61', 'Washington, D.C.', 'Capital of the United States.'), rec('Q1223', 'Washington', 'State of the United States.')]);
    const reply = (await send('getEntity', { id: 'Q61', also: ['Q1223', 'missing'] })) as { result: BackgroundRequests['getEntity']['res'] };
    expect(reply.result?.alternatives).toEqual([{ id: 'Q1223', label: 'Washington', type: 'place', description: 'State of the United States.' }]);
    expect(await send('getEntity', { id: 'Q61', also: Array.from({ length: 9 }, (_, i) => `Q${i}`) })).toMatchObject({ error: expect.stringContaining('also must be') });
  });

  it('a rule from the card is stored, honoured on the next annotate, and undone by its key', async () => {
    const { send, annotate, settings } = setup();
    const reply = await send('addRule', { rule: { kind: 'muteEntity', entity: 'Q312644', entityLabel: 'Eric Holder' } });
    expect(reply).toMatchObject({ result: { rules: [{ kind: 'muteEntity', entity: 'Q312644', created: 100 }] } });
    expect((await annotate('Eric Holder spoke in Mexico.')).map((m) => m.id)).toEqual(['Q96']);
    await send('removeRule', { key: ruleKey(settings().rules[0]!) });
    expect(settings().rules).toEqual([]);
    expect((await annotate('Eric Holder spoke in Mexico.')).map((m) => m.id)).toEqual(['Q312644', 'Q96']);
  });

  it('two corrections at once both land', async () => {
    const { send, settings } = setup();
    await Promise.all([
      send('addRule', { rule: { kind: 'muteName', name: 'Mexico', site: 'news.example' } }),
      send('addRule', { rule: { kind: 'muteEntity', entity: 'Q76' } }),
    ]);
    expect(settings().rules.map((r) => r.kind).sort()).toEqual(['muteEntity', 'muteName']);
  });

  it('refuses malformed rules and ignores other extensions', async () => {
    const { send, settings } = setup();
    expect(await send('addRule', { rule: { kind: 'muteName', name: 'Mexico' } })).toEqual({ error: 'invalid addRule request: rule is malformed' });
    expect(await send('addRule', { rule: { kind: 'muteEntity', entity: 'Q76' } }, OTHER_EXTENSION)).toBeUndefined();
    expect(settings().rules).toEqual([]);
  });
});
