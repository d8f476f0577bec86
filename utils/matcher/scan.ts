/**
 * The hot path: one pass over a text finds every name of the index in it.
 *
 * Most words can be dismissed on sight: a word in lowercase starts no name
 * (but for the few names written so, caught by a filter on its first two
 * letters) and, when no name is under way, nothing else needs it. Those words
 * cost what a plain word-boundary loop costs. Any other word is hashed
 * (folded and lowercased on the fly, ASCII through tables), looked up in the
 * token table, verified character by character, and used to start or extend
 * the trie walks in progress. Case rules are checked on the few hits only.
 * Offsets are UTF-16 units of the original text: nothing is copied up front.
 */
import { ASCII_CLASS, ASCII_LOWER, C_PUNCT, C_SKIP, C_SPACE, C_WORD, foldPair, foldUnit, isLetterUnit, isUpperUnit } from './chars';
import { RULE_CAPITAL, RULE_UPPER, type NameIndex } from './index-format';
import { hashKey, keyTokens } from './tokens';

export interface Hit {
  /** Token numbers [tokStart, tokEnd) in the text. */
  tokStart: number;
  tokEnd: number;
  /** UTF-16 offsets into the text. */
  start: number;
  end: number;
  /** Names (indexes into the index's names) whose case rules this text satisfies. */
  names: number[];
  /** The first token is "the" ("The Wall Street Journal"). */
  startsWithThe: boolean;
  /** The hit starts a sentence (start of text, or after . ! ? : and a space). */
  sentenceStart: boolean;
}

const FNV = 0x811c9dc5;
const PRIME = 0x01000193;
const MAX_WALKS = 32;

/** Per-index tables derived once: the lowercase-start filter and the id of "the". */
interface Derived { lowerPairs: Uint8Array; theId: number }
const derivedCache = new WeakMap<NameIndex, Derived>();

function derived(index: NameIndex): Derived {
  let d = derivedCache.get(index);
  if (d) return d;
  const lowerPairs = new Uint8Array(128 * 128);
  const { lowerSlots, tokOff, tokPool } = index.a;
  for (const v of lowerSlots) {
    if (v === 0) continue;
    const off = tokOff[v - 1]!;
    const a = tokPool[off]!;
    const b = tokOff[v]! - off > 1 ? tokPool[off + 1]! : 0;
    // Pairs outside ASCII are not filtered: mark the whole row.
    if (a < 128 && b < 128) lowerPairs[(a << 7) | b] = 1;
    else if (a < 128) lowerPairs.fill(1, a << 7, (a + 1) << 7);
    else lowerPairs.fill(1);
  }
  d = { lowerPairs, theId: lookupKey(index, index.a.slots, 'the') };
  derivedCache.set(index, d);
  return d;
}

/** Looks a folded key up in a hash table of token ids (exact: characters are compared). */
function lookupKey(index: NameIndex, slots: Int32Array, key: string): number {
  const { tokOff, tokPool } = index.a;
  const mask = slots.length - 1;
  for (let slot = hashKey(key) & mask; ; slot = (slot + 1) & mask) {
    const v = slots[slot]!;
    if (v === 0) return -1;
    const off = tokOff[v - 1]!;
    if (tokOff[v]! - off !== key.length) continue;
    let same = true;
    for (let j = 0; j < key.length; j++) if (key.charCodeAt(j) !== tokPool[off + j]) { same = false; break; }
    if (same) return v - 1;
  }
}

/** Hash of the ASCII word text[s, e) lowercased; the hash without its last letter goes to prevHash. */
let prevHash = 0;
function hashAscii(text: string, s: number, e: number): number {
  let h = FNV;
  let p = FNV;
  for (let j = s; j < e; j++) { p = h; h = Math.imul(h ^ ASCII_LOWER[text.charCodeAt(j)]!, PRIME); }
  prevHash = p >>> 0;
  return h >>> 0;
}

/** Looks up the ASCII word text[s, s + len) by its hash, without making a string. */
function probeAscii(index: NameIndex, slots: Int32Array, h: number, text: string, s: number, len: number): number {
  const { tokOff, tokPool } = index.a;
  const mask = slots.length - 1;
  for (let slot = h & mask; ; slot = (slot + 1) & mask) {
    const v = slots[slot]!;
    if (v === 0) return -1;
    const off = tokOff[v - 1]!;
    if (tokOff[v]! - off !== len) continue;
    let same = true;
    for (let j = 0; j < len; j++) if (ASCII_LOWER[text.charCodeAt(s + j)] !== tokPool[off + j]) { same = false; break; }
    if (same) return v - 1;
  }
}

function findChild(index: NameIndex, node: number, key: number): number {
  const { childStart, childKey, childNode } = index.a;
  let lo = childStart[node]!;
  let hi = childStart[node + 1]! - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const k = childKey[mid]!;
    if (k === key) return childNode[mid]!;
    if (k < key) lo = mid + 1; else hi = mid - 1;
  }
  return 0;
}

