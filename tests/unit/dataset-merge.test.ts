/**
 * The dedupe rules of the dataset build (scripts/dataset/merge.ts) and the
 * name filters (names.ts), on small hand-made inputs: fast, no source files.
 */
import { describe, expect, it } from 'vitest';
import { draft, type Draft } from '../../scripts/dataset/draft';
import { mergeDrafts } from '../../scripts/dataset/merge';
import { assemble } from '../../scripts/dataset/assemble';
import { ambiguity, isUnusableName } from '../../scripts/dataset/names';

const d = (init: Partial<Draft> & Pick<Draft, 'key' | 'label'>): Draft =>
  draft({ type: 'person', sources: ['epcab'], asOf: '2023-01-01', ...init });

function groupsOf(ds: Draft[]): string[][] {
  return mergeDrafts(ds).groups.map((g) => g.drafts.map((x) => x.key).sort());
}

describe('merge', () => {
  it('merges drafts that share a Wikidata id', () => {
    expect(groupsOf([d({ key: 'wd:Q1', label: 'A', wikidata: 'Q1' }), d({ key: 'bioguide:X', label: 'A B', keys: ['wd:Q1'], sources: ['congress'] })])).toEqual([['bioguide:X', 'wd:Q1']]);
  });

  it('merges drafts that give the same English Wikipedia title', () => {
    const g = groupsOf([d({ key: 'pantheon:1', label: 'Albert Einstein', wikipedia: 'Albert Einstein', sources: ['pantheon'] }), d({ key: 'wd:Q937', label: 'Einstein', wikidata: 'Q937', wikipedia: 'Albert Einstein' })]);
    expect(g).toEqual([['pantheon:1', 'wd:Q937']]);
  });

  it('merges the same label, type and country from two sources, keeping every alias and fact', () => {
    const a = d({ key: 'pantheon:7', label: 'Jane Doe', country: 'US', sources: ['pantheon'], aliases: ['J. Doe'], facts: [{ key: 'born', value: '1950' }] });
    const b = d({ key: 'wd:Q9', label: 'Jane Doe', country: 'US', wikidata: 'Q9', aliases: ['Janie Doe'], facts: [{ key: 'office', value: 'Mayor' }] });
    const m = mergeDrafts([a, b]);
    expect(m.groups).toHaveLength(1);
    const { records } = assemble(m.groups, m.keyToId, new Map());
    expect(records[0]!.id).toBe('Q9');
    expect(records[0]!.aliases).toEqual(expect.arrayContaining(['J. Doe', 'Janie Doe']));
    expect(records[0]!.facts.map((f) => f.key).sort()).toEqual(['born', 'office']);
    expect(records[0]!.sources).toEqual(['epcab', 'pantheon']);
  });

  it('keeps apart two records of one label, type and country whose Wikipedia titles differ (a senator and a basketball player)', () => {
    const senator = d({ key: 'bioguide:S1', label: 'John Stockton', country: 'US', sources: ['congress'], wikipedia: 'John P. Stockton' });
    const player = d({ key: 'pantheon:2', label: 'John Stockton', country: 'US', sources: ['pantheon'], wikipedia: 'John Stockton' });
    expect(groupsOf([senator, player])).toEqual([['bioguide:S1'], ['pantheon:2']]);
    // One of them without a title still merges with the one that has it.
    expect(groupsOf([senator, d({ key: 'wd:Q5', label: 'John Stockton', country: 'US', wikidata: 'Q5' })])).toEqual([['bioguide:S1', 'wd:Q5']]);
  });

  it('keeps apart two people of the same name from one source', () => {
    expect(groupsOf([d({ key: 'bioguide:A', label: 'John Smith', country: 'US', sources: ['congress'] }), d({ key: 'bioguide:B', label: 'John Smith', country: 'US', sources: ['congress'] })])).toHaveLength(2);
  });

  it('keeps apart the same label in different countries or with different Wikidata ids', () => {
    expect(groupsOf([d({ key: 'x:1', label: 'Victoria', type: 'place', country: 'CA' }), d({ key: 'y:1', label: 'Victoria', type: 'place', country: 'SC', sources: ['geonames'] })])).toHaveLength(2);
    expect(groupsOf([d({ key: 'wd:Q1', label: 'Same', wikidata: 'Q1', country: 'FR' }), d({ key: 'wd:Q2', label: 'Same', wikidata: 'Q2', country: 'FR', sources: ['pantheon'] })])).toHaveLength(2);
  });

  it('never merges a region with the city of the same name (label scopes)', () => {
    const city = d({ key: 'geonames:1', label: 'Omsk', type: 'place', country: 'RU', sources: ['geonames'] });
    const region = d({ key: 'iso3166:RU-OMS', label: 'Omsk', type: 'place', country: 'RU', sources: ['iso3166'], labelScope: 'region' });
    expect(groupsOf([city, region])).toHaveLength(2);
  });

  it('fails when a curated extension matches no source record', () => {
    expect(() => mergeDrafts([d({ key: 'ext:1', label: '', keys: ['geonames:404'], extendOnly: true, sources: ['curated'] })])).toThrow(/matches no source record/);
  });

  it('drops references to entities that are not in the dataset', () => {
    const a = d({ key: 'wd:Q5', label: 'Someone', wikidata: 'Q5', related: ['iso2:ZZ', 'wd:Q6'] });
    const b = d({ key: 'wd:Q6', label: 'Other', wikidata: 'Q6' });
    const m = mergeDrafts([a, b]);
    const { records, danglingDropped } = assemble(m.groups, m.keyToId, new Map());
    expect(records.find((r) => r.id === 'Q5')!.related).toEqual(['Q6']);
    expect(danglingDropped).toBe(1);
  });
});

describe('name filters', () => {
  const people = new Map([['clinton', 5]]);
  it('flags one-word names that are plain words or common first/last names', () => {
    expect(ambiguity('Phoenix', people)).toBe('plain');
    expect(ambiguity('Apple', people)).toBe('plain');
    expect(ambiguity('Arab', people)).toBe('plain');
    expect(ambiguity('Clinton', people)).toBe('person');
    expect(ambiguity('Buxton', people)).toBeUndefined();
    expect(ambiguity('Grand Rapids', people)).toBeUndefined();
    expect(ambiguity('NATO', people)).toBeUndefined();
  });

  it('never emits lower-case names or contractions', () => {
    expect(isUnusableName('dna')).toBe(true);
    expect(isUnusableName("I'm")).toBe(true);
    expect(isUnusableName('1992 presidential election')).toBe(false);
    expect(isUnusableName('eBay')).toBe(false);
  });
});
