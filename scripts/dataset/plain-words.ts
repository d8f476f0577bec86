/**
 * "Is this single word also a plain English word?" — from the lower-case entries
 * of the SCOWL-based Hunspell en_US dictionary (npm dictionary-en, MIT AND BSD),
 * plus our own common-word list. Proper nouns are capitalised in that dictionary
 * ("Buxton"), common words are not ("phoenix", "turkey", "apple"), so a name that
 * is only a plain word ranks as ambiguous: it becomes a name only for entities
 * notable enough (see names.ts). Used at build time only; nothing of the
 * dictionary is shipped.
 */
import path from 'node:path';
import { REPO_ROOT } from './config.ts';
import { readText } from './io.ts';
import { COMMON } from './common-words.ts';
import { fold } from './text.ts';

let words: Map<string, string> | undefined;

/** Lower-case words of the dictionary, each with its affix flags. */
function load(): Map<string, string> {
  if (words) return words;
  // The package exports only its ESM entry; its files sit next to it.
  const dir = path.join(REPO_ROOT, 'node_modules', 'dictionary-en');
  words = new Map<string, string>();
  for (const line of readText(path.join(dir, 'index.dic')).split('\n').slice(1)) {
    const [w, flags] = line.trim().split('/') as [string, string | undefined];
    if (w && /^[a-z][a-z'-]*$/.test(w)) words.set(w, flags ?? '');
  }
  return words;
}

/** The dictionary's prefixes (index.aff: PFX A re, I in, U un, C de, E dis, F con, K pro). */
const PREFIXES: [string, string][] = [['re', 'A'], ['in', 'I'], ['un', 'U'], ['de', 'C'], ['dis', 'E'], ['con', 'F'], ['pro', 'K']];

/** In the dictionary as listed, or as a listed word with one of its prefixes ("review" is re- + "view"). */
function inDictionary(t: string): boolean {
  const w = load();
  if (w.has(t)) return true;
  for (const [p, flag] of PREFIXES) if (t.length > p.length + 2 && t.startsWith(p) && (w.get(t.slice(p.length)) ?? '').includes(flag)) return true;
  return false;
}

/** Lower-case form of one token, without diacritics, possessive or edge punctuation. */
function bare(token: string): string {
  return fold(token)
    .replace(/['\u2019]s$/, '')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
}

/** The token (or its singular) is a plain English word or one of our common words. */
export function isPlainWord(token: string): boolean {
  const t = bare(token);
  if (!t) return false;
  if (COMMON.has(t)) return true;
  if (inDictionary(t)) return true;
  if (t.endsWith('ies') && inDictionary(`${t.slice(0, -3)}y`)) return true;
  if (t.endsWith('es') && inDictionary(t.slice(0, -2))) return true;
  if (t.endsWith('s') && inDictionary(t.slice(0, -1))) return true;
  return false;
}

/** Every word of the name is a plain word ("Green Mountain", "Target"): the name alone says little. */
export function isPlainName(name: string): boolean {
  const tokens = name.split(/\s+/).filter((t) => bare(t) !== '');
  return tokens.length > 0 && tokens.every(isPlainWord);
}
