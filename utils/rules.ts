/**
 * The reader's corrections to what Dossier marks, chosen in an entity card and
 * listed (and undone) in the popup. They live in the settings record, so every
 * tab hears of a change at once and re-annotates.
 *
 * - `notThis`: on this site, this name does not mean this entity (the next
 *   likeliest meaning is used, or nothing is marked).
 * - `choose`: on this site, this name means this entity (one of the card's
 *   "other meanings").
 * - `muteName`: don't mark this name on this site.
 * - `muteEntity`: never mark this entity, on any site.
 *
 * Names are compared by `nameKey`: folded like the matcher folds text, case
 * and spacing ignored, a trailing possessive dropped — "Washington's" and
 * "WASHINGTON" are the same name.
 */
import { nameKey } from './matcher/name-key';
import type { MentionRules } from './matcher/resolve';

export { nameKey };

export type RuleKind = 'notThis' | 'choose' | 'muteName' | 'muteEntity';

export interface Rule {
  kind: RuleKind;
  /** The name as the reader saw it (shown in the popup); matched by nameKey. Absent for muteEntity. */
  name?: string;
  /** Entity id. Absent for muteName. */
  entity?: string;
  /** The entity's label when the rule was made, for the popup's list. */
  entityLabel?: string;
  /** Hostname the rule holds on. Absent for muteEntity (everywhere). */
  site?: string;
  /** When the reader made it (ms since the epoch). */
  created: number;
}

export const MAX_RULES = 2000;
const RULE_KINDS: readonly RuleKind[] = ['notThis', 'choose', 'muteName', 'muteEntity'];

/** Two rules with the same key say the same thing; the newer one replaces the older. */
export function ruleKey(r: Pick<Rule, 'kind' | 'name' | 'entity' | 'site'>): string {
  const name = r.name === undefined ? '' : nameKey(r.name);
  // A choice and a rejection of the same name on the same site contradict each other less
  // than they seem ("not X" then "it's Y"): both may stand. Two choices for one name may not.
  const entity = r.kind === 'choose' || r.kind === 'muteName' ? '' : (r.entity ?? '');
  return [r.kind, r.kind === 'muteEntity' ? '' : (r.site ?? ''), name, entity].join('\u0000');
}

function shortStr(v: unknown, max: number): string | undefined {
  return typeof v === 'string' && v.length > 0 && v.length <= max ? v : undefined;
}

/** One rule from untrusted input, or null when it is malformed. */
export function sanitizeRule(raw: unknown): Rule | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  const kind = r.kind as RuleKind;
  if (!RULE_KINDS.includes(kind)) return null;
  const name = shortStr(r.name, 300);
  const entity = shortStr(r.entity, 200);
  const site = shortStr(r.site, 255);
  const created = typeof r.created === 'number' && Number.isFinite(r.created) && r.created >= 0 ? r.created : 0;
  const entityLabel = shortStr(r.entityLabel, 500);
  const needsName = kind !== 'muteEntity';
  const needsEntity = kind !== 'muteName';
  if (needsName && (!name || !site || nameKey(name) === '')) return null;
  if (needsEntity && !entity) return null;
  const out: Rule = { kind, created };
  if (needsName) { out.name = name; out.site = site; }
  if (needsEntity) { out.entity = entity; if (entityLabel) out.entityLabel = entityLabel; }
  return out;
}

/** A list of rules from untrusted input: malformed ones dropped, duplicates collapsed (newest wins), newest first. */
export function sanitizeRules(raw: unknown): Rule[] {
  if (!Array.isArray(raw)) return [];
  const byKey = new Map<string, Rule>();
  for (const item of raw.slice(0, MAX_RULES * 2)) {
    const r = sanitizeRule(item);
    if (!r) continue;
    const k = ruleKey(r);
    const prev = byKey.get(k);
    if (!prev || r.created >= prev.created) byKey.set(k, r);
  }
  return [...byKey.values()].sort((a, b) => b.created - a.created).slice(0, MAX_RULES);
}

/** Choosing an entity for a name undoes rejecting it there, and the other way round. */
function contradicts(a: Rule, b: Rule): boolean {
  const pair = (x: RuleKind, y: RuleKind) => (a.kind === x && b.kind === y) || (a.kind === y && b.kind === x);
  return pair('choose', 'notThis') && a.site === b.site && a.entity === b.entity && nameKey(a.name ?? '') === nameKey(b.name ?? '');
}

/** Adds a rule, replacing any that says the same thing or the opposite. */
export function addRule(rules: Rule[], rule: Rule): Rule[] {
  const k = ruleKey(rule);
  return sanitizeRules([rule, ...rules.filter((r) => ruleKey(r) !== k && !contradicts(r, rule))]);
}

export function removeRule(rules: Rule[], key: string): Rule[] {
  return rules.filter((r) => ruleKey(r) !== key);
}

/** The rules that hold on one site, in the shape the resolver asks about; null when none do. */
export function rulesForSite(rules: readonly Rule[], site: string | undefined): MentionRules | null {
  const out: MentionRules = { mutedEntities: new Set(), mutedNames: new Set(), rejected: new Map(), chosen: new Map() };
  for (const r of rules) {
    if (r.kind === 'muteEntity') { out.mutedEntities.add(r.entity!); continue; }
    if (site === undefined || r.site !== site) continue;
    const key = nameKey(r.name!);
    if (r.kind === 'muteName') out.mutedNames.add(key);
    else if (r.kind === 'choose') { if (!out.chosen.has(key)) out.chosen.set(key, r.entity!); }
    else {
      let set = out.rejected.get(key);
      if (!set) out.rejected.set(key, (set = new Set()));
      set.add(r.entity!);
    }
  }
  return out.mutedEntities.size + out.mutedNames.size + out.rejected.size + out.chosen.size === 0 ? null : out;
}
