/**
 * Football clubs, leagues and cups from openfootball (clubs and leagues, CC0).
 * Club lines: "Arsenal FC, 1886, @ Emirates Stadium, London" followed by
 * "| alias | alias" lines; an alias marked "[en]" is the English name and
 * becomes the label ("Bayern Munich"). Reserve sides ("ii)") and aliases in
 * other languages ("[de]") are left out. League files: "key  seasons  Name".
 */
import fs from 'node:fs';
import path from 'node:path';
import { shared, SOURCES } from '../config.ts';
import { addAlias, addFact, countryWeight, draft, type CountryIndex, type CountryRef, type Draft } from '../draft.ts';
import { readText } from '../io.ts';
import { clean, fold, slug } from '../text.ts';

/** Section headings that are not country names in our list. */
const HEADING_ISO: Record<string, string> = {
  england: 'GB', scotland: 'GB', wales: 'GB', 'northern ireland': 'GB', 'congo dr': 'CD', latvija: 'LV', macedonia: 'MK',
  'south korea': 'KR', russia: 'RU', 'czech republic': 'CZ', international: '', 'national teams': '',
};

function files(dir: string, re: RegExp): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && !/^0-attic$|^1-wikipedia$/.test(e.name)) out.push(...files(p, re));
    else if (e.isFile() && re.test(e.name)) out.push(p);
  }
  return out;
}

function uncomment(line: string): string {
  return line.replace(/\s#.*$/, '').replace(/^#.*$/, '');
}

function countryOf(heading: string, countries: CountryIndex): CountryRef | undefined {
  const h = fold(heading.replace(/^=+\s*/, '').replace(/\s*=+$/, '').split('•')[0]!.trim());
  if (h in HEADING_ISO) return HEADING_ISO[h] ? countries.byIso2.get(HEADING_ISO[h]!) : undefined;
  return countries.byName.get(h);
}

/** "| Arsenal | FC Arsenal" → ["Arsenal", "FC Arsenal"], English-marked first; other languages dropped. */
function aliasList(line: string): { names: string[]; english: string[] } {
  const names: string[] = [];
  const english: string[] = [];
  for (const part of line.replace(/^\s*\|/, '').split('|')) {
    const p = clean(part);
    const m = /^(.*?)\s*\[([a-z]{2})\]$/.exec(p);
    if (m) {
      if (m[2] === 'en') english.push(m[1]!);
      continue;
    }
    if (p && !/[.]{2}|\?/.test(p)) names.push(p);
  }
  return { names, english };
}

export function loadFootball(countries: CountryIndex): { drafts: Draft[]; counts: Record<string, number> } {
  const drafts: Draft[] = [];
  const counts = { clubs: 0, leagues: 0, cups: 0 };
  const clubKeys = new Set<string>();

  for (const file of files(shared('openfootball-clubs'), /\.clubs\.txt$/)) {
    let country: CountryRef | undefined;
    let current: Draft | undefined;
    let reserve = false;
    for (const raw of readText(file).split(/\r?\n/)) {
      if (/^=+\s*[^=\s]/.test(raw)) {
        if (!/^==/.test(raw)) country = countryOf(raw, countries);
        current = undefined;
        continue;
      }
      const line = uncomment(raw);
      if (!line.trim()) continue;
      if (/^\s*\|/.test(line)) {
        if (!current || reserve) continue;
        const { names, english } = aliasList(line);
        if (english.length && !current.aliases.includes(current.label)) {
          addAlias(current, current.label);
          current.label = english[0]!;
        }
        addAlias(current, ...names, ...english);
        continue;
      }
      if (/^\s/.test(line)) continue; // street address
      if (/^[ivx]+\)/.test(line.trim())) {
        reserve = true;
        continue;
      }
      reserve = false;
      const fields = line.split(',').map(clean).filter(Boolean);
      const name = fields[0]!;
      if (!name || !country || name.length < 3) {
        current = undefined;
        continue;
      }
      const key = `football:${country.iso2.toLowerCase()}:${slug(name)}`;
      if (clubKeys.has(key)) {
        current = undefined;
        continue;
      }
      clubKeys.add(key);
      const d = draft({
        key,
        label: name,
        type: 'organization',
        kind: 'football club',
        country: country.iso2,
        sources: ['football'],
        asOf: SOURCES.football!.asOf,
        prior: 0.26 + 0.08 * countryWeight(country),
      });
      const founded = fields.find((f) => /^\d{4}$/.test(f));
      if (founded) addFact(d, { key: 'founded', value: founded });
      const stadium = fields.find((f) => f.startsWith('@'));
      if (stadium) addFact(d, { key: 'stadium', value: stadium.slice(1).trim() });
      const city = fields[fields.length - 1]!;
      if (city !== name && city !== founded && city !== stadium) addFact(d, { key: 'based in', value: clean(city.replace(/\([^)]*\)/g, '').split('›')[0]) });
      d.related.push(country.key);
      drafts.push(d);
      current = d;
      counts.clubs++;
    }
  }

  // Leagues and cups. The major football countries have files of their own: their entries rank higher.
  for (const file of files(shared('openfootball-leagues'), /(^|\.)leagues\.txt$/)) {
    const own = /\/[a-z]{2,3}\.leagues\.txt$/.test(file);
    let country: CountryRef | undefined;
    let international = false;
    let current: Draft | undefined;
    const seen = new Set<string>();
    for (const raw of readText(file).split(/\r?\n/)) {
      if (/^=+\s*[^=\s]/.test(raw)) {
        country = countryOf(raw, countries);
        international = /international|national teams/i.test(raw);
        current = undefined;
        continue;
      }
      const line = uncomment(raw);
      if (!line.trim()) continue;
      if (/^\s*\|/.test(line)) {
        if (current) addAlias(current, ...aliasList(line).names.filter((n) => !/^[a-z0-9.]+$/.test(n)));
        continue;
      }
      const m = /^(\S+)\s+(?:(\d{4}(?:\/\d{2})?)-(\d{4}(?:\/\d{2})?)?\s+)?(.+)$/.exec(line.trim());
      if (!m || (!country && !international)) {
        current = undefined;
        continue;
      }
      const name = clean(m[4]);
      if (/quali|playoff| - /i.test(name) || name.length < 4) {
        current = undefined;
        continue;
      }
      const key = `league:${country ? country.iso2.toLowerCase() : 'int'}:${slug(name)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const cup = /\b(cup|pokal|copa|coupe|coppa|taça|beker|supercup|super cup|trophy|shield)\b/i.test(name);
      const tier = /^\d$/.test(m[1]!) ? Number(m[1]) : cup ? 3 : 2;
      const d = draft({
        key,
        label: name,
        type: cup ? 'event' : 'organization',
        kind: cup ? 'football competition' : 'football league',
        country: country?.iso2,
        sources: ['football'],
        asOf: SOURCES.football!.asOf,
        prior: Math.max(0.2, (international ? 0.55 : 0.3 + 0.12 * countryWeight(country)) + (own ? 0.1 : 0) - 0.04 * (tier - 1)),
      });
      if (m[2]) addFact(d, { key: 'first season', value: m[2] });
      if (m[3]) addFact(d, { key: 'last season', value: m[3] });
      if (tier <= 4 && !cup && /^\d$/.test(m[1]!)) addFact(d, { key: 'tier', value: String(tier) });
      if (country) d.related.push(country.key);
      drafts.push(d);
      current = d;
      if (cup) counts.cups++;
      else counts.leagues++;
    }
  }
  return { drafts, counts };
}