/** Case rules of name m against the hit's text (re-tokenized: hits are rare). */
function passesCase(index: NameIndex, m: number, text: string, start: number, end: number, plural: boolean): boolean {
  const { nameRuleOff, rulePool } = index.a;
  const r0 = nameRuleOff[m]!;
  const r1 = nameRuleOff[m + 1]!;
  let needed = false;
  for (let r = r0; r < r1; r++) if (rulePool[r] !== 0) { needed = true; break; }
  if (!needed) return true;
  const toks = keyTokens(text.slice(start, end));
  if (toks.length !== r1 - r0) return false;
  for (let r = r0; r < r1; r++) {
    const rule = rulePool[r]!;
    if (rule === 0) continue;
    const t = toks[r - r0]!;
    const s = start + t.start;
    const e = start + t.end - (plural && r === r1 - 1 ? 1 : 0);
    if (rule === RULE_CAPITAL) {
      let j = s;
      while (j < e && !isLetterUnit(text.charCodeAt(j))) j++;
      if (j < e && !isUpperUnit(text.charCodeAt(j))) return false;
    } else if (rule === RULE_UPPER) {
      for (let j = s; j < e; j++) {
        const c = text.charCodeAt(j);
        if (isLetterUnit(c) && !isUpperUnit(c)) return false;
      }
    }
  }
  return true;
}

/** Start of the text, or after sentence punctuation (with quotes/brackets in between). */
function isSentenceStart(text: string, pos: number): boolean {
  let j = pos - 1;
  let sawSpace = false;
  while (j >= 0) {
    const c = text.charCodeAt(j);
    if (c === 0x20 || c === 0x0a || c === 0x09 || c === 0xa0) { sawSpace = true; j--; continue; }
    if (c === 0x22 || c === 0x27 || c === 0x201c || c === 0x2018 || c === 0x28 || c === 0x5b) { j--; continue; }
    return c === 0x2e || c === 0x21 || c === 0x3f || c === 0x3a || c === 0x2022 ? sawSpace : false;
  }
  return true;
}

// Walks in progress (module scratch, reused): trie node, first token number, start offset, "the" flag.
const wNode = new Int32Array(MAX_WALKS);
const wTok = new Int32Array(MAX_WALKS);
const wPos = new Int32Array(MAX_WALKS);
const wThe = new Uint8Array(MAX_WALKS);

/** Hits of the names ending at trie `node` for walk `w`, case rules checked. */
function record(index: NameIndex, text: string, hits: Hit[], node: number, w: number, end: number, tokEnd: number, plural: boolean): void {
  const { termStart, termName, nameEntity } = index.a;
  const t0 = termStart[node]!;
  const t1 = termStart[node + 1]!;
  if (t0 === t1) return;
  let names: number[] | null = null;
  const start = wPos[w]!;
  for (let t = t0; t < t1; t++) {
    const m = termName[t]!;
    if (plural) {
      const type = index.type(nameEntity[m]!);
      if (type !== 'other' && type !== 'work') continue;
    }
    if (!passesCase(index, m, text, start, end, plural)) continue;
    (names ??= []).push(m);
  }
  if (names) hits.push({ tokStart: wTok[w]!, tokEnd, start, end, names, startsWithThe: wThe[w] === 1, sentenceStart: isSentenceStart(text, start) });
}

/**
 * Feeds token number `t` (id -1 = no name uses it; pluralId = its id without a
 * trailing "s") to the walks in progress, and starts a walk if it may. Returns
 * the number of walks left.
 */
function feed(index: NameIndex, text: string, hits: Hit[], walks: number, t: number, spaced: number, id: number, pluralId: number, s: number, e: number, startable: boolean, theId: number): number {
  const { rootChild, childStart } = index.a;
  let kept = 0;
  for (let w = 0; w < walks; w++) {
    const node = wNode[w]!;
    const next = id >= 0 ? findChild(index, node, id * 2 + spaced) : 0;
    if (next !== 0) {
      record(index, text, hits, next, w, e, t + 1, false);
      if (childStart[next] !== childStart[next + 1]) {
        wNode[kept] = next; wTok[kept] = wTok[w]!; wPos[kept] = wPos[w]!; wThe[kept] = wThe[w]!; kept++;
      }
    } else if (pluralId >= 0) {
      const p = findChild(index, node, pluralId * 2 + spaced);
      if (p !== 0) record(index, text, hits, p, w, e, t + 1, true);
    }
  }
  if (startable && kept < MAX_WALKS) {
    const root = id >= 0 ? rootChild[id]! : 0;
    if (root !== 0) {
      wNode[kept] = root; wTok[kept] = t; wPos[kept] = s; wThe[kept] = id === theId ? 1 : 0;
      record(index, text, hits, root, kept, e, t + 1, false);
      if (childStart[root] !== childStart[root + 1]) kept++;
    } else if (pluralId >= 0 && rootChild[pluralId]! !== 0) {
      wNode[kept] = rootChild[pluralId]!; wTok[kept] = t; wPos[kept] = s; wThe[kept] = 0;
      record(index, text, hits, rootChild[pluralId]!, kept, e, t + 1, true);
    }
  }
  return kept;
}

