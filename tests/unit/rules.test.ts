import { describe, expect, it } from 'vitest';
import { annotateTexts } from '../../utils/matcher';
import { addRule, nameKey, removeRule, ruleKey, rulesForSite, sanitizeRules, type Rule } from '../../utils/rules';
import { sanitizeSettings } from '../../utils/settings';
import { tinyIndex } from './helpers/tiny-index';

const index = tinyIndex();
const SITE = 'news.example';

/** [surface, entity id, alternatives] of each mention, with the rules of `rules` on SITE. */
function found(rules: Rule[], ...texts: string[]) {
  return annotateTexts(index, texts, { rules: rulesForSite(rules, SITE) }).map((m) => [
    texts[m.seg]!.slice(m.start, m.end), index.entity(m.entity).id, m.alternatives.map((a) => index.entity(a).id),
  ]);
}
const rule = (r: Partial<Rule> & Pick<Rule, 'kind'>): Rule => ({ created: 1, ...r });

describe('name keys', () => {
  it('ignore case, diacritics, spacing and a possessive', () => {
    expect(nameKey("Washington's")).toBe('washington');
    expect(nameKey('WASHINGTON')).toBe('washington');
    expect(nameKey('  Felipe\u00a0Calderón ')).toBe('felipe calderon');
  });
});

describe('the reader’s corrections, in the resolver', () => {
  const text = 'Lawmakers met in Washington on Tuesday.';

  it('without rules, an ambiguous name carries its other meanings', () => {
    expect(found([], text)).toEqual([['Washington', 'Q61', ['Q1223']]]);
  });

  it('"not this one" gives the name its next meaning on that site only', () => {
    const rules = [rule({ kind: 'notThis', name: 'Washington', entity: 'Q61', site: SITE })];
    expect(found(rules, text)).toEqual([['Washington', 'Q1223', []]]);
    // Another site is not affected.
    expect(annotateTexts(index, [text], { rules: rulesForSite(rules, 'other.example') }).map((m) => index.entity(m.entity).id)).toEqual(['Q61']);
  });

  it('"it is this one" makes the reader’s choice win with full confidence', () => {
    const rules = [rule({ kind: 'choose', name: 'washington', entity: 'Q1223', site: SITE })];
    const [m] = annotateTexts(index, [text], { rules: rulesForSite(rules, SITE) });
    expect(index.entity(m!.entity).id).toBe('Q1223');
    expect(m!.confidence).toBe(1);
  });

  it('a choice counts as evidence: a surname alone is marked when the reader said who it is', () => {
    const surname = 'Warren said on Tuesday that she would vote no.';
    expect(found([], surname)).toEqual([]);
    expect(found([rule({ kind: 'choose', name: 'Warren', entity: 'Q434706', site: SITE })], surname)).toEqual([['Warren', 'Q434706', []]]);
  });

  it('"don’t mark this name here" drops it and keeps its span (no shorter name inside it is marked instead)', () => {
    const rules = [rule({ kind: 'muteName', name: 'Washington, D.C.', site: SITE })];
    expect(found(rules, 'She flew to Washington, D.C. and met Eric Holder.')).toEqual([['Eric Holder', 'Q312644', []]]);
  });

  it('"never mark this entity" holds on every site, for each of its names', () => {
    const rules = [rule({ kind: 'muteEntity', entity: 'Q312644' })];
    expect(found(rules, 'Eric Holder spoke. Holder said no.')).toEqual([]);
    expect(annotateTexts(index, ['Eric Holder spoke.'], { rules: rulesForSite(rules, 'elsewhere.example') })).toEqual([]);
  });
});

describe('rule lists', () => {
  it('drop malformed entries and collapse duplicates, newest first', () => {
    const list = sanitizeRules([
      { kind: 'muteName', name: 'Reading', site: SITE, created: 5 },
      { kind: 'muteName', name: 'READING', site: SITE, created: 9 },
      { kind: 'notThis', name: 'Washington', site: SITE, created: 3 }, // no entity
      { kind: 'muteEntity', created: 2 }, // no entity
      { kind: 'explode', entity: 'Q1' },
      'not a rule',
      { kind: 'muteEntity', entity: 'Q1', created: 7, entityLabel: '<b>x</b>' },
    ]);
    expect(list).toEqual([
      { kind: 'muteName', name: 'READING', site: SITE, created: 9 },
      { kind: 'muteEntity', entity: 'Q1', entityLabel: '<b>x</b>', created: 7 },
    ]);
  });

  it('a choice replaces the earlier choice and the rejection of the same pair; remove undoes one', () => {
    let rules: Rule[] = [];
    rules = addRule(rules, rule({ kind: 'notThis', name: 'Washington', entity: 'Q1223', site: SITE, created: 1 }));
    rules = addRule(rules, rule({ kind: 'choose', name: 'Washington', entity: 'Q23', site: SITE, created: 2 }));
    rules = addRule(rules, rule({ kind: 'choose', name: 'Washington', entity: 'Q1223', site: SITE, created: 3 }));
    expect(rules.map((r) => [r.kind, r.entity])).toEqual([['choose', 'Q1223']]);
    expect(removeRule(rules, ruleKey(rules[0]!))).toEqual([]);
  });

  it('live in the settings, sanitized with them', () => {
    const s = sanitizeSettings({ rules: [{ kind: 'muteEntity', entity: 'Q76', created: 1 }, { kind: 'bad' }] });
    expect(s.rules).toEqual([{ kind: 'muteEntity', entity: 'Q76', created: 1 }]);
    expect(sanitizeSettings({}).rules).toEqual([]);
  });
});
