/**
 * Listed companies: the S&P 500 constituents (sector, headquarters, founded) and
 * the SEC EDGAR ticker list (registrant names, tickers, exchanges; ordered by
 * market value). SEC names are legal forms ("AMAZON COM INC", "Apple Inc."):
 * they are re-cased and their legal suffixes stripped. Only the first
 * MAX_SEC_RANK companies on a main exchange are kept, and funds, trusts and
 * blank-cheque companies are left out: they are not what the news names.
 */
import { shared, SOURCES } from '../config.ts';
import { addAlias, addFact, draft, type CountryIndex, type Draft } from '../draft.ts';
import { readJson, readTable } from '../io.ts';
import { clean, fold } from '../text.ts';
import { isPlainWord } from '../plain-words.ts';

export const MAX_SEC_RANK = 4000;
const EXCHANGES = new Set(['NYSE', 'Nasdaq', 'CBOE']);
const SKIP = /\b(fund|funds|etf|trust|trusts|acquisition|acquisitions|portfolio|municipal|income|ishares|spdr|proshares|direxion|invesco db|bdc|capital corp (i|ii|iii|iv|v)|spac|merger)\b/i;
const SUFFIX = /[,\s]+(inc|incorporated|corp|corporation|co|company|companies|ltd|limited|plc|llc|l\.?l\.?c|l\.?p|n\.?v|s\.?a|s\.?p\.?a|a\.?g|se|ag|sa|nv|asa|ab|oyj|group|holdings?|holding co|the|\/[a-z]{2,3}\/|\/new\/|\/de)\.?$/i;

/** "Alphabet Inc. (Class A)" → "Alphabet"; "AMAZON COM INC" → "Amazon.com"; "JPMORGAN CHASE & CO" → "JPMorgan Chase" only via S&P. */
export function stripCompany(name: string): string {
  // EDGAR's state-of-incorporation tags: "RPM INTERNATIONAL INC/DE/", "RUSH ENTERPRISES INC \\TX\\".
  let s = clean(name).replace(/\s*\((class [a-z]|the)\)$/i, '').replace(/\s*\/[A-Z]{2,3}\/?$/i, '').replace(/\s*\\[A-Z]{2,3}\\?$/, '').replace(/\s+\/NEW\/$/i, '');
  for (let i = 0; i < 4; i++) {
    const next = s.replace(SUFFIX, '').trim();
    if (next === s || next.length < 2) break;
    s = next;
  }
  return s.replace(/[,.]+$/, '').trim();
}

/** Re-case an all-caps registrant name: "NVIDIA CORP" → "Nvidia Corp", keeping short non-words upper case ("AES", "CVS"). */
export function recase(name: string): string {
  if (name !== name.toUpperCase()) return name;
  return name
    .split(/(\s+|-|&|\/)/)
    .map((w) => {
      if (!/[A-Z]/.test(w)) return w;
      if (/^(AND|OF|THE|FOR|IN|ON|AT|DE|LA|DU)$/.test(w)) return w.toLowerCase();
      if (w.length <= 3 && !isPlainWord(w)) return w;
      // No vowel, no word: an acronym ("HSBC", "CBRE", "KKR").
      if (!/[AEIOUY]/.test(w)) return w;
      if (/^[A-Z]\.([A-Z]\.)+$/.test(w)) return w;
      return w[0] + w.slice(1).toLowerCase();
    })
    .join('')
    .replace(/^(.)/, (c) => c.toUpperCase())
    .replace(/ Com$/, '.com');
}

/** Key shared by company drafts (and curated companies) with the same short name. */
export function companyKey(name: string): string {
  return `co:${fold(stripCompany(name))}`;
}

interface SecRow {
  cik: number;
  name: string;
  ticker: string;
  exchange: string | null;
}

