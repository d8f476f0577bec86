/**
 * Invariants of the bundled dataset (data/build/*.json, built by `npm run dataset`),
 * plus the names the seed article (shared/fixtures/seed) needs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { ENTITY_TYPES, NAME_FLAGS, type EntityRecord, type Manifest, type NameIndexFile } from '../../utils/dataset/schema';

const root = path.resolve(__dirname, '..', '..');
const buildDir = path.join(root, 'data', 'build');
const read = <T>(f: string): T => JSON.parse(fs.readFileSync(path.join(buildDir, f), 'utf8')) as T;

const entities = read<EntityRecord[]>('entities.json');
const names = read<NameIndexFile>('names.json');
const manifest = read<Manifest>('manifest.json');
const byId = new Map(entities.map((e) => [e.id, e]));

/** Comparison form: no diacritics, lower case, one space. */
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

const namesByFold = new Map<string, [string, number, number][]>();
for (const n of names.names) {
  const k = fold(n[0]);
  namesByFold.set(k, [...(namesByFold.get(k) ?? []), n]);
}

/** The seed article's expectations (shared/fixtures/seed/expected.json), with the brief's exact surfaces. */
const REQUIRED: { entity: string; type: string; surfaces: string[] }[] = [
  { entity: 'Mexico', type: 'place', surfaces: ['Mexico'] },
  { entity: 'United States', type: 'place', surfaces: ['US'] },
  { entity: 'Ciudad Juárez', type: 'place', surfaces: ['Ciudad Juarez'] },
  { entity: 'The Wall Street Journal', type: 'organization', surfaces: ['Wall Street Journal'] },
  { entity: 'AK-47', type: 'other', surfaces: ['AK-47'] },
  { entity: 'Bureau of Alcohol, Tobacco, Firearms and Explosives', type: 'organization', surfaces: ['Bureau of Alcohol, Tobacco, Firearms and Explosives', 'ATF'] },
  { entity: 'United States Department of Justice', type: 'organization', surfaces: ['Justice Department'] },
  { entity: 'Operation Fast and Furious', type: 'event', surfaces: ['Fast and Furious'] },
  { entity: 'Felipe Calderón', type: 'person', surfaces: ['Felipe Calderón', 'Calderon'] },
  { entity: 'United States Border Patrol', type: 'organization', surfaces: ['Border Patrol'] },
  { entity: 'Darrell Issa', type: 'person', surfaces: ['Darrell Issa'] },
  { entity: 'California', type: 'place', surfaces: ['California'] },
  { entity: 'House Committee on Oversight and Accountability', type: 'organization', surfaces: ['House Oversight Committee'] },
  { entity: 'Washington, D.C.', type: 'place', surfaces: ['Washington'] },
  { entity: 'United States Congress', type: 'organization', surfaces: ['Congress'] },
  { entity: 'Eric Holder', type: 'person', surfaces: ['Eric Holder'] },
  { entity: 'United States Department of Homeland Security', type: 'organization', surfaces: ['Homeland Security'] },
  { entity: 'Janet Napolitano', type: 'person', surfaces: ['Janet Napolitano'] },
  { entity: 'Barack Obama', type: 'person', surfaces: ['Obama'] },
];
const NEVER = ['Thursday', 'April', 'Yet', 'Both', 'However', 'Among', 'Government officials', 'President', 'Secretary', 'Representative', 'Romanian-made'];

// When the shared fixture is available, check its lists too.
const fixture = path.resolve(process.env.DOSSIER_SHARED ? path.resolve(root, process.env.DOSSIER_SHARED, '..') : path.join(root, '..', 'shared'), 'fixtures', 'seed', 'expected.json');
if (fs.existsSync(fixture)) {
  const expected = JSON.parse(fs.readFileSync(fixture, 'utf8')) as { required: typeof REQUIRED; never: string[] };
  for (const r of expected.required) if (!REQUIRED.some((x) => x.entity === r.entity)) REQUIRED.push(r);
  for (const n of expected.never) if (!NEVER.includes(n)) NEVER.push(n);
}

