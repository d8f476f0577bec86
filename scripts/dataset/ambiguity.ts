/**
 * `npm run dataset:ambiguity [N]`: the most ambiguous names of the built dataset
 * (data/build/names.json) — names shared by the most entities — with the
 * entities in the order the matcher ranks them (notability prior, full names
 * before surname-only forms).
 */
import fs from 'node:fs';
import path from 'node:path';
import { ENTITY_TYPES, NAME_FLAGS, type NameIndexFile } from '../../utils/dataset/schema.ts';
import { BUILD_DIR } from './config.ts';

const limit = Number(process.argv[2]) || 40;
const file = JSON.parse(fs.readFileSync(path.join(BUILD_DIR, 'names.json'), 'utf8')) as NameIndexFile;
const byName = new Map<string, [number, number][]>();
for (const [surface, idx, flags] of file.names) byName.set(surface, [...(byName.get(surface) ?? []), [idx, flags]]);

const score = ([idx, flags]: [number, number]) => file.entities[idx]![3] + (flags & NAME_FLAGS.SURNAME && !(flags & NAME_FLAGS.PROMINENT) ? 0 : 0.05);
const rows = [...byName].filter(([, hits]) => hits.length > 1).sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
console.log(`${rows.length} names point at more than one entity; the ${Math.min(limit, rows.length)} most ambiguous:`);
for (const [surface, hits] of rows.slice(0, limit)) {
  const ranked = [...hits].sort((a, b) => score(b) - score(a));
  const shown = ranked.slice(0, 4).map((h) => {
    const [id, label, type, prior] = file.entities[h[0]]!;
    const kind = h[1] & NAME_FLAGS.SURNAME ? (h[1] & NAME_FLAGS.PROMINENT ? 'surname, prominent' : 'surname') : ENTITY_TYPES[type];
    return `${label} [${id}, ${kind}, ${prior}]`;
  });
  console.log(`${surface} ×${hits.length}: ${shown.join(' > ')}${ranked.length > 4 ? ' > …' : ''}`);
}
