import { describe, expect, it } from 'vitest';
import { annotateTexts, fold } from '../../utils/matcher';
import { tinyIndex } from './helpers/tiny-index';

const index = tinyIndex();

/** Mentions of one or more texts as [surface, entity id]. */
function found(...texts: string[]): [string, string][] {
  return annotateTexts(index, texts).map((m) => [texts[m.seg]!.slice(m.start, m.end), index.entity(m.entity).id]);
}

describe('fold', () => {
  it('strips diacritics and keeps a map to the original offsets', () => {
    const f = fold('Calderón’s');
    expect(f.text).toBe("Calderon's");
    expect(f.origStart[7]).toBe(7);
    expect(f.origEnd[9]).toBe(10);
  });
  it('maps astral characters to both of their UTF-16 units', () => {
    const f = fold('😀 Mexico');
    expect(f.text.endsWith('Mexico')).toBe(true);
    expect(f.origStart[f.text.indexOf('M')]).toBe(3);
  });
  it('drops soft hyphens and zero-width characters and makes spaces plain', () => {
    expect(fold('Mex\u00adi\u200bco\u00a0City').text).toBe('Mexico City');
  });
});

describe('matching rules', () => {
  it('finds plain names, word-bounded', () => {
    expect(found('Police in Mexico said')).toEqual([['Mexico', 'Q96']]);
    expect(found('Mexicochannel and NewMexico')).toEqual([]);
  });

  it('a first name makes a person we do not know: neither the name after it nor the first name itself is marked', () => {
    // "Holly" and "Chelsea" are first names: three people in the index bear each.
    expect(found('Holly Baxter wrote this.')).toEqual([]);
    expect(found('Later Holly Obama spoke.')).toEqual([]);
    expect(found('The crowd around Chelsea Smith cheered loudly all evening.')).toEqual([]);
    // Alone, or in a headline where every word is capitalised, the names mark as usual.
    expect(found('She drove to Baxter, then watched Chelsea play.')).toEqual([['Baxter', 'X:baxter-town'], ['Chelsea', 'X:chelsea-fc']]);
    expect(found('Storm Delays Chelsea Match Again')).toEqual([['Chelsea', 'X:chelsea-fc']]);
  });

  it('"Mr." or "Dr." before a surname is evidence only when one person bears it; an office title always is', () => {
    expect(found('Mr. Holder said the inquiry would go on.')).toEqual([['Holder', 'Q312644']]);
    expect(found('Mr. Reeves said the inquiry would go on.')).toEqual([]);
    expect(found('Gov. Reeves said the inquiry would go on.').map(([s]) => s)).toEqual(['Reeves']);
  });

  it('a byline names a writer: a famous surname at the end of it is not marked, though a headline is exempt from the longer-name rule', () => {
    expect(found('By Nathan Obama')).toEqual([]);
    expect(found('Photographs by Anna Maria Obama')).toEqual([]);
    expect(found('Senate Leaders Back Obama')).toEqual([['Senate', 'Q19666'], ['Obama', 'Q76']]);
  });

  it('a name that is a common word marks only where the page names the entity in full, and not opening a sentence', () => {
    expect(found('The council in Reading met.')).toEqual([]);
    expect(found('He moved to Reading, Berkshire, in May.', 'The council in Reading met.')).toEqual([['Reading, Berkshire', 'Q161491'], ['Reading', 'Q161491']]);
    expect(found('He moved to Reading, Berkshire, in May.', 'Reading the report took hours.')).toEqual([['Reading, Berkshire', 'Q161491']]);
  });

  it('matches acronyms only in their exact case', () => {
    expect(found('The ATF said')).toEqual([['ATF', 'Q1282810']]);
    expect(found('see atf files')).toEqual([]);
    expect(found('the US government')).toEqual([['US', 'Q30']]);
    expect(found('let us go')).toEqual([]);
  });

  it('needs capitals for proper names but accepts all-caps headlines', () => {
    expect(found('mexico')).toEqual([]);
    expect(found('MEXICO TRACES GUNS')).toEqual([['MEXICO', 'Q96']]);
  });

  it('folds diacritics both ways', () => {
    expect(found('in Ciudad Juarez, the border town')).toEqual([['Ciudad Juarez', 'Q1015919']]);
    expect(found('in Québec and Quebec')).toEqual([['Québec', 'Q1'], ['Quebec', 'Q1']]);
  });

  it('folds typographic apostrophes and non-breaking spaces', () => {
    expect(found('Côte d’Ivoire')).toEqual([['Côte d’Ivoire', 'Q2']]);
    expect(found('Ciudad\u00a0Juárez')).toEqual([['Ciudad\u00a0Juárez', 'Q1015919']]);
  });

  it('is leftmost-longest', () => {
    expect(found('the Wall Street Journal reported')).toEqual([['Wall Street Journal', 'Q164746']]);
    // A leading "The" stays the sentence's when the rest names the same entity.
    expect(found('The Wall Street Journal reported')).toEqual([['Wall Street Journal', 'Q164746']]);
    expect(found('in Washington, D.C. today')).toEqual([['Washington, D.C.', 'Q61']]);
  });

  it('handles possessives and product plurals', () => {
    expect(found("Mexico's army")).toEqual([['Mexico', 'Q96']]);
    expect(found('five of the AK-47s')).toEqual([['AK-47s', 'Q37116']]);
    expect(found('AK-47-style rifles')).toEqual([['AK-47', 'Q37116']]);
  });

  it('keeps the spacing of a name: "AK - 47" is not "AK-47"', () => {
    expect(found('AK - 47')).toEqual([]);
  });

  it('never marks function words, even when a source has them as names', () => {
    expect(found('Both he and she')).toEqual([]);
  });

  it('matches a surname only after the full name on the page', () => {
    expect(found('Calderon spoke.')).toEqual([]);
    expect(found('President Felipe Calderón said.', 'the Calderon government')).toEqual([
      ['Felipe Calderón', 'Q57269'],
      ['Calderon', 'Q57269'],
    ]);
    expect(found("Holder's office")).toEqual([]);
  });

  it('matches the surname of the very prominent alone', () => {
    expect(found('the Obama administration')).toEqual([['Obama', 'Q76']]);
  });

  it('resolves an ambiguous name by priors and by the page', () => {
    expect(found('hearings next week in Washington')).toEqual([['Washington', 'Q61']]);
    expect(found('George Washington crossed the river.', 'Washington wrote a letter.')).toEqual([
      ['George Washington', 'Q23'],
      ['Washington', 'Q23'],
    ]);
  });

  it('takes a title before a bare surname as evidence', () => {
    expect(found('Warren said no.')).toEqual([]);
    expect(found('Sen. Warren said no.')).toEqual([['Warren', 'Q434706']]);
    expect(found('Senator Warren said no.')).toEqual([['Warren', 'Q434706']]);
  });

  it('does not mark a known name inside a longer unknown one', () => {
    // Real sentences from news text: a photographer, a university, not the city.
    expect(found('a photo by David Shankbone of the crowd')).toEqual([]);
    expect(found('Nick Bos obtained his doctorate from the University of Copenhagen.')).toEqual([]);
    expect(found('He studied in Copenhagen for a year.')).toEqual([['Copenhagen', 'Q1486']]);
    // Two known names side by side stay two names; a title after a place is no longer name.
    expect(found('the US Senate voted')).toEqual([['US', 'Q30'], ['Senate', 'Q19666']]);
    expect(found('Mexico President Felipe Calderón')).toEqual([['Mexico', 'Q96'], ['Felipe Calderón', 'Q57269']]);
  });

  it('keeps marking in headlines written in Title Case', () => {
    expect(found('Obama Says Mexico Gun Laws Need Work')).toEqual([['Obama', 'Q76'], ['Mexico', 'Q96']]);
  });

  it('starts lowercase names only for brands, addresses and particles', () => {
    expect(found('bidding on eBay today')).toEqual([['eBay', 'X:ebay']]);
    expect(found('the global economy slowed')).toEqual([]);
  });

  it('reports UTF-16 offsets into the original text', () => {
    const text = '🇲🇽 Felipe Calderón visited Mexico';
    const ms = annotateTexts(index, [text]);
    expect(ms.map((m) => text.slice(m.start, m.end))).toEqual(['Felipe Calderón', 'Mexico']);
  });

  it('lists the other entities an ambiguous name could mean', () => {
    const [m] = annotateTexts(index, ['hearings next week in Washington']);
    expect(index.entity(m!.entity).id).toBe('Q61');
    expect(m!.alternatives.map((e) => index.entity(e).id)).toEqual(['Q1223']);
    expect(m!.confidence).toBeLessThan(1);
  });

  it('uses page context from earlier batches', () => {
    const ctx = annotateTexts(index, ['no names here'], { context: ['Q312644'] });
    expect(ctx).toEqual([]);
    const ms = annotateTexts(index, ['Holder testified'], { context: ['Q312644'] });
    expect(ms.map((m) => index.entity(m.entity).id)).toEqual(['Q312644']);
  });
});

