/**
 * npm run annotate -- FILE...          one JSON line per .txt/.html file
 * npm run annotate -- --jsonl IN.jsonl lines {"id","text"} in, {"id","mentions"} out
 * Same matcher and dataset as the extension.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createReadStream } from 'node:fs';
import { annotatePlain, extractHtmlText } from './lib/annotate-core';
import { loadIndex, loadRecords } from './lib/dataset-files';

const args = process.argv.slice(2);
if (args.length === 0) {
  console.error('usage: npm run annotate -- FILE... | --jsonl IN.jsonl');
  process.exit(2);
}
const index = loadIndex();
const records = new Map(loadRecords().map((r) => [r.id, r]));
const strip = (ms: ReturnType<typeof annotatePlain>) => ms.map(({ confidence: _c, ...m }) => m);

if (args[0] === '--jsonl') {
  const file = args[1];
  if (!file) { console.error('--jsonl needs a file'); process.exit(2); }
  const rl = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of rl) {
    lineNo++;
    if (!line.trim()) continue;
    let row: { id?: unknown; text?: unknown };
    try { row = JSON.parse(line) as typeof row; } catch { console.error(`${file}:${lineNo}: not JSON`); process.exitCode = 1; continue; }
    if (typeof row.text !== 'string') { console.error(`${file}:${lineNo}: no "text"`); process.exitCode = 1; continue; }
    process.stdout.write(JSON.stringify({ id: row.id ?? lineNo, mentions: strip(annotatePlain(index, records, row.text)) }) + '\n');
  }
} else {
  for (const file of args) {
    let raw: string;
    try { raw = readFileSync(file, 'utf8'); } catch (e) { console.error(`${file}: ${(e as Error).message}`); process.exitCode = 1; continue; }
    const text = /\.html?$/i.test(file) ? extractHtmlText(raw) : raw;
    process.stdout.write(JSON.stringify({ file, mentions: strip(annotatePlain(index, records, text)) }) + '\n');
  }
}
