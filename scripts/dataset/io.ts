/** File readers for the source formats: CSV/TSV (RFC 4180 quoting), JSON, YAML, gzip. */
import fs from 'node:fs';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import path from 'node:path';
import yaml from 'js-yaml';

/** Every input file read, with its content hash (for the manifest's builtFrom). */
export const inputsRead = new Map<string, string>();

export function readText(file: string): string {
  const raw = fs.readFileSync(file);
  inputsRead.set(path.basename(path.dirname(file)) + '/' + path.basename(file), crypto.createHash('sha256').update(raw).digest('hex'));
  const buf = file.endsWith('.gz') ? zlib.gunzipSync(raw) : raw;
  let text = buf.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text;
}

export function readJson<T>(file: string): T {
  return JSON.parse(readText(file)) as T;
}

export function readYaml<T>(file: string): T {
  return yaml.load(readText(file)) as T;
}

/** Parse delimited text into rows of fields. Handles quoted fields, doubled quotes and CRLF. */
export function parseDelimited(text: string, sep: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else field += c;
    } else if (c === '"' && field === '') inQuotes = true;
    else if (c === sep) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.length > 1 || r[0] !== '');
}

/** Read a CSV/TSV file with a header row into objects keyed by header name. */
export function readTable(file: string, sep = ','): Record<string, string>[] {
  const rows = parseDelimited(readText(file), sep);
  const header = rows[0] ?? [];
  return rows.slice(1).map((r) => {
    const o: Record<string, string> = {};
    header.forEach((h, i) => {
      if (h) o[h] = (r[i] ?? '').trim();
    });
    return o;
  });
}

/** TSV without quoting (GeoNames, wiki-media-cred): split on tabs only. */
export function readTsvPlain(file: string): Record<string, string>[] {
  const lines = readText(file).split(/\r?\n/).filter((l) => l !== '');
  const header = (lines[0] ?? '').split('\t');
  return lines.slice(1).map((l) => {
    const f = l.split('\t');
    const o: Record<string, string> = {};
    header.forEach((h, i) => (o[h] = (f[i] ?? '').trim()));
    return o;
  });
}
