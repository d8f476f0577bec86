import { defineConfig } from 'wxt';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import preact from '@preact/preset-vite';

// The built dataset lives in data/build (committed); it is copied into the
// package as /data/* so the background can fetch it from its own origin.
const DATASET_FILES = ['entities.json', 'names.json', 'manifest.json'];

export default defineConfig({
  imports: false,
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  hooks: {
    // The highlight styles are declared in the manifest: injected by the
    // browser, they work on pages whose CSP forbids inline styles.
    'build:manifestGenerated': (_wxt, manifest) => {
      for (const cs of manifest.content_scripts ?? []) cs.css = [...(cs.css ?? []), 'highlights.css'];
    },
    'build:publicAssets': (_wxt, files) => {
      for (const name of DATASET_FILES) {
        const src = resolve(process.env.DOSSIER_DATA_DIR ?? 'data/build', name);
        if (existsSync(src)) files.push({ absoluteSrc: src, relativeDest: `data/${name}` });
      }
    },
  },
  manifest: ({ browser }) => ({
    name: 'Dossier',
    description: 'Who and what is in the news you read: people, organizations and places explained, offline.',
    permissions: ['storage'],
    commands: {
      'next-entity': { suggested_key: { default: 'Alt+Shift+J' }, description: 'Go to the next marked entity' },
      'previous-entity': { suggested_key: { default: 'Alt+Shift+K' }, description: 'Go to the previous marked entity' },
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