describe('dataset files', () => {
  it('has entities, names and a manifest', () => {
    expect(entities.length).toBeGreaterThan(100_000);
    expect(names.format).toBe(1);
    expect(names.datasetVersion).toBe(manifest.version);
  });

  it('stays small enough to ship (the zip budget is 15 MB; JSON compresses about 8×)', () => {
    expect(fs.statSync(path.join(buildDir, 'entities.json')).size).toBeLessThan(47_000_000);
    expect(fs.statSync(path.join(buildDir, 'names.json')).size).toBeLessThan(12_500_000);
  });

  it('covers every type at the scale the news needs', () => {
    const min: Record<string, number> = { person: 40_000, organization: 15_000, place: 30_000, event: 2_000 };
    for (const [t, n] of Object.entries(min)) expect(manifest.counts.byType[t as keyof Manifest['counts']['byType']], t).toBeGreaterThan(n);
  });

  it('is sorted by id (deterministic output)', () => {
    for (let i = 1; i < entities.length; i++) expect(entities[i - 1]!.id < entities[i]!.id).toBe(true);
  });
});

/** Collect problems in plain code and assert once: 25k records × many expect() calls would be slow. */
function problems(check: (add: (msg: string) => void) => void): string[] {
  const out: string[] = [];
  check((m) => {
    if (out.length < 20) out.push(m);
  });
  return out;
}
const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

describe('entity records', () => {
  it('have unique ids', () => {
    expect(byId.size).toBe(entities.length);
  });

  it('have the required fields', () => {
    const sources = new Set(manifest.sources.map((s) => s.id));
    const bad = problems((add) => {
      for (const e of entities) {
        if (!e.id || !e.label?.trim()) add(`${e.id}: no id/label`);
        if (!ENTITY_TYPES.includes(e.type)) add(`${e.id}: type ${e.type}`);
        if (!(e.description?.trim().length > 3)) add(`${e.id}: no description`);
        if (!Array.isArray(e.aliases) || !Array.isArray(e.facts) || !Array.isArray(e.related)) add(`${e.id}: arrays`);
        if (!e.sources?.length || e.sources.some((x) => !sources.has(x))) add(`${e.id}: sources ${e.sources}`);
        if (!DATE.test(e.asOf)) add(`${e.id}: asOf ${e.asOf}`);
        if (!(e.prior >= 0 && e.prior <= 1)) add(`${e.id}: prior ${e.prior}`);
        if (e.aliases.includes(e.label) || new Set(e.aliases).size !== e.aliases.length) add(`${e.id}: duplicate aliases`);
        if (e.wikidata && !/^Q\d+$/.test(e.wikidata)) add(`${e.id}: wikidata ${e.wikidata}`);
        if (/^Q\d+$/.test(e.id) && e.wikidata !== e.id) add(`${e.id}: QID id without wikidata field`);
      }
    });
    expect(bad).toEqual([]);
  });

  it('have at most one record per Wikipedia title and per Wikidata id (duplicates are merged)', () => {
    const bad = problems((add) => {
      const titles = new Map<string, string>();
      const qids = new Map<string, string>();
      for (const e of entities) {
        if (e.wikipedia && titles.has(e.wikipedia)) add(`${e.wikipedia}: ${titles.get(e.wikipedia)} and ${e.id}`);
        if (e.wikipedia) titles.set(e.wikipedia, e.id);
        if (e.wikidata && qids.has(e.wikidata)) add(`${e.wikidata}: ${qids.get(e.wikidata)} and ${e.id}`);
        if (e.wikidata) qids.set(e.wikidata, e.id);
      }
    });
    expect(bad).toEqual([]);
  });

  it('have no dangling related ids or fact refs', () => {
    const bad = problems((add) => {
      for (const e of entities) {
        for (const r of e.related) if (!byId.has(r) || r === e.id) add(`${e.id}: related ${r}`);
        for (const f of e.facts) {
          if (!f.key || !f.value) add(`${e.id}: empty fact`);
          if (f.ref && !byId.has(f.ref)) add(`${e.id}: fact ref ${f.ref}`);
          for (const d of [f.start, f.end, f.asOf]) if (d && !DATE.test(d)) add(`${e.id}: ${f.key} date ${d}`);
        }
      }
    });
    expect(bad).toEqual([]);
  });
});