describe('compiled index strings', () => {
  it('gives back every id and label as written: shared prefixes, numbers stored as bytes, and the rest', async () => {
    const { compileIndex, openIndex, buildIndexBuffer } = await import('../../utils/matcher');
    const ids = ['Q1', 'Q4294967295', 'Q99999999999', 'Q0123', 'geonames:2643743', 'cur:10-downing-street', 'univ:fr:école', 'noprefix', 'pantheon:128'];
    const file = { format: 1 as const, datasetVersion: 'test', entities: ids.map((id, k) => [id, `Label ${k} — Zürich`, 0, 0.5] as [string, string, number, number]), names: ids.map((_, k) => [`Name${k} Thing`, k, 1] as [string, number, number]) };
    for (const ix of [compileIndex(file), openIndex(buildIndexBuffer(file))]) {
      expect(ids.map((_, e) => ix.entity(e).id)).toEqual(ids);
      expect(ids.map((_, e) => ix.entity(e).label)).toEqual(ids.map((_, k) => `Label ${k} — Zürich`));
      expect(ix.indexOf('geonames:2643743')).toBe(4);
      expect(ix.datasetVersion).toBe('test');
    }
    // The dataset build sorts entities by id: then ids are found by binary search, not a map.
    const sorted = [...ids].sort();
    const byId = { ...file, entities: sorted.map((id) => [id, id, 0, 0.5] as [string, string, number, number]) };
    const ix = openIndex(buildIndexBuffer(byId));
    expect(sorted.map((id) => ix.indexOf(id))).toEqual(sorted.map((_, e) => e));
    expect(ix.indexOf('Q2')).toBeUndefined();
  });
});

describe('huffman coding of entity labels', () => {
  it('gives back each record alone, empty ones, skewed and all-bytes alphabets included', async () => {
    const { END, HuffmanDecoder, codeLengths, encodeRecords } = await import('../../utils/matcher/huffman');
    let seed = 7;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const records = [new Uint8Array(0), Uint8Array.from([97]), new Uint8Array(300).fill(97), Uint8Array.from({ length: 256 }, (_, k) => k), Uint8Array.from({ length: 1000 }, () => (rand() < 0.9 ? 101 : Math.floor(rand() * 256)))];
    const counts = new Array<number>(END + 1).fill(0);
    for (const r of records) for (const b of r) counts[b]!++;
    counts[END] = records.length;
    const lengths = codeLengths(counts);
    const { bytes, starts } = encodeRecords(records, lengths);
    const dec = new HuffmanDecoder(lengths);
    records.forEach((r, i) => expect([...dec.decode(bytes, starts[i]!)]).toEqual([...r]));
    // Fewer bytes than the records for skewed text.
    expect(starts[5]! - starts[4]!).toBeLessThan(1000 / 2);
  });
});
