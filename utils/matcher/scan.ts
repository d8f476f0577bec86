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
import { ASCII_CLASS, ASCII_LOWER, C_MARK, C_PUNCT, C_SKIP, C_SPACE, C_WORD, foldPair, foldUnit, isLetterUnit, isUpperUnit, unitClass } from './chars';
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

/** Letters and digits as 1..27 (0 = none), for the lowercase-start filter's three-letter codes. */
const LETTER = new Uint8Array(128);
for (let c = 0; c < 26; c++) { LETTER[0x61 + c] = c + 1; LETTER[0x41 + c] = c + 1; }
for (let c = 0x30; c <= 0x39; c++) LETTER[c] = 27;
const startCode = (a: number, b: number, c: number) => (LETTER[a]! * 28 + LETTER[b]!) * 28 + LETTER[c]!;

/**
 * Per-index tables derived once: the lowercase-start filter (by first three letters), the id of "the", and per trie
 * node (filled on first visit) whether its names share one set of case rules, with the list
 * of those names shared by every hit there (hits never change their names array).
 */
interface Derived { lowerStarts: Uint8Array; theId: number; nodeRules: Uint8Array; nodeNames: Array<number[] | undefined> }
/** nodeRules values: not yet looked at; no case rules; one set of rules, that of the first name; rules differ. */
const NODE_UNSEEN = 0;
const NODE_FREE = 1;
const NODE_SHARED = 2;
const NODE_MIXED = 3;
const derivedCache = new WeakMap<NameIndex, Derived>();

