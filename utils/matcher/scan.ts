/**
 * The hot path: one pass over a text finds every name of the index that
 * occurs in it. Tokens are hashed while they are scanned (folded and
 * lowercased on the fly, ASCII through tables), looked up in the index's
 * token table and verified character by character; then the trie is walked
 * from each token that can start a name. Offsets are UTF-16 units of the
 * original text: nothing is copied or normalized up front.
 */
import { ASCII_CLASS, ASCII_LOWER, C_SKIP, C_SPACE, C_WORD, foldPair, foldUnit, isLetterUnit, isUpperUnit } from './chars';
import { RULE_CAPITAL, RULE_UPPER, type NameIndex } from './index-format';
import { hashKey } from './tokens';

export interface Hit {
  tokStart: number;
  tokEnd: number;
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

/** Reusable token buffers (grown on demand): scanning allocates nothing per token. */
let cap = 0;
let tStart = new Int32Array(0);
let tEnd = new Int32Array(0);
let tId = new Int32Array(0);
let tSpaced = new Uint8Array(0);
let tWord = new Uint8Array(0);
let tPluralHash = new Int32Array(0);
let tKey: (string | null)[] = [];

function grow(min: number): void {
  cap = Math.max(min, cap * 2, 1024);
  const re32 = (a: Int32Array) => { const b = new Int32Array(cap); b.set(a); return b; };
  const re8 = (a: Uint8Array) => { const b = new Uint8Array(cap); b.set(a); return b; };
  tStart = re32(tStart); tEnd = re32(tEnd); tId = re32(tId); tPluralHash = re32(tPluralHash);
  tSpaced = re8(tSpaced); tWord = re8(tWord);
}

/** Looks up a token by hash, verifying its characters. */
function lookup(index: NameIndex, text: string, s: number, e: number, h: number, key: string | null, dropLast: boolean): number {
  const { slots, tokOff, tokPool } = index.a;
  const mask = slots.length - 1;
  const len = key !== null ? key.length - (dropLast ? 1 : 0) : e - s - (dropLast ? 1 : 0);
  for (let slot = h & mask; ; slot = (slot + 1) & mask) {
    const v = slots[slot]!;
    if (v === 0) return -1;
    const id = v - 1;
    const off = tokOff[id]!;
    if (tokOff[id + 1]! - off !== len) continue;
    let same = true;
    if (key === null) {
      for (let j = 0; j < len; j++) if (ASCII_LOWER[text.charCodeAt(s + j)] !== tokPool[off + j]) { same = false; break; }
    } else {
      for (let j = 0; j < len; j++) if (key.charCodeAt(j) !== tokPool[off + j]) { same = false; break; }
    }
    if (same) return id;
  }
}

/** Splits `text` into tokens and resolves each to a token id (-1 when no name uses it). */
function tokenizeInto(index: NameIndex, text: string): number {
  const n = text.length;
  if (cap < n + 1) grow(n + 1);
  let count = 0;
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
    if (cls === C_WORD) {
      const s = i;
      let h = FNV;
      let hPrev = FNV;
      let last = 0;
      let key: string | null = null;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d < 128) {
          if (ASCII_CLASS[d] !== C_WORD) break;
          const l = ASCII_LOWER[d]!;
          hPrev = h; h = Math.imul(h ^ l, PRIME); last = l;
          if (key !== null) key += String.fromCharCode(l);
          i++;
          continue;
        }
        const pair = d >= 0xd800 && d <= 0xdbff && i + 1 < n;
        const f = pair ? foldPair(text.slice(i, i + 2)) : foldUnit(d);
        if (f.cls !== C_WORD && f.cls !== C_SKIP) break;
        if (key === null) { key = ''; for (let j = s; j < i; j++) key += String.fromCharCode(ASCII_LOWER[text.charCodeAt(j)]!); }
        for (let j = 0; j < f.lower.length; j++) { const l = f.lower.charCodeAt(j); hPrev = h; h = Math.imul(h ^ l, PRIME); last = l; }
        key += f.lower;
        i += pair ? 2 : 1;
      }
      if (key === '') continue; // only invisible marks: no token
      tStart[count] = s; tEnd[count] = i; tSpaced[count] = spaced; tWord[count] = 1;
      tKey[count] = key;
      tId[count] = lookup(index, text, s, i, h >>> 0, key, false);
      // A trailing "s" may be a plural of a product name ("AK-47s"): keep the hash without it.
      tPluralHash[count] = last === 0x73 && (key === null ? i - s : key.length) > 1 ? hPrev | 0 : 0;
      count++;
      spaced = 0;
      continue;
    }
    // Punctuation: a token of its own.
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < n;
    const lower = c < 128 ? String.fromCharCode(ASCII_LOWER[c]!) : pair ? foldPair(text.slice(i, i + 2)).lower : foldUnit(c).lower;
    tStart[count] = i; tEnd[count] = i + (pair ? 2 : 1); tSpaced[count] = spaced; tWord[count] = 0;
    tKey[count] = lower;
    tId[count] = lookup(index, text, i, i + 1, hashKey(lower), lower, false);
    tPluralHash[count] = 0;
    count++;
    spaced = 0;
    i += pair ? 2 : 1;
  }
  return count;
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