describe('name index', () => {
  it('lists the entities in the order of entities.json', () => {
    expect(names.entities.length).toBe(entities.length);
    const bad = problems((add) => {
      names.entities.forEach(([id, label, type, prior], i) => {
        const e = entities[i]!;
        if (id !== e.id || label !== e.label || ENTITY_TYPES[type] !== e.type || prior !== e.prior) add(`${i}: ${id} ≠ ${e.id}`);
      });
    });
    expect(bad).toEqual([]);
  });

  it('points names at valid entities with valid flags', () => {
    const all = NAME_FLAGS.FULL | NAME_FLAGS.SURNAME | NAME_FLAGS.PROMINENT | NAME_FLAGS.ACRONYM | NAME_FLAGS.COMMON;
    const seen = new Set<string>();
    const bad = problems((add) => {
      for (const [surface, idx, flags] of names.names) {
        if (surface.trim() !== surface || surface.length < 2) add(`"${surface}": blank or short`);
        if (!(idx >= 0 && idx < entities.length)) add(`"${surface}": index ${idx}`);
        if (flags & ~all) add(`"${surface}": flags ${flags}`);
        if (flags & NAME_FLAGS.FULL && flags & NAME_FLAGS.SURNAME) add(`"${surface}": FULL and SURNAME`);
        if (flags & NAME_FLAGS.PROMINENT && !(flags & NAME_FLAGS.SURNAME)) add(`"${surface}": PROMINENT without SURNAME`);
        if (flags & NAME_FLAGS.COMMON && !(flags & NAME_FLAGS.FULL)) add(`"${surface}": COMMON without FULL`);
        if (flags & (NAME_FLAGS.SURNAME | NAME_FLAGS.PROMINENT) && entities[idx]?.type !== 'person') add(`"${surface}": surname of a non-person`);
        const k = `${surface}\u0000${idx}`;
        if (seen.has(k)) add(`"${surface}": duplicate for ${idx}`);
        seen.add(k);
      }
      for (let i = 1; i < names.names.length; i++) {
        const a = names.names[i - 1]!;
        const b = names.names[i]!;
        if (a[0] > b[0] || (a[0] === b[0] && a[1] > b[1])) add(`names not sorted at ${i}`);
      }
    });
    expect(bad).toEqual([]);
  });

  it('also knows a dotted abbreviation without its last dot ("the U.S government"), for the same entity', () => {
    const of = (s: string) => names.names.filter(([n]) => n === s).map(([, e]) => e);
    for (const abbr of ['U.S.', 'U.K.', 'U.N.']) {
      expect(of(abbr).length, abbr).toBeGreaterThan(0);
      expect(of(abbr.slice(0, -1))).toEqual(of(abbr));
    }
  });

  it('knows a place by the name of its English Wikipedia article where the source has a local form ("Cologne" for Köln)', () => {
    const labelsOf = (s: string) => names.names.filter(([n]) => n === s).map(([, e]) => entities[e]!.wikipedia);
    expect(labelsOf('Cologne')).toContain('Cologne');
    expect(labelsOf('Frankfurt')).toContain('Frankfurt');
    expect(labelsOf('Fallujah')).toContain('Fallujah');
  });

  it('marks all-caps acronyms', () => {
    for (const s of ['US', 'ATF', 'FBI', 'NATO']) {
      const hits = names.names.filter((n) => n[0] === s);
      expect(hits.length, s).toBeGreaterThan(0);
      for (const h of hits) expect(h[2] & NAME_FLAGS.ACRONYM, s).toBeTruthy();
    }
  });

  it('never emits common words, titles or the seed article’s "never" strings', () => {
    for (const w of [...NEVER, 'He', 'So', 'But', 'On', 'May', 'March', 'Image', 'Government', 'Republican', 'The', 'Secretary of State', 'Prime Minister']) {
      expect(namesByFold.get(fold(w)) ?? [], w).toEqual([]);
    }
  });
});