function derived(index: NameIndex): Derived {
  let d = derivedCache.get(index);
  if (d) return d;
  const lowerStarts = new Uint8Array(28 * 28 * 28);
  const { lowerSlots, tokOff, tokPool } = index.a;
  for (const v of lowerSlots) {
    if (v === 0) continue;
    const off = tokOff[v - 1]!;
    const len = tokOff[v]! - off;
    const a = tokPool[off]!;
    const b = len > 1 ? tokPool[off + 1]! : 0;
    const c = len > 2 ? tokPool[off + 2]! : 0;
    // Only words starting with an ASCII lowercase letter consult the filter, and those with a
    // non-ASCII second or third letter pass it unasked: keys with other letters there need no entry.
    if (a < 128 && b < 128 && c < 128) lowerStarts[startCode(a, b, c)] = 1;
  }
  d = { lowerStarts, theId: lookupKey(index, index.a.slots, 'the'), nodeRules: new Uint8Array(index.a.termStart.length), nodeNames: [] };
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

// Offsets of the last RING tokens (module scratch): case rules read a hit's tokens from here
// instead of re-tokenizing its text. Names are far shorter than RING tokens.
const RING = 256;
const ringS = new Int32Array(RING);
const ringE = new Int32Array(RING);

/** Does the original text's token [s, e) satisfy a case rule? */
function passesRule(rule: number, text: string, s: number, e: number): boolean {
  if (rule === RULE_CAPITAL) {
    let j = s;
    while (j < e && !isLetterUnit(text.charCodeAt(j))) j++;
    return j >= e || isUpperUnit(text.charCodeAt(j));
  }
  if (rule === RULE_UPPER) {
    for (let j = s; j < e; j++) {
      const c = text.charCodeAt(j);
      if (isLetterUnit(c) && !isUpperUnit(c)) return false;
    }
  }
  return true;
}

/** Case rules of name m against the hit's tokens [tokStart, tokEnd) (hits are rare). */
function passesCase(index: NameIndex, m: number, text: string, tokStart: number, tokEnd: number, start: number, end: number, plural: boolean): boolean {
  const { nameRuleOff, rulePool } = index.a;
  const r0 = nameRuleOff[m]!;
  const r1 = nameRuleOff[m + 1]!;
  let needed = false;
  for (let r = r0; r < r1; r++) if (rulePool[r] !== 0) { needed = true; break; }
  if (!needed) return true;
  if (tokEnd - tokStart !== r1 - r0) return false;
  const fromRing = tokEnd - tokStart <= RING;
  const toks = fromRing ? null : keyTokens(text.slice(start, end));
  for (let r = r0; r < r1; r++) {
    const rule = rulePool[r]!;
    if (rule === 0) continue;
    const k = r - r0;
    const s = toks ? start + toks[k]!.start : ringS[(tokStart + k) & (RING - 1)]!;
    const e = (toks ? start + toks[k]!.end : ringE[(tokStart + k) & (RING - 1)]!) - (plural && r === r1 - 1 ? 1 : 0);
    if (!passesRule(rule, text, s, e)) return false;
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

/** Classifies the case rules of the names ending at `node` (see nodeRules). */
function nodeRuleKind(index: NameIndex, node: number): number {
  const { termStart, termName, nameRuleOff, rulePool } = index.a;
  const t0 = termStart[node]!;
  const t1 = termStart[node + 1]!;
  const m0 = termName[t0]!;
  const r0 = nameRuleOff[m0]!;
  const len = nameRuleOff[m0 + 1]! - r0;
  let any = false;
  for (let t = t0; t < t1; t++) {
    const m = termName[t]!;
    const q = nameRuleOff[m]!;
    if (nameRuleOff[m + 1]! - q !== len) return NODE_MIXED;
    for (let k = 0; k < len; k++) {
      if (rulePool[q + k] !== rulePool[r0 + k]) return NODE_MIXED;
      if (rulePool[q + k] !== 0) any = true;
    }
  }
  return any ? NODE_SHARED : NODE_FREE;
}

/** Hits of the names ending at trie `node` for walk `w`, case rules checked. */
function record(index: NameIndex, d: Derived, text: string, hits: Hit[], node: number, w: number, end: number, tokEnd: number, plural: boolean): void {
  const { termStart, termName, nameEntity } = index.a;
  const t0 = termStart[node]!;
  const t1 = termStart[node + 1]!;
  if (t0 === t1) return;
  const start = wPos[w]!;
  let names: number[] | null = null;
  let kind = plural ? NODE_MIXED : d.nodeRules[node]!;
  if (kind === NODE_UNSEEN) d.nodeRules[node] = kind = nodeRuleKind(index, node);
  if (kind !== NODE_MIXED) {
    // One check stands for every name here; the list is built once per node.
    if (kind === NODE_SHARED && !passesCase(index, termName[t0]!, text, wTok[w]!, tokEnd, start, end, false)) return;
    names = d.nodeNames[node] ??= Array.from(termName.subarray(t0, t1));
  } else {
    for (let t = t0; t < t1; t++) {
      const m = termName[t]!;
      if (plural) {
        const type = index.type(nameEntity[m]!);
        if (type !== 'other' && type !== 'work') continue;
      }
      if (!passesCase(index, m, text, wTok[w]!, tokEnd, start, end, plural)) continue;
      (names ??= []).push(m);
    }
  }
  if (names) hits.push({ tokStart: wTok[w]!, tokEnd, start, end, names, startsWithThe: wThe[w] === 1, sentenceStart: isSentenceStart(text, start) });
}

/**
 * Feeds token number `t` (id -1 = no name uses it; pluralId = its id without a
 * trailing "s") to the walks in progress, and starts a walk if it may. Returns
 * the number of walks left.
 */
function feed(index: NameIndex, d: Derived, text: string, hits: Hit[], walks: number, t: number, spaced: number, id: number, pluralId: number, s: number, e: number, startable: boolean, theId: number): number {
  const { rootChild, childStart } = index.a;
  let kept = 0;
  for (let w = 0; w < walks; w++) {
    const node = wNode[w]!;
    const next = id >= 0 ? findChild(index, node, id * 2 + spaced) : 0;
    if (next !== 0) {
      record(index, d, text, hits, next, w, e, t + 1, false);
      if (childStart[next] !== childStart[next + 1]) {
        wNode[kept] = next; wTok[kept] = wTok[w]!; wPos[kept] = wPos[w]!; wThe[kept] = wThe[w]!; kept++;
      }
    } else if (pluralId >= 0) {
      const p = findChild(index, node, pluralId * 2 + spaced);
      if (p !== 0) record(index, d, text, hits, p, w, e, t + 1, true);
    }
  }
  if (startable && kept < MAX_WALKS) {
    const root = id >= 0 ? rootChild[id]! : 0;
    if (root !== 0) {
      wNode[kept] = root; wTok[kept] = t; wPos[kept] = s; wThe[kept] = id === theId ? 1 : 0;
      record(index, d, text, hits, root, kept, e, t + 1, false);
      if (childStart[root] !== childStart[root + 1]) kept++;
    } else if (pluralId >= 0 && rootChild[pluralId]! !== 0) {
      wNode[kept] = rootChild[pluralId]!; wTok[kept] = t; wPos[kept] = s; wThe[kept] = 0;
      record(index, d, text, hits, rootChild[pluralId]!, kept, e, t + 1, true);
    }
  }
  return kept;
}

/** Every hit in `text`, ordered by start token, longest first within one start. */
export function scanHits(index: NameIndex, text: string): Hit[] {
  const { slots, lowerSlots, innerLowerSlots } = index.a;
  const d = derived(index);
  const { lowerStarts, theId } = d;
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
      cls = unitClass(c);
      // A mark with nothing before it to attach to starts no word.
      if (cls === C_MARK) cls = C_SKIP;
    }
    if (cls === C_SPACE) { spaced = 1; i++; continue; }
    if (cls === C_SKIP) { i++; continue; }
    if (cls === C_PUNCT) {
      const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < n;
      const w = pair ? 2 : 1;
      // Punctuation never starts a name: it matters only inside one.
      if (walks > 0) {
        const lower = c < 128 ? String.fromCharCode(ASCII_LOWER[c]!) : pair ? foldPair(text.slice(i, i + 2)).lower : foldUnit(c).lower;
        ringS[tok & (RING - 1)] = i; ringE[tok & (RING - 1)] = i + w;
        walks = feed(index, d, text, hits, walks, tok, spaced, lookupKey(index, slots, lower), -1, i, i + w, false, theId);
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
      // Most lowercase words are dismissed on their first three letters, without hashing.
      const c1 = i - s > 1 ? text.charCodeAt(s + 1) : 0;
      const c2 = i - s > 2 ? text.charCodeAt(s + 2) : 0;
      startable = c1 >= 128 || c2 >= 128 || lowerStarts[startCode(c0, c1, c2)] === 1;
      if (!startable && walks === 0) { tok++; spaced = 0; continue; }
    }
    // A lowercase word starts a walk only through lowerSlots, and continues one only through
    // innerLowerSlots (names that let that token be lowercase): both small, exact, in cache.
    const table = !lowerFirst ? slots : walks === 0 ? lowerSlots : innerLowerSlots;
    const both = lowerFirst && walks > 0;
    let id: number;
    let pluralId = -1;
    if (key === null) {
      const len = i - s;
      const h = hashAscii(text, s, i);
      const hp = prevHash;
      const plural = len > 1 && (text.charCodeAt(i - 1) | 0x20) === 0x73;
      id = probeAscii(index, table, h, text, s, len);
      if (id < 0 && plural) pluralId = probeAscii(index, table, hp, text, s, len - 1);
      if (both) {
        const startId = startable ? probeAscii(index, lowerSlots, h, text, s, len) : -1;
        if (id < 0) id = startId;
        if (startable && id < 0 && pluralId < 0 && plural) pluralId = probeAscii(index, lowerSlots, hp, text, s, len - 1);
        startable = startId >= 0 || (id < 0 && pluralId >= 0);
      }
    } else {
      const plural = key.length > 1 && key.endsWith('s');
      id = lookupKey(index, table, key);
      if (id < 0 && plural) pluralId = lookupKey(index, table, key.slice(0, -1));
      if (both) {
        const startId = startable ? lookupKey(index, lowerSlots, key) : -1;
        if (id < 0) id = startId;
        if (startable && id < 0 && pluralId < 0 && plural) pluralId = lookupKey(index, lowerSlots, key.slice(0, -1));
        startable = startId >= 0 || (id < 0 && pluralId >= 0);
      }
    }
    ringS[tok & (RING - 1)] = s; ringE[tok & (RING - 1)] = i;
    // Most capitalised words neither continue a walk nor start one: nothing to feed.
    if (walks > 0 || id >= 0 || pluralId >= 0) walks = feed(index, d, text, hits, walks, tok, spaced, id, pluralId, s, i, startable, theId);
    tok++; spaced = 0;
  }
  hits.sort((x, y) => x.tokStart - y.tokStart || y.tokEnd - x.tokEnd);
  return hits;
}
