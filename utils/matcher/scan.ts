/**
 * The hot path: one pass over a text finds every name of the index in it.
 *
 * Most words can be dismissed on sight: a word in lowercase starts no name
 * (but for the few names written so, caught by a filter on its first three
 * letters) and, when no name is under way, nothing else needs it. Those words
 * cost what a plain word-boundary loop costs. A capitalised word is hashed
 * (twice, lowercased through a table) in the same loop that finds its end,
 * looked up in the token table, and used to start or extend the trie walks in
 * progress. Case rules are checked on the few hits only. Offsets are UTF-16
 * units of the original text: nothing is copied up front.
 */
import { ASCII_CLASS, ASCII_LOWER, C_MARK, C_PUNCT, C_SKIP, C_SPACE, C_WORD, foldPair, foldUnit, isLetterUnit, isUpperUnit, unitClass } from './chars';
import { MAX_NAME_TOKENS, RULE_CAPITAL, RULE_UPPER, STEP_SHIFT, type IndexArrays, type NameIndex } from './index-format';
import { CHECK_PRIME, CHECK_SEED, HASH_PRIME, HASH_SEED, hashCheck, hashKey, lowerStartCode } from './tokens';

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

const MAX_WALKS = 32;

/**
 * Per-index tables derived once: the id of "the", and per trie node (filled on first visit)
 * whether its names share one set of case rules, with the list of those names shared by
 * every hit there (hits never change their names array).
 */
interface Derived { theId: number; asciiPunct: Int32Array; nodeRules: Uint8Array; nodeNames: Array<number[] | undefined> }
/** nodeRules values: not yet looked at; no case rules; one set of rules, that of the first name; rules differ. */
const NODE_UNSEEN = 0;
const NODE_FREE = 1;
const NODE_SHARED = 2;
const NODE_MIXED = 3;
const derivedCache = new WeakMap<NameIndex, Derived>();

function derived(index: NameIndex): Derived {
  let d = derivedCache.get(index);
  if (d) return d;
  // Token ids of the ASCII punctuation marks (-1: in no name), looked up once, not per mark in the text.
  const asciiPunct = new Int32Array(128).fill(-1);
  for (let c = 0; c < 128; c++) if (ASCII_CLASS[c] === C_PUNCT) asciiPunct[c] = lookupKey(index.a.slots, String.fromCharCode(ASCII_LOWER[c]!));
  d = { theId: lookupKey(index.a.slots, 'the'), asciiPunct, nodeRules: new Uint8Array(index.nodeCount), nodeNames: new Array<number[] | undefined>(index.nodeCount) };
  derivedCache.set(index, d);
  return d;
}

/** Finds a token in a table of (check hash, id + 1) pairs: its id, or -1. */
function probe(slots: Int32Array, h: number, check: number): number {
  const mask = (slots.length >> 1) - 1;
  for (let slot = h & mask; ; slot = (slot + 1) & mask) {
    const v = slots[2 * slot + 1]!;
    if (v === 0) return -1;
    if (slots[2 * slot] === check) return v - 1;
  }
}

/** Looks a folded key up in a token table. */
function lookupKey(slots: Int32Array, key: string): number {
  return probe(slots, hashKey(key), hashCheck(key));
}

// The two hashes of the last ASCII word hashed, and those of the word without its last letter
// (for plurals): module scratch, so the hot loop returns no objects.
let wordHash = 0;
let wordCheck = 0;
let stemHash = 0;
let stemCheck = 0;

/** Hashes the ASCII word text[s, e), lowercased, into wordHash/wordCheck (and the stem's). */
function hashAscii(text: string, s: number, e: number): void {
  let h = HASH_SEED;
  let k = CHECK_SEED;
  for (let j = s; j < e - 1; j++) {
    const c = ASCII_LOWER[text.charCodeAt(j)]!;
    h = Math.imul(h ^ c, HASH_PRIME);
    k = Math.imul(k ^ c, CHECK_PRIME);
  }
  stemHash = h >>> 0; stemCheck = k | 0;
  const c = ASCII_LOWER[text.charCodeAt(e - 1)]!;
  wordHash = Math.imul(h ^ c, HASH_PRIME) >>> 0; wordCheck = Math.imul(k ^ c, CHECK_PRIME) | 0;
}

/** First edge and first name of node n (see index-format.ts). */
function firstEdge(a: IndexArrays, n: number): number {
  return a.edgeBase[n >> STEP_SHIFT]! + a.edgeStep[n]!;
}
function firstName(a: IndexArrays, n: number): number {
  return a.nameBase[n >> STEP_SHIFT]! + a.nameStep[n]!;
}
/** Does a name end at node n? (Most one-token prefixes end none: "of", "The".) */
function endsName(a: IndexArrays, n: number): boolean {
  return firstName(a, n) !== firstName(a, n + 1);
}

/** The node that token `key` (id * 2 + spaced) leads to from `node`, or -1. */
function findChild(a: IndexArrays, tokens: number, node: number, key: number): number {
  const childKey = a.childKey;
  let lo = firstEdge(a, node);
  let hi = firstEdge(a, node + 1) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const k = childKey[mid]!;
    if (k === key) return tokens + mid;
    if (k < key) lo = mid + 1; else hi = mid - 1;
  }
  return -1;
}

