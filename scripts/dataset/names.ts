/**
 * The compiled name index: every label and alias (FULL), person surnames
 * (SURNAME, plus PROMINENT for the very prominent), ACRONYM on all-caps forms.
 * Common words, titles and the like never become names (common-words.ts).
 */
import { ENTITY_TYPES, NAME_FLAGS, type EntityRecord, type NameIndexFile } from '../../utils/dataset/schema.ts';
import type { NameInfo } from './assemble.ts';
import { COMMON_SURNAMES, isBlockedName } from './common-words.ts';
import { byString, isAcronym } from './text.ts';

export interface NamesResult {
  index: Omit<NameIndexFile, 'datasetVersion'>;
  blocked: Map<string, number>;
}

export function buildNames(records: EntityRecord[], info: Map<string, NameInfo>): NamesResult {
  const entities: NameIndexFile['entities'] = records.map((r) => [r.id, r.label, ENTITY_TYPES.indexOf(r.type), r.prior]);
  const names: NameIndexFile['names'] = [];
  const blocked = new Map<string, number>();
  records.forEach((r, i) => {
    const ni = info.get(r.id);
    const own = new Map<string, number>();
    const add = (surface: string, flags: number) => {
      const s = surface.trim();
      if (!s || ni?.dropNames.has(s)) return;
      if (isBlockedName(s)) {
        blocked.set(s, (blocked.get(s) ?? 0) + 1);
        return;
      }
      if (isAcronym(s)) flags |= NAME_FLAGS.ACRONYM;
      const prev = own.get(s);
      // A surface that is both a full name and a surname stays a full name.
      if (prev !== undefined && prev & NAME_FLAGS.FULL) return;
      own.set(s, flags);
    };
    for (const n of [r.label, ...r.aliases]) add(n, NAME_FLAGS.FULL);
    if (r.type === 'person') {
      for (const s of ni?.surnames ?? []) add(s, NAME_FLAGS.SURNAME | (ni?.prominent && !COMMON_SURNAMES.has(s) ? NAME_FLAGS.PROMINENT : 0));
    }
    for (const [s, flags] of own) names.push([s, i, flags]);
  });
  names.sort((a, b) => byString(a[0], b[0]) || a[1] - b[1]);
  return { index: { format: 1, entities, names }, blocked };
}