function passesCase(index: NameIndex, m: number, text: string, from: number, pluralLast: boolean): boolean {
  const { nameRuleOff, rulePool } = index.a;
  const r0 = nameRuleOff[m]!;
  const r1 = nameRuleOff[m + 1]!;
  for (let r = r0; r < r1; r++) {
    const rule = rulePool[r]!;
    if (rule === 0) continue;
    const k = from + (r - r0);
    const s = tStart[k]!;
    const e = tEnd[k]! - (pluralLast && r === r1 - 1 ? 1 : 0);
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

function isPluralType(index: NameIndex, m: number): boolean {
  const t = index.type(index.a.nameEntity[m]!);
  return t === 'other' || t === 'work';
}

function terminalHit(index: NameIndex, text: string, node: number, i: number, k: number, plural: boolean, out: Hit[], theId: number): void {
  const { termStart, termName } = index.a;
  const t0 = termStart[node]!;
  const t1 = termStart[node + 1]!;
  if (t0 === t1) return;
  let names: number[] | null = null;
  for (let t = t0; t < t1; t++) {
    const m = termName[t]!;
    if (plural && !isPluralType(index, m)) continue;
    if (!passesCase(index, m, text, i, plural)) continue;
    (names ??= []).push(m);
  }
  if (names) out.push({ tokStart: i, tokEnd: k + 1, start: tStart[i]!, end: tEnd[k]!, names, startsWithThe: tId[i] === theId, sentenceStart: isSentenceStart(text, tStart[i]!) });
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

const theIds = new WeakMap<NameIndex, number>();

/** Every hit in `text`, ordered by start token, longest first within one start. */
export function scanHits(index: NameIndex, text: string): Hit[] {
  let theId = theIds.get(index);
  if (theId === undefined) { theId = lookup(index, 'the', 0, 3, hashKey('the'), null, false); theIds.set(index, theId); }
  const count = tokenizeInto(index, text);
  const { rootChild } = index.a;
  const hits: Hit[] = [];
  const found: Hit[] = [];
  for (let i = 0; i < count; i++) {
    if (tWord[i] !== 1) continue;
    let id = tId[i]!;
    let node = id >= 0 ? rootChild[id]! : 0;
    if (node === 0) {
      // A one-word product plural ("iPhones")?
      const ph = tPluralHash[i]!;
      if (ph !== 0) {
        const pid = lookup(index, text, tStart[i]!, tEnd[i]!, ph >>> 0, tKey[i] ?? null, true);
        const pnode = pid >= 0 ? rootChild[pid]! : 0;
        if (pnode !== 0) terminalHit(index, text, pnode, i, i, true, hits, theId);
      }
      continue;
    }
    found.length = 0;
    terminalHit(index, text, node, i, i, false, found, theId);
    for (let k = i + 1; k < count; k++) {
      id = tId[k]!;
      const next = id >= 0 ? findChild(index, node, id * 2 + tSpaced[k]!) : 0;
      if (next === 0) {
        const ph = tPluralHash[k]!;
        if (ph !== 0) {
          const pid = lookup(index, text, tStart[k]!, tEnd[k]!, ph >>> 0, tKey[k] ?? null, true);
          const pnode = pid >= 0 ? findChild(index, node, pid * 2 + tSpaced[k]!) : 0;
          if (pnode !== 0) terminalHit(index, text, pnode, i, k, true, found, theId);
        }
        break;
      }
      node = next;
      terminalHit(index, text, node, i, k, false, found, theId);
    }
    for (let f = found.length - 1; f >= 0; f--) hits.push(found[f]!);
  }
  // Free string keys of non-ASCII tokens.
  for (let k = 0; k < count; k++) tKey[k] = null;
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
