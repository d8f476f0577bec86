/**
 * Lints the architecture: the layering of DESIGN.md holds only if a check
 * holds it. Reads import statements of every source file.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const p = join(dir, name);
    if (statSync(join(root, p)).isDirectory()) out.push(...files(p));
    else if (/\.(ts|tsx)$/.test(name)) out.push(p);
  }
  return out;
}

/** Import specifiers of a file, with relative and '@/' paths resolved to repo-relative paths. */
function imports(file: string): string[] {
  const src = readFileSync(join(root, file), 'utf8');
  const specs = [...src.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
  return specs.map((s) => {
    if (s.startsWith('@/')) return s.slice(2);
    if (s.startsWith('.')) return relative(root, resolve(root, dirname(file), s));
    return s;
  });
}

describe('layering', () => {
  it('utils/matcher imports nothing from the DOM, the browser or the database', () => {
    for (const f of files('utils/matcher')) {
      for (const i of imports(f)) {
        expect(i.startsWith('utils/matcher') || i === 'utils/dataset/schema', `${f} imports ${i}`).toBe(true);
      }
      const src = readFileSync(join(root, f), 'utf8');
      expect(/\b(document|window|browser|chrome|indexedDB)\./.test(src), `${f} touches a browser global`).toBe(false);
    }
  });

  it('only the background touches IndexedDB (utils/db and dexie)', () => {
    const all = [...files('entrypoints'), ...files('components'), ...files('utils')];
    for (const f of all) {
      const allowed = f.startsWith('utils/db/') || f.startsWith('utils/background/') || f === 'entrypoints/background.ts';
      for (const i of imports(f)) {
        if (i.startsWith('utils/db') || i === 'dexie') expect(allowed, `${f} imports ${i}`).toBe(true);
      }
    }
  });

  it('components take props and give callbacks: no browser APIs, no messaging, no database', () => {
    for (const f of files('components')) {
      for (const i of imports(f)) {
        expect(['wxt/browser', 'dexie', '#imports', 'utils/client'].includes(i) || i.startsWith('utils/db') || i.startsWith('entrypoints'), `${f} imports ${i}`).toBe(false);
      }
    }
  });

  it('utils never import from components or entrypoints (dependencies point inward)', () => {
    for (const f of files('utils')) {
      for (const i of imports(f)) expect(i.startsWith('components') || i.startsWith('entrypoints'), `${f} imports ${i}`).toBe(false);
    }
  });

  it('uses explicit imports only (WXT auto-imports are off)', () => {
    expect(readFileSync(join(root, 'wxt.config.ts'), 'utf8')).toMatch(/imports:\s*false/);
  });
});