export function loadCompanies(countries: CountryIndex, usStates: Map<string, string>): { drafts: Draft[]; counts: Record<string, number> } {
  const stateByName = new Map([...usStates].map(([abbr, n]) => [n, abbr]));
  const drafts: Draft[] = [];
  const counts = { sp500: 0, sec: 0, secSkipped: 0 };
  const byCik = new Map<string, Draft>();

  for (const r of readTable(shared('sp500', 'constituents.csv'))) {
    const cik = String(Number(r['CIK']));
    if (byCik.has(cik)) continue;
    const label = stripCompany(clean(r['Security']));
    const d = draft({ key: `sp500:${r['Symbol']}`, label, type: 'organization', kind: 'company', sources: ['sp500'], asOf: SOURCES.sp500!.asOf, prior: 0.45 });
    d.keys.push(`cik:${cik}`, companyKey(label));
    const full = clean(r['Security']).replace(/\s*\(Class [A-Z]\)$/, '');
    addAlias(d, full);
    addFact(d, { key: 'industry', value: clean(r['GICS Sub-Industry']) });
    addFact(d, { key: 'sector', value: clean(r['GICS Sector']) });
    const hq = clean(r['Headquarters Location']);
    const region = hq.split(/,\s*/)[1];
    const st = region ? stateByName.get(region) : undefined;
    const country = st ? countries.byIso2.get('US') : region ? countries.byName.get(fold(region)) : undefined;
    if (hq) addFact(d, { key: 'headquarters', value: hq, refKey: st ? `usstate:${st}` : country?.key });
    if (country) {
      d.country = country.iso2;
      d.related.push(country.key);
    }
    if (st) d.related.push(`usstate:${st}`);
    const founded = /^(\d{4})/.exec(clean(r['Founded']))?.[1];
    if (founded) addFact(d, { key: 'founded', value: founded });
    addFact(d, { key: 'stock index', value: 'S&P 500', start: clean(r['Date added']).slice(0, 10) || undefined });
    addFact(d, { key: 'ticker', value: clean(r['Symbol']) });
    byCik.set(cik, d);
    drafts.push(d);
    counts.sp500++;
  }

  const sec = readJson<{ fields: string[]; data: (string | number | null)[][] }>(shared('sec-company-tickers', 'company_tickers_exchange.json'));
  const rows: SecRow[] = sec.data.map((r) => ({ cik: Number(r[0]), name: String(r[1] ?? ''), ticker: String(r[2] ?? ''), exchange: (r[3] as string | null) ?? null }));
  const seenNames = new Set<string>();
  let rank = 0;
  const secByCik = new Map<string, Draft>();
  for (const r of rows) {
    const cik = String(r.cik);
    const existing = secByCik.get(cik) ?? byCik.get(cik);
    if (existing && secByCik.has(cik)) {
      addFact(existing, { key: 'ticker', value: r.ticker });
      continue;
    }
    rank++;
    if (!EXCHANGES.has(r.exchange ?? '') || rank > MAX_SEC_RANK || SKIP.test(r.name)) {
      counts.secSkipped++;
      continue;
    }
    const legal = recase(clean(r.name));
    const label = stripCompany(legal);
    const nk = fold(label);
    if (!label || (seenNames.has(nk) && !byCik.has(cik))) continue;
    seenNames.add(nk);
    const prior = Math.round((0.25 + 0.4 * Math.max(0, 1 - Math.log10(rank) / Math.log10(MAX_SEC_RANK))) * 1000) / 1000;
    const d = draft({ key: `sec:${cik}`, label, type: 'organization', kind: 'company', sources: ['sec'], asOf: SOURCES.sec!.asOf, prior });
    d.keys.push(`cik:${cik}`, companyKey(label));
    if (legal !== label) addAlias(d, legal);
    addFact(d, { key: 'listed on', value: r.exchange === 'Nasdaq' ? 'Nasdaq' : r.exchange === 'NYSE' ? 'New York Stock Exchange' : 'Cboe' });
    if (!byCik.has(cik)) addFact(d, { key: 'ticker', value: r.ticker });
    else byCik.get(cik)!.prior = Math.max(byCik.get(cik)!.prior, prior);
    secByCik.set(cik, d);
    drafts.push(d);
    counts.sec++;
  }
  return { drafts, counts };
}