/** Every hit in `text`, ordered by start token, longest first within one start. */
export function scanHits(index: NameIndex, text: string): Hit[] {
  const { slots, lowerSlots } = index.a;
  const { lowerPairs, theId } = derived(index);
  const n = text.length;
  const hits: Hit[] = [];
  let walks = 0;
  let tok = 0;
  let spaced = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    let cls: number;
    if (c < 128) cls = ASCII_CLASS[c]!;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) cls = foldPair(text.slice(i, i + 2)).cls;
    else {
      const f = foldUnit(c);
      // A mark with nothing before it to attach to starts no word.
      cls = f.cls === C_WORD && f.lower === '' ? C_SKIP : f.cls;
    }
    if (cls === C_SPACE) { spaced = 1; i++; continue; }
    if (cls === C_SKIP) { i++; continue; }
    if (cls === C_PUNCT) {
      const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < n;
      const w = pair ? 2 : 1;
      // Punctuation never starts a name: it matters only inside one.
      if (walks > 0) {
        const lower = c < 128 ? String.fromCharCode(ASCII_LOWER[c]!) : pair ? foldPair(text.slice(i, i + 2)).lower : foldUnit(c).lower;
        walks = feed(index, text, hits, walks, tok, spaced, lookupKey(index, slots, lower), -1, i, i + w, false, theId);
      }
      tok++; spaced = 0;
      i += w;
      continue;
    }
    // A word: ASCII fast path first.
    const s = i;
    i++;
    while (i < n) {
      const d = text.charCodeAt(i);
      if (d >= 128 || ASCII_CLASS[d] !== C_WORD) break;
      i++;
    }
    let key: string | null = null;
    if (c >= 128 || (i < n && text.charCodeAt(i) >= 128)) {
      // Characters outside ASCII: fold the whole word into a key.
      let j = s;
      let k = '';
      let extended = false;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d < 128) {
          if (ASCII_CLASS[d] !== C_WORD) break;
          k += String.fromCharCode(ASCII_LOWER[d]!);
          j++;
          continue;
        }
        const pair = d >= 0xd800 && d <= 0xdbff && j + 1 < n;
        const f = pair ? foldPair(text.slice(j, j + 2)) : foldUnit(d);
        if (f.cls !== C_WORD && f.cls !== C_SKIP) break;
        k += f.lower;
        extended = true;
        j += pair ? 2 : 1;
      }
      i = j;
      if (k === '') continue;
      if (extended) key = k;
    }
    const c0 = text.charCodeAt(s);
    const lowerFirst = c0 >= 0x61 && c0 <= 0x7a;
    let startable = true;
    if (lowerFirst) {
      // Most lowercase words are dismissed on their first two letters, without hashing.
      const c1 = i - s > 1 ? text.charCodeAt(s + 1) : 0;
      startable = c1 >= 128 || lowerPairs[(c0 << 7) | ASCII_LOWER[c1]!] === 1;
      if (!startable && walks === 0) { tok++; spaced = 0; continue; }
    }
    const table = startable && lowerFirst && walks === 0 ? lowerSlots : slots;
    let id: number;
    let pluralId = -1;
    if (key === null) {
      const len = i - s;
      const h = hashAscii(text, s, i);
      const hp = prevHash;
      id = probeAscii(index, table, h, text, s, len);
      if (id < 0 && len > 1 && (text.charCodeAt(i - 1) | 0x20) === 0x73) pluralId = probeAscii(index, table, hp, text, s, len - 1);
      // Found in the full table: it starts a walk only if some name starts with it in lowercase.
      if (lowerFirst && startable && id >= 0 && table !== lowerSlots) startable = probeAscii(index, lowerSlots, h, text, s, len) >= 0;
    } else {
      id = lookupKey(index, table, key);
      if (id < 0 && key.length > 1 && key.endsWith('s')) pluralId = lookupKey(index, table, key.slice(0, -1));
      if (lowerFirst && startable && id >= 0 && table !== lowerSlots) startable = lookupKey(index, lowerSlots, key) >= 0;
    }
    walks = feed(index, text, hits, walks, tok, spaced, id, pluralId, s, i, startable, theId);
    tok++; spaced = 0;
  }
  hits.sort((x, y) => x.tokStart - y.tokStart || y.tokEnd - x.tokEnd);
  return hits;
}

/** The reference loop for benchmarks: finds word boundaries and nothing else. */
export function countWordsOnly(text: string): number {
  const n = text.length;
  let words = 0;
  let inWord = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const w = c < 128 ? ASCII_CLASS[c] === C_WORD : foldUnit(c).cls === C_WORD;
    if (w && !inWord) words++;
    inWord = w;
  }
  return words;
}
