/** CSV as RFC 4180 has it: quoted fields, doubled quotes, CRLF or LF rows. */

export class CsvError extends Error {}

/** Parses CSV text into rows of fields; throws CsvError on a quote left open (a truncated file). */
export function parseCsv(input: string): string[][] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input; // a byte-order mark is not data
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
        quoted = false; i++; continue;
      }
      field += ch; i++; continue;
    }
    if (ch === '"' && field === '') { quoted = true; i++; continue; }
    if (ch === ',') { row.push(field); field = ''; i++; continue; }
    if (ch === '\r' || ch === '\n') {
      row.push(field); field = '';
      rows.push(row); row = [];
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += ch; i++;
  }
  if (quoted) throw new CsvError('the file ends inside a quoted field (is it truncated?)');
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  // Blank lines carry nothing.
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

/**
 * One CSV field, quoted when needed. A leading = + - @ (or tab/CR) would
 * make a spreadsheet evaluate the cell as a formula: such values get a
 * leading apostrophe, which spreadsheets show as plain text.
 */
export function csvField(value: string | number | undefined): string {
  let s = value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(values: (string | number | undefined)[]): string {
  return values.map(csvField).join(',') + '\r\n';
}
