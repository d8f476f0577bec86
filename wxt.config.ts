import { defineConfig } from 'wxt';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import preact from '@preact/preset-vite';
import { buildIndexBuffer } from './utils/matcher/index-build';
import type { NameIndexFile } from './utils/dataset/schema';
import { BUCKET_FORMAT, bucketCount, encodeBuckets, encodeParts, type PartsList } from './utils/db/buckets';

// The built dataset lives in data/build (committed); it is copied into the
// package as /data/* so the background can fetch it from its own origin.
// Entity records ship pre-grouped into their IndexedDB buckets (utils/db/buckets.ts):
// the background writes the bucket texts as they are, parsing no record. Parts
// stay under 5 MB: stores and web-ext lint refuse larger files.
const DATASET_FILES = ['manifest.json'];

function entityParts(dataDir: string): { src: string; dest: string }[] {
  const src = resolve(dataDir, 'entities.json');
  if (!existsSync(src)) return [];
  const records = JSON.parse(readFileSync(src, 'utf8')) as { id: string }[];
  const outDir = resolve('.wxt/dataset-parts');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const parts: { src: string; dest: string }[] = [];
  const buckets = bucketCount(records.length);
  encodeParts(encodeBuckets(records, buckets)).forEach((text, i) => {
    if (Buffer.byteLength(text) > 4_900_000) throw new Error(`dataset part ${i} over 5 MB`);
    // Gzipped: the worker reads a sixth of the bytes through the extension's origin (reading is
    // what an install waits on) and inflates them with DecompressionStream, natively.
    const file = resolve(outDir, `entities-${i}.txt.gz`);
    writeFileSync(file, gzipSync(text, { level: 9 }));
    parts.push({ src: file, dest: `data/entities-${i}.txt.gz` });
  });
  const list = resolve(outDir, 'entities-parts.json');
  const partsList: PartsList = { format: BUCKET_FORMAT, buckets, entities: records.length, parts: parts.map((p) => p.dest.replace('data/', '')) };
  writeFileSync(list, JSON.stringify(partsList));
  parts.push({ src: list, dest: 'data/entities-parts.json' });
  // The name index ships compiled (typed arrays, opened without parsing).
  const names = resolve(dataDir, 'names.json');
  if (existsSync(names)) {
    const idx = resolve(outDir, 'names.idx');
    const bytes = new Uint8Array(buildIndexBuffer(JSON.parse(readFileSync(names, 'utf8')) as NameIndexFile));
    writeFileSync(idx, bytes);
    parts.push({ src: idx, dest: 'data/names.idx' });
    // Its fingerprint: the background keeps the index in IndexedDB between worker starts (reading it
    // there is ~3x faster than from the package) and knows by this whether its copy is current.
    const stamp = resolve(outDir, 'names-idx.json');
    writeFileSync(stamp, JSON.stringify({ sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.byteLength }));
    parts.push({ src: stamp, dest: 'data/names-idx.json' });
  }
  return parts;
}

export default defineConfig({
  imports: false,
  modules: ['@wxt-dev/webextension-polyfill'],
  // DOSSIER_NO_MINIFY=1 keeps function names for profiling (scripts and tests never set it).
  vite: () => ({ plugins: [preact()], build: process.env.DOSSIER_NO_MINIFY ? { minify: false } : {} }),
  hooks: {
    // The highlight styles are declared in the manifest: injected by the
    // browser, they work on pages whose CSP forbids inline styles.
    'build:manifestGenerated': (_wxt, manifest) => {
      for (const cs of manifest.content_scripts ?? []) cs.css = [...(cs.css ?? []), 'highlights.css'];
    },
    'build:publicAssets': (_wxt, files) => {
      const dataDir = process.env.DOSSIER_DATA_DIR ?? 'data/build';
      for (const name of DATASET_FILES) {
        const src = resolve(dataDir, name);
        if (existsSync(src)) files.push({ absoluteSrc: src, relativeDest: `data/${name}` });
      }
      for (const part of entityParts(dataDir)) files.push({ absoluteSrc: part.src, relativeDest: part.dest });
    },
  },
  manifest: ({ browser }) => ({
    name: 'Dossier',
    description: 'Who and what is in the news you read: people, organizations and places explained, offline.',
    // contextMenus: the "Save page to Dossier library" item (README, Permissions).
    permissions: ['storage', 'contextMenus'],
    commands: {
      'next-entity': { suggested_key: { default: 'Alt+Shift+J' }, description: 'Go to the next marked entity' },
      'previous-entity': { suggested_key: { default: 'Alt+Shift+K' }, description: 'Go to the previous marked entity' },
      'save-page': { suggested_key: { default: 'Alt+Shift+S' }, description: 'Save this page to the Dossier library' },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'dossier@dossier.example',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
