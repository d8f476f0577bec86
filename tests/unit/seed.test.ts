/**
 * The seed article against the real bundled dataset, through the same code
 * path as the CLI: every required surface found as the expected entity
 * (by Wikipedia title, or by name where the record has no title), none of the never strings marked.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { annotatePlain } from '../../scripts/lib/annotate-core';
import { loadIndex, loadRecords } from '../../scripts/lib/dataset-files';

const shared = process.env.DOSSIER_SHARED ?? resolve(import.meta.dirname, '../../../shared');
const expected = JSON.parse(readFileSync(resolve(shared, 'fixtures/seed/expected.json'), 'utf8')) as {
  required: { entity: string; type: string; surfaces: string[] }[];
  never: string[];
};
const text = readFileSync(resolve(shared, 'fixtures/seed/article.txt'), 'utf8');
const index = loadIndex();
const records = new Map(loadRecords().map((r) => [r.id, r]));
const mentions = annotatePlain(index, records, text);

describe('seed article with the bundled dataset', () => {
  it.each(expected.required.flatMap((r) => r.surfaces.map((s) => [s, r.entity, r.type] as const)))('"%s" is %s', (surface, entity, type) => {
    const hits = mentions.filter((m) => m.text === surface || m.text === `${surface}s`);
    expect(hits.length, `"${surface}" is found`).toBeGreaterThan(0);
    for (const h of hits) {
      expect(h.type).toBe(type);
      // The record is the expected entity: same Wikipedia title, or the same name (label or a former name:
      // the committee took back its old name in 2025).
      const record = records.get(h.entityId)!;
      expect([h.wikipedia?.replace(/_/g, ' '), record.label, ...record.aliases]).toContain(entity);
    }
  });

  it('marks none of the never strings', () => {
    for (const never of expected.never) expect(mentions.filter((m) => m.text.includes(never)).map((m) => m.text)).toEqual([]);
  });
});

describe('forms news writes, on the bundled dataset', () => {
  const marked = (t: string) => annotatePlain(index, records, t).map((m) => [m.text, m.label]);

  it('a dotted abbreviation without its last dot: "the U.S government", "U.K-based"', () => {
    expect(marked('Talks between the U.S government and a U.K-based firm stalled.')).toEqual([['U.S', 'United States'], ['U.K', 'United Kingdom']]);
    // With the dot there, the whole abbreviation is the mention.
    expect(marked('He lives in the U.S. now.')).toEqual([['U.S.', 'United States']]);
  });

  it('a party written with a lowercase "party", still only when the name is capitalised', () => {
    expect(marked('She left the Republican party in 2016.')).toEqual([['Republican party', 'Republican Party']]);
    expect(marked('a republican party in the old sense')).toEqual([]);
  });
});
