/**
 * The compiled name index: every label and alias (FULL), person surnames
 * (SURNAME, plus PROMINENT for the very prominent), ACRONYM on all-caps forms.
 * Common words, titles and the like never become names (common-words.ts).
 */
import { ENTITY_TYPES, NAME_FLAGS, type EntityRecord, type NameIndexFile } from '../../utils/dataset/schema.ts';
import { asciiForm, type NameInfo } from './assemble.ts';
import { ALLOWED_ACRONYMS, COMMON_SURNAMES, isBlockedName } from './common-words.ts';
import { isPlainWord } from './plain-words.ts';
import { byString, fold, isAcronym } from './text.ts';

/**
 * A one-word name that is also a plain English word ("Phoenix", "Apple", "Target") becomes a name only
 * for an entity at least this notable; below, the word alone says too little.
 */
export const PLAIN_WORD_MIN_PRIOR: Record<string, number> = { person: 0.6, organization: 0.6, place: 0.42, event: 0.5, work: 0.55, other: 0.55 };
/** A one-word place or organization name that is also a common first name or surname ("Clinton", "Florence"). */
export const PERSON_WORD_MIN_PRIOR = 0.4;
/** A person known by one word that is also a common first name or surname ("David", "Jesus"). */
export const PERSON_MONONYM_MIN_PRIOR = 0.9;
/** How many people in the dataset must bear a first name or surname for it to count as a person's name. */
const PERSON_WORD_MIN_COUNT = 3;

/** Words for peoples and faiths: never a place's or a brand's name alone ("Arab", Alabama). */
const PEOPLES = new Set(
  `arab arabs arabian jew jews jewish muslim muslims islamic christian christians catholic protestant hindu sikh buddhist kurd kurds
  kurdish berber latino latina hispanic persian slavic celtic aboriginal indigenous native european asian african`.split(/\s+/),
);
/** Two-letter acronyms mean many things ("SA", "KA"): kept only for the most notable entities. */
export const TWO_LETTER_MIN_PRIOR = 0.7;

/** A name that must not be emitted whatever the entity: written all in lower case, or a contraction. */
export function isUnusableName(name: string): boolean {
  if (/[\p{L}]/u.test(name) && !/\p{Lu}/u.test(name) && !/^\d{4} /.test(name)) return true;
  return /^(i|you|we|they|he|she|it|that|there|what)['\u2019](m|re|ve|ll|d|s)$/i.test(name);
}

/** Why a one-word name would be ambiguous, or undefined when it is not. */
export function ambiguity(name: string, personWords: Map<string, number>, demonyms: Set<string> = new Set()): 'plain' | 'person' | undefined {
  const s = name.trim();
  if (/\s/.test(s) || isAcronym(s)) return undefined;
  const f = fold(s);
  if (isPlainWord(s) || PEOPLES.has(f) || demonyms.has(f)) return 'plain';
  if ((personWords.get(fold(s)) ?? 0) >= PERSON_WORD_MIN_COUNT) return 'person';
  return undefined;
}

/** First and last words of every person's label, with how many people bear them. */
export function personWordCounts(records: EntityRecord[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of records) {
    if (r.type !== 'person') continue;
    const tokens = r.label.replace(/\s*\([^)]*\)/g, '').split(/\s+/).filter((t) => /^\p{Lu}\p{Ll}+$/u.test(t));
    if (tokens.length < 2) continue;
    for (const t of new Set([tokens[0]!, tokens[tokens.length - 1]!])) counts.set(fold(t), (counts.get(fold(t)) ?? 0) + 1);
  }
  return counts;
}

export interface NamesResult {
  index: Omit<NameIndexFile, 'datasetVersion'>;
  blocked: Map<string, number>;
  /** One-word names left out because the entity is not notable enough for an ambiguous word. */
  gated: Map<string, number>;
}