describe('seed article', () => {
  for (const r of REQUIRED) {
    for (const surface of r.surfaces) {
      it(`"${surface}" → ${r.entity} (${r.type})`, () => {
        const hits = (namesByFold.get(fold(surface)) ?? []).filter(([, idx]) => entities[idx]!.type === r.type);
        expect(hits.length, `no ${r.type} named "${surface}"`).toBeGreaterThan(0);
        const labels = hits.map(([, idx]) => fold(entities[idx]!.label));
        const aliasHit = hits.some(([, idx]) => [entities[idx]!.label, ...entities[idx]!.aliases].some((n) => fold(n) === fold(r.entity)));
        expect(labels.includes(fold(r.entity)) || aliasHit, `"${surface}" does not reach ${r.entity}: ${labels.join(', ')}`).toBe(true);
      });
    }
  }

  it('"Washington" ranks Washington, D.C. first, Washington state below it', () => {
    const hits = (namesByFold.get('washington') ?? []).map(([, idx, flags]) => ({ e: entities[idx]!, flags })).filter((h) => h.flags & NAME_FLAGS.FULL);
    hits.sort((a, b) => b.e.prior - a.e.prior);
    expect(hits[0]!.e.label).toBe('Washington, D.C.');
    expect(hits.some((h) => h.e.kind === 'state')).toBe(true);
  });

  it('"Obama" alone reaches Barack Obama (prominent surname); "Calderón" is a surname', () => {
    const obama = (namesByFold.get('obama') ?? []).filter(([, idx]) => entities[idx]!.label === 'Barack Obama');
    expect(obama.length).toBe(1);
    expect(obama[0]![2] & NAME_FLAGS.SURNAME && obama[0]![2] & NAME_FLAGS.PROMINENT).toBeTruthy();
    const calderon = (namesByFold.get('calderon') ?? []).filter(([, idx]) => entities[idx]!.label === 'Felipe Calderón');
    expect(calderon.length).toBe(1);
    expect(calderon[0]![2] & NAME_FLAGS.SURNAME).toBeTruthy();
    expect(calderon[0]![2] & NAME_FLAGS.PROMINENT).toBeFalsy();
  });
});

describe('ambiguous names', () => {
  it('are never names on their own when they are plain words, contractions or peoples ("Mobile", "I\'m", "Arab"): at most COMMON, marked where the page names the entity in full', () => {
    const alone = (f: number) => (f & NAME_FLAGS.FULL) !== 0 && (f & NAME_FLAGS.COMMON) === 0;
    for (const w of ['Mobile', 'Reading', "I'm", 'DNA', 'Arab']) {
      expect((namesByFold.get(fold(w)) ?? []).filter(([, , f]) => alone(f)), w).toEqual([]);
    }
    // A plain word that needs evidence is still known: "the Mets" after "New York Mets".
    const mets = (namesByFold.get(fold('Mets')) ?? []).filter(([, , f]) => (f & NAME_FLAGS.COMMON) !== 0).map(([, idx]) => entities[idx]!.label);
    expect(mets).toEqual(['New York Mets']);
  });

  it('rank the notable entity first: "Phoenix" is the Arizona city, "Apple" the company, "Georgia" both places', () => {
    const top = (name: string) =>
      (namesByFold.get(fold(name)) ?? []).filter(([, , f]) => f & NAME_FLAGS.FULL && !(f & NAME_FLAGS.COMMON)).map(([, idx]) => entities[idx]!).sort((a, b) => b.prior - a.prior);
    expect(top('Phoenix')[0]?.wikipedia).toBe('Phoenix, Arizona');
    expect(top('Apple')[0]?.label).toMatch(/^Apple/);
    expect(top('Apple').every((e) => e.prior >= 0.6)).toBe(true);
    expect(top('Georgia').map((e) => e.wikipedia)).toEqual(expect.arrayContaining(['Georgia (country)', 'Georgia (U.S. state)']));
  });

  it('never make a plain word a name for a small town or a minor brand', () => {
    const bad = problems((add) => {
      for (const [surface, idx, flags] of names.names) {
        const e = entities[idx]!;
        if (flags & NAME_FLAGS.FULL && !(flags & NAME_FLAGS.COMMON) && e.type === 'place' && e.kind === 'city' && e.prior < 0.3 && /^(Phoenix|Reading|Mobile|Buffalo|Jackson|Clinton|Florence|Victoria)$/.test(surface)) add(`${surface} → ${e.id}`);
      }
    });
    expect(bad).toEqual([]);
  });
});

describe('manifest', () => {
  it('counts match the files', () => {
    expect(manifest.counts.total).toBe(entities.length);
    expect(manifest.counts.names).toBe(names.names.length);
    for (const t of ENTITY_TYPES) expect(manifest.counts.byType[t]).toBe(entities.filter((e) => e.type === t).length);
  });

  it('credits every source with licence, attribution and date', () => {
    expect(manifest.version).toMatch(/^\d{4}\.\d{2}\.\d{2}-[0-9a-f]{8}$/);
    const used = new Set(entities.flatMap((e) => e.sources));
    for (const s of manifest.sources) {
      expect(s.licence.trim(), s.id).not.toBe('');
      expect(s.attribution.trim(), s.id).not.toBe('');
      expect(s.asOf, s.id).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
      expect(s.records, s.id).toBeGreaterThan(0);
    }
    for (const u of used) expect(manifest.sources.some((s) => s.id === u), u).toBe(true);
  });
});
