/**
 * US federal agencies: the Federal Register agency list (inverted names such as
 * "Justice Department", acronyms, parent agency) joined to the USA.gov A–Z
 * directory (natural names such as "U.S. Department of Justice", websites).
 * The two lists are joined when their names have the same set of significant
 * words. Descriptions from either list are never used (ours come from facts).
 */
import { shared, SOURCES } from '../config.ts';
import { addAlias, addFact, draft, type Draft } from '../draft.ts';
import { readJson } from '../io.ts';
import { clean, fold, slug } from '../text.ts';
import { isBlockedName } from '../common-words.ts';

interface FrAgency {
  id: string | number;
  name: string;
  short_name?: string | null;
  slug: string;
  parent_id?: string | number | null;
  agency_url?: string;
}
interface UsaGov {
  name: string;
  website?: { link?: string; title?: string }[];
}

const STOP = new Set(['of', 'the', 'and', 'for', 'on', 'in', 'to', 'us', 'u', 's', 'united', 'states', 'america', 'american']);

function signature(name: string): string {
  return [
    ...new Set(
      fold(name)
        .replace(/&/g, ' and ')
        .split(/[^a-z0-9]+/)
        .filter((w) => w && !STOP.has(w)),
    ),
  ]
    .sort()
    .join(' ');
}

/** Acronym letters appear, in order, among the initials of the name's words. */
function acronymFits(acr: string, names: string[]): boolean {
  return names.some((n) => {
    const initials = n
      .replace(/U\.S\./g, 'U S')
      .split(/[^A-Za-z]+/)
      .filter(Boolean)
      .map((w) => w[0]!.toUpperCase())
      .join('');
    let i = 0;
    for (const ch of initials) if (ch === acr[i]) i++;
    return i === acr.length;
  });
}

/** "U.S. Department of Justice" → "United States Department of Justice". */
function naturalLabel(name: string): string {
  return clean(name).replace(/^U\.S\. /, 'United States ').replace(/\s*\([A-Z]{2,8}\)$/, '');
}

/** Inverted Federal Register names read naturally unless the comma introduces a parent ("X Office, Y Department"). */
function frAliasOk(name: string): boolean {
  if (!name.includes(',')) return true;
  const after = name.slice(name.lastIndexOf(',') + 1).trim();
  return /^and\b/.test(after);
}

export function loadAgencies(): { drafts: Draft[]; counts: Record<string, number> } {
  const fr = readJson<FrAgency[]>(shared('us-federal-agencies', 'federalregister-agencies.json'));
  const usa = readJson<UsaGov[]>(shared('us-federal-agencies', 'usagov-directory.json'));
  const asOf = SOURCES.usgov!.asOf;

  const usaBySig = new Map<string, UsaGov[]>();
  for (const u of usa) {
    const s = signature(naturalLabel(u.name));
    usaBySig.set(s, [...(usaBySig.get(s) ?? []), u]);
  }
  const frBySig = new Map<string, number>();
  for (const a of fr) frBySig.set(signature(a.name), (frBySig.get(signature(a.name)) ?? 0) + 1);

  const usedUsa = new Set<UsaGov>();
  const drafts: Draft[] = [];
  const frLabel = new Map<string, string>();
  const pending: [Draft, FrAgency][] = [];
  let joined = 0;

  const build = (key: string, label: string, names: string[], acronyms: string[], website: string | undefined): Draft => {
    const d = draft({ key, label, type: 'organization', kind: 'agency', country: 'US', sources: ['usgov'], asOf, prior: 0.4 });
    for (const n of names) {
      addAlias(d, n);
      const bare = n.replace(/^(U\.S\.|United States) /, '');
      if (bare !== n && !isBlockedName(bare) && bare.split(' ').length >= 2) addAlias(d, bare);
    }
    for (const a of acronyms) if (/^[A-Z]{3,8}$/.test(a) && acronymFits(a, [label, ...names])) addAlias(d, a);
    if (website) addFact(d, { key: 'website', value: website });
    if (/^United States Department of /.test(label)) d.kind = 'executive department';
    return d;
  };

  for (const a of [...fr].sort((x, y) => Number(x.id) - Number(y.id))) {
    const sig = signature(a.name);
    const hits = (usaBySig.get(sig) ?? []).filter((u) => !usedUsa.has(u));
    const u = hits.length === 1 && frBySig.get(sig) === 1 ? hits[0] : undefined;
    if (u) {
      usedUsa.add(u);
      joined++;
    }
    const label = u ? naturalLabel(u.name) : clean(a.name);
    const names = [clean(a.name)].filter(frAliasOk);
    if (u) names.push(clean(u.name).replace(/\s*\([A-Z]{2,8}\)$/, ''));
    const acronyms = [clean(a.short_name)];
    for (const w of u?.website ?? []) {
      const m = /\(([A-Z]{2,8})\)/.exec(w.title ?? '');
      if (m) acronyms.push(m[1]!);
    }
    const d = build(`fr:${a.slug}`, label, names, acronyms, u?.website?.[0]?.link || clean(a.agency_url) || undefined);
    d.keys.push(`frid:${a.id}`);
    const isTop = !a.parent_id;
    d.prior = d.kind === 'executive department' ? 0.72 : u ? (isTop ? 0.5 : 0.46) : 0.3;
    frLabel.set(String(a.id), label);
    pending.push([d, a]);
  }
  for (const [d, a] of pending) {
    if (a.parent_id) {
      const pl = frLabel.get(String(a.parent_id));
      if (pl) addFact(d, { key: 'parent organization', value: pl, refKey: `frid:${a.parent_id}` });
      d.related.push(`frid:${a.parent_id}`);
    }
    drafts.push(d);
  }
  let usaOnly = 0;
  for (const u of usa) {
    if (usedUsa.has(u)) continue;
    const label = naturalLabel(u.name);
    const acronyms: string[] = [];
    for (const w of u.website ?? []) {
      const m = /\(([A-Z]{2,8})\)/.exec(w.title ?? '');
      if (m) acronyms.push(m[1]!);
    }
    const d = build(`usagov:${slug(label)}`, label, [clean(u.name).replace(/\s*\([A-Z]{2,8}\)$/, '')], acronyms, u.website?.[0]?.link);
    d.prior = d.kind === 'executive department' ? 0.72 : 0.4;
    drafts.push(d);
    usaOnly++;
  }
  return { drafts, counts: { federalRegister: fr.length, usagov: usa.length, joined, usagovOnly: usaOnly } };
}