export function buildNames(records: EntityRecord[], info: Map<string, NameInfo>): NamesResult {
  const entities: NameIndexFile['entities'] = records.map((r) => [r.id, r.label, ENTITY_TYPES.indexOf(r.type), r.prior]);
  const names: NameIndexFile['names'] = [];
  const blocked = new Map<string, number>();
  const personWords = personWordCounts(records);
  const demonyms = new Set<string>();
  for (const r of records) for (const f of r.facts) if (f.key === 'demonym') demonyms.add(fold(f.value)).add(`${fold(f.value)}s`);
  const gated = new Map<string, number>();
  // How many people's labels start with each word: their first names.
  const firstNames = new Map<string, number>();
  for (const r of records) {
    if (r.type !== 'person') continue;
    const first = r.label.split(/\s+/)[0];
    if (first && r.label.includes(' ')) firstNames.set(fold(first), (firstNames.get(fold(first)) ?? 0) + 1);
  }
  records.forEach((r, i) => {
    const ni = info.get(r.id);
    const own = new Map<string, number>();
    // The matcher ignores diacritics: "Ciudad Juarez" adds nothing to "Ciudad Juárez".
    const folded = new Set<string>();
    // `variant`: a form made here from a name that passed the filters ("Republican party" from
    // "Republican Party"): the common-word rule, which wants such names capitalised, is not asked again.
    const add = (surface: string, flags: number, variant = false) => {
      const s = surface.trim();
      if (!s || ni?.dropNames.has(s)) return;
      if (!variant && isBlockedName(s)) {
        blocked.set(s, (blocked.get(s) ?? 0) + 1);
        return;
      }
      if (isUnusableName(s)) {
        blocked.set(s, (blocked.get(s) ?? 0) + 1);
        return;
      }
      if (flags & NAME_FLAGS.FULL) {
        const why = ambiguity(s, personWords, demonyms);
        let min = why === 'plain' ? PLAIN_WORD_MIN_PRIOR[r.type]! : why === 'person' ? (r.type === 'person' ? PERSON_MONONYM_MIN_PRIOR : PERSON_WORD_MIN_PRIOR) : 0;
        if (/^[A-Z]{2}$/.test(s) && !ALLOWED_ACRONYMS.has(s)) min = Math.max(min, TWO_LETTER_MIN_PRIOR);
        // A two-letter word ("Un" in "Un-Angry", "Ob") says too little to be a small town's name.
        if (/^\p{Lu}\p{Ll}$/u.test(s)) min = Math.max(min, TWO_LETTER_MIN_PRIOR);
        if (r.prior < min) {
          // Too little known for the word alone to mean it: the name still marks it where the page
          // names it in full too ("the Mets" after "New York Mets", "Reading" after "Reading, Berkshire").
          gated.set(s, (gated.get(s) ?? 0) + 1);
          flags |= NAME_FLAGS.COMMON;
        }
      }
      if (isAcronym(s)) flags |= NAME_FLAGS.ACRONYM;
      const fk = `${asciiForm(s)}|${flags & NAME_FLAGS.FULL}`;
      if (!own.has(s) && folded.has(fk)) return;
      folded.add(fk);
      const prev = own.get(s);
      // A surface that is both a full name and a surname stays a full name.
      if (prev !== undefined && prev & NAME_FLAGS.FULL) return;
      own.set(s, flags);
    };
    for (const n of [r.label, ...r.aliases]) {
      add(n, NAME_FLAGS.FULL);
      const passed = own.has(n.trim());
      // Writers drop the last dot of a dotted abbreviation ("the U.S government", "U.K-based");
      // where the dot is there, the longer name wins.
      if (/^(?:[A-Z]\.){2,}$/.test(n)) add(n.slice(0, -1), NAME_FLAGS.FULL);
      // News writes "the Republican party" as often as "the Republican Party".
      if (passed && r.kind === 'party' && / Party$/.test(n)) add(n.replace(/ Party$/, ' party'), NAME_FLAGS.FULL, true);
    }
    if (r.type === 'person') {
      // A surname alone marks anywhere only when it can hardly mean anything else: not a first name
      // ten people in the dataset bear ("Jackie" for Jackie Chan, "Willis" for Bruce Willis), nor a plain
      // word unless the person is among the most notable ("Model" for Walter Model, but "Thatcher").
      for (const s of ni?.surnames ?? []) {
        const ownsWord = !COMMON_SURNAMES.has(s) && (r.prior >= 0.9 || ((firstNames.get(fold(s)) ?? 0) < 10 && (r.prior >= 0.75 || !isPlainWord(s))));
        add(s, NAME_FLAGS.SURNAME | (ni?.prominent && ownsWord ? NAME_FLAGS.PROMINENT : 0));
      }
    }
    for (const [s, flags] of own) names.push([s, i, flags]);
  });
  names.sort((a, b) => byString(a[0], b[0]) || a[1] - b[1]);
  return { index: { format: 1, entities, names }, blocked, gated };
}
