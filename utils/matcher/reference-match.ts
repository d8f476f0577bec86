/**
 * REFERENCE matcher (see reference-compile.ts). Finds name hits in one text: for every token where a name can start, every
 * name of the index that ends further on and passes its case rules. Choosing
 * among hits (leftmost-longest, surnames, ambiguity) is resolve.ts's job.
 */
import { CASE_CAPITAL, CASE_EXACT, TOKEN_SPACE, tokenKey, type CompiledIndex } from './reference-compile';
import { fold, type Folded } from './normalize';
import { tokenize, type Tokens } from './tokenize';

export interface Hit {
  /** Token range [tokStart, tokEnd). */
  tokStart: number;
  tokEnd: number;
  /** Offsets into the original text (UTF-16 units). */
  start: number;
  end: number;
  /** Names (indexes into index.names) whose case rules this text satisfies. */
  names: number[];
}

export interface TextHits {
  folded: Folded;
  tokens: Tokens;
  /** Hits ordered by start token, longest first within one start. */
  hits: Hit[];
}

function isCapitalised(s: string): boolean {
  const first = s[0];
  return first !== undefined && first !== first.toLowerCase();
}

function passesCase(index: CompiledIndex, nameIdx: number, text: string, tokens: Tokens, from: number, pluralLast: boolean): boolean {
  const name = index.names[nameIdx]!;
  for (let t = 0; t < name.tokenCount; t++) {
    const rule = name.caseRule[t]!;
    if (rule === 0) continue;
    const k = from + t;
    let tok = text.slice(tokens.start[k], tokens.end[k]);
    if (pluralLast && t === name.tokenCount - 1) tok = tok.slice(0, -1);
    if (rule === CASE_EXACT) {
      if (tok !== name.exact[t]) return false;
    } else if (rule === CASE_CAPITAL && !isCapitalised(tok)) {
      return false;
    }
  }
  return true;
}

/** Types whose names take a plural "s" in running text ("AK-47s", "iPhones"). */
function takesPlural(index: CompiledIndex, nameIdx: number): boolean {
  const type = index.entities[index.names[nameIdx]!.entity]!.type;
  return type === 'other' || type === 'work';
}

export function findHits(index: CompiledIndex, original: string): TextHits {
  const folded = fold(original);
  const text = folded.text;
  const tokens = tokenize(text);
  const hits: Hit[] = [];
  const { edges, tokenIds, terminals } = index;
  const ids = new Int32Array(tokens.count);
  for (let k = 0; k < tokens.count; k++) {
    const key = tokenKey(text.slice(tokens.start[k], tokens.end[k]), tokens.spaced[k] === 1);
    ids[k] = tokenIds.get(key) ?? -1;
  }
  for (let i = 0; i < tokens.count; i++) {
    if (tokens.word[i] !== 1) continue;
    // The first token of a name never carries the space marker.
    const firstKey = text.slice(tokens.start[i], tokens.end[i]).toLowerCase();
    let id = tokenIds.get(firstKey) ?? -1;
    let node = 0;
    const found: Hit[] = [];
    for (let k = i; k < tokens.count; k++) {
      if (k > i) id = ids[k]!;
      const next = id >= 0 ? edges.get(node * TOKEN_SPACE + id) : undefined;
      if (next === undefined) {
        // Plural of a product name as the last token: "AK-47s".
        const raw = text.slice(tokens.start[k], tokens.end[k]);
        if (tokens.word[k] === 1 && raw.length > 1 && (raw.endsWith('s') || raw.endsWith('S'))) {
          const key = tokenKey(raw.slice(0, -1), k > i && tokens.spaced[k] === 1);
          const pid = tokenIds.get(key);
          const pnode = pid === undefined ? undefined : edges.get(node * TOKEN_SPACE + pid);
          const term = pnode === undefined ? undefined : terminals.get(pnode);
          if (term) {
            const ok = term.filter((n) => takesPlural(index, n) && passesCase(index, n, text, tokens, i, true));
            if (ok.length) found.push({ tokStart: i, tokEnd: k + 1, start: folded.origStart[tokens.start[i]!]!, end: folded.origEnd[tokens.end[k]! - 1]!, names: ok });
          }
        }
        break;
      }
      node = next;
      const term = terminals.get(node);
      if (term) {
        const ok = term.filter((n) => passesCase(index, n, text, tokens, i, false));
        if (ok.length) found.push({ tokStart: i, tokEnd: k + 1, start: folded.origStart[tokens.start[i]!]!, end: folded.origEnd[tokens.end[k]! - 1]!, names: ok });
      }
    }
    for (let f = found.length - 1; f >= 0; f--) hits.push(found[f]!);
  }
  return { folded, tokens, hits };
}
