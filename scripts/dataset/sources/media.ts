/** US newspapers with a Wikidata id (wiki-media-cred's list of Wikipedia's US newspapers). */
import { shared, SOURCES } from '../config.ts';
import { addAlias, addFact, draft, type Draft } from '../draft.ts';
import { readTsvPlain } from '../io.ts';
import { clean, qid } from '../text.ts';
import { isBlockedName } from '../common-words.ts';

export function loadNewspapers(usStates: Map<string, string>): { drafts: Draft[]; counts: Record<string, number> } {
  const abbrByName = new Map([...usStates].map(([abbr, name]) => [name, abbr]));
  abbrByName.set('Washington, D.C.', 'DC');
  const byId = new Map<string, Draft>();
  for (const r of readTsvPlain(shared('wiki-media-cred', 'wikipedia-us-newspapers.tsv'))) {
    const id = qid(r['qid']);
    const title = clean(r['WP-title']).replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#0?39;/g, "'");
    if (!id || !title) continue;
    const label = title.replace(/\s*\([^)]*\)$/, '');
    let d = byId.get(id);
    if (!d) {
      d = draft({ key: `wd:${id}`, label, type: 'organization', kind: 'newspaper', country: 'US', wikidata: id, wikipedia: title, sources: ['wmc'], asOf: SOURCES.wmc!.asOf, prior: 0.28 });
      // "The Wall Street Journal" is also written without the article.
      const bare = label.replace(/^The /, '');
      if (bare !== label && !isBlockedName(bare)) addAlias(d, bare);
      byId.set(id, d);
    }
    const state = clean(r['state']);
    const abbr = abbrByName.get(state);
    if (abbr && !d.facts.some((f) => f.key === 'published in')) {
      addFact(d, { key: 'published in', value: state, refKey: `usstate:${abbr}` });
      d.related.push(`usstate:${abbr}`);
    }
  }
  const drafts = [...byId.keys()].sort().map((k) => byId.get(k)!);
  return { drafts, counts: { newspapers: drafts.length } };
}