function hasChildren(a: IndexArrays, node: number): boolean {
  return firstEdge(a, node) !== firstEdge(a, node + 1);
}

// Offsets of the last RING tokens (module scratch): case rules read a hit's tokens from here
// instead of re-tokenizing its text. Names (MAX_NAME_TOKENS) are far shorter than RING tokens.
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
function passesCase(index: NameIndex, m: number, text: string, tokStart: number, tokEnd: number, plural: boolean): boolean {
  const pattern = index.a.rulePatterns[index.a.nameRule[m]!]!;
  if (pattern === 0) return true;
  const count = Math.min(tokEnd - tokStart, MAX_NAME_TOKENS);
  for (let k = 0; k < count; k++) {
    const rule = (pattern >>> (2 * k)) & 3;
    if (rule === 0) continue;
    const at = (tokStart + k) & (RING - 1);
    if (!passesRule(rule, text, ringS[at]!, ringE[at]! - (plural && k === count - 1 ? 1 : 0))) return false;
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
  const { nameRule, rulePatterns } = index.a;
  const t0 = firstName(index.a, node);
  const t1 = firstName(index.a, node + 1);
  const first = nameRule[t0]!;
  for (let t = t0 + 1; t < t1; t++) if (nameRule[t] !== first) return NODE_MIXED;
  return rulePatterns[first] === 0 ? NODE_FREE : NODE_SHARED;
}

/** Hits of the names ending at trie `node` (a range of names) for walk `w`, case rules checked. */
function record(index: NameIndex, d: Derived, text: string, hits: Hit[], node: number, w: number, end: number, tokEnd: number, plural: boolean): void {
  const nameEntity = index.a.nameEntity;
  const t0 = firstName(index.a, node);
  const t1 = firstName(index.a, node + 1);
  if (t0 === t1) return;
  const start = wPos[w]!;
  let names: number[] | null = null;
  let kind = plural ? NODE_MIXED : d.nodeRules[node]!;
  if (kind === NODE_UNSEEN) d.nodeRules[node] = kind = nodeRuleKind(index, node);
  if (kind !== NODE_MIXED) {
    // One check stands for every name here; the list is built once per node.
    if (kind === NODE_SHARED && !passesCase(index, t0, text, wTok[w]!, tokEnd, false)) return;
    names = d.nodeNames[node] ??= Array.from({ length: t1 - t0 }, (_, k) => t0 + k);
  } else {
    for (let m = t0; m < t1; m++) {
      if (plural) {
        const type = index.type(nameEntity[m]!);
        if (type !== 'other' && type !== 'work') continue;
      }
      if (!passesCase(index, m, text, wTok[w]!, tokEnd, plural)) continue;
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
  const a = index.a;
  const T = index.tokenCount;
  let kept = 0;
  for (let w = 0; w < walks; w++) {
    const node = wNode[w]!;
    const next = id >= 0 ? findChild(a, T, node, id * 2 + spaced) : -1;
    if (next >= 0) {
      if (endsName(a, next)) record(index, d, text, hits, next, w, e, t + 1, false);
      if (hasChildren(a, next)) {
        wNode[kept] = next; wTok[kept] = wTok[w]!; wPos[kept] = wPos[w]!; wThe[kept] = wThe[w]!; kept++;
      }
    } else if (pluralId >= 0) {
      const p = findChild(a, T, node, pluralId * 2 + spaced);
      if (p >= 0 && endsName(a, p)) record(index, d, text, hits, p, w, e, t + 1, true);
    }
  }
  // Token t's one-token node is node t (it may end no name and lead nowhere: then nothing comes of it).
  if (startable && kept < MAX_WALKS) {
    if (id >= 0) {
      wNode[kept] = id; wTok[kept] = t; wPos[kept] = s; wThe[kept] = id === theId ? 1 : 0;
      if (endsName(a, id)) record(index, d, text, hits, id, kept, e, t + 1, false);
      if (hasChildren(a, id)) kept++;
    } else if (pluralId >= 0) {
      wNode[kept] = pluralId; wTok[kept] = t; wPos[kept] = s; wThe[kept] = 0;
      if (endsName(a, pluralId)) record(index, d, text, hits, pluralId, kept, e, t + 1, true);
    }
  }
  return kept;
}

/** Every hit in `text`, ordered by start token, longest first within one start. */
export function scanHits(index: NameIndex, text: string): Hit[] {
  const { slots, lowerSlots, innerLowerSlots, lowerStarts } = index.a;
  const d = derived(index);
  const theId = d.theId;
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
        const id = c < 128 ? d.asciiPunct[c]! : lookupKey(slots, pair ? foldPair(text.slice(i, i + 2)).lower : foldUnit(c).lower);
        ringS[tok & (RING - 1)] = i; ringE[tok & (RING - 1)] = i + w;
        // A mark no name holds ends every walk.
        walks = id < 0 ? 0 : feed(index, d, text, hits, walks, tok, spaced, id, -1, i, i + w, false, theId);
      }
      tok++; spaced = 0;
      i += w;
      continue;
    }
    // A word. ASCII first: a word that opens in lowercase is only bounded; any other is hashed
    // on the way (both hashes, and those of the word less its last letter, for plurals).
    const s = i;
    const lowerFirst = c >= 0x61 && c <= 0x7a;
    let hashed = false;
    if (lowerFirst) {
      i++;
      while (i < n) {
        const e = text.charCodeAt(i);
        if (e >= 128 || ASCII_CLASS[e] !== C_WORD) break;
        i++;
      }
    } else if (c < 128) {
      let h = Math.imul(HASH_SEED ^ ASCII_LOWER[c]!, HASH_PRIME);
      let k = Math.imul(CHECK_SEED ^ ASCII_LOWER[c]!, CHECK_PRIME);
      let ph = HASH_SEED;
      let pk = CHECK_SEED;
      i++;
      while (i < n) {
        const e = text.charCodeAt(i);
        if (e >= 128 || ASCII_CLASS[e] !== C_WORD) break;
        ph = h; pk = k;
        const l = ASCII_LOWER[e]!;
        h = Math.imul(h ^ l, HASH_PRIME);
        k = Math.imul(k ^ l, CHECK_PRIME);
        i++;
      }
      wordHash = h >>> 0; wordCheck = k | 0; stemHash = ph >>> 0; stemCheck = pk | 0;
      hashed = true;
    } else i++;
    let key: string | null = null;
    if (c >= 128 || (i < n && text.charCodeAt(i) >= 128)) {
      // Characters outside ASCII: fold the whole word into a key.
      let j = s;
      let k = '';
      let extended = false;
      while (j < n) {
        const e = text.charCodeAt(j);
        if (e < 128) {
          if (ASCII_CLASS[e] !== C_WORD) break;
          k += String.fromCharCode(ASCII_LOWER[e]!);
          j++;
          continue;
        }
        const pair = e >= 0xd800 && e <= 0xdbff && j + 1 < n;
        const f = pair ? foldPair(text.slice(j, j + 2)) : foldUnit(e);
        if (f.cls !== C_WORD && f.cls !== C_SKIP) break;
        k += f.lower;
        extended = true;
        j += pair ? 2 : 1;
      }
      i = j;
      if (k === '') continue;
      if (extended) key = k;
    }
    let startable = true;
    if (lowerFirst) {
      // Most lowercase words are dismissed on their first three letters, without hashing.
      const c1 = i - s > 1 ? text.charCodeAt(s + 1) : 0;
      const c2 = i - s > 2 ? text.charCodeAt(s + 2) : 0;
      startable = c1 >= 128 || c2 >= 128 || lowerStarts[lowerStartCode(c, c1, c2)] === 1;
      if (!startable && walks === 0) { tok++; spaced = 0; continue; }
    }
    // A lowercase word starts a walk only through lowerSlots, and continues one only through
    // innerLowerSlots (names that let that token be lowercase): both small, in cache.
    const table = !lowerFirst ? slots : walks === 0 ? lowerSlots : innerLowerSlots;
    const both = lowerFirst && walks > 0;
    let id: number;
    let pluralId = -1;
    if (key === null) {
      if (!hashed) hashAscii(text, s, i);
      const h = wordHash;
      const hc = wordCheck;
      const sh = stemHash;
      const sc = stemCheck;
      const plural = i - s > 1 && (text.charCodeAt(i - 1) | 0x20) === 0x73;
      id = probe(table, h, hc);
      if (id < 0 && plural) pluralId = probe(table, sh, sc);
      if (both) {
        const startId = startable ? probe(lowerSlots, h, hc) : -1;
        if (id < 0) id = startId;
        if (startable && id < 0 && pluralId < 0 && plural) pluralId = probe(lowerSlots, sh, sc);
        startable = startId >= 0 || (id < 0 && pluralId >= 0);
      }
    } else {
      const plural = key.length > 1 && key.endsWith('s');
      id = lookupKey(table, key);
      if (id < 0 && plural) pluralId = lookupKey(table, key.slice(0, -1));
      if (both) {
        const startId = startable ? lookupKey(lowerSlots, key) : -1;
        if (id < 0) id = startId;
        if (startable && id < 0 && pluralId < 0 && plural) pluralId = lookupKey(lowerSlots, key.slice(0, -1));
        startable = startId >= 0 || (id < 0 && pluralId >= 0);
      }
    }
    ringS[tok & (RING - 1)] = s; ringE[tok & (RING - 1)] = i;
    // Most capitalised words neither continue a walk nor start one: nothing to feed.
    // A word no name holds (the usual lowercase word after a capitalised one) ends every walk and starts none.
    walks = id >= 0 || pluralId >= 0 ? feed(index, d, text, hits, walks, tok, spaced, id, pluralId, s, i, startable, theId) : 0;
    tok++; spaced = 0;
  }
  hits.sort((x, y) => x.tokStart - y.tokStart || y.tokEnd - x.tokEnd);
  return hits;
}
