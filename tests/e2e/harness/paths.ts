// Paths the E2E harness needs, resolved from this file so that tests work from any cwd.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (…/main). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The shared folder beside the repository (../shared), or env DOSSIER_SHARED. */
export function sharedDir(): string {
  const env = process.env.DOSSIER_SHARED;
  return env ? resolve(env) : resolve(REPO_ROOT, '..', 'shared');
}

export const TMP_DIR = resolve(REPO_ROOT, '.tmp');

export type BrowserName = 'chromium' | 'firefox';

/**
 * Browsers to run E2E specs in: env DOSSIER_BROWSERS (comma separated), default both.
 * Unknown names throw, so that a typo does not silently run nothing.
 */
export function browsersToTest(): BrowserName[] {
  const raw = process.env.DOSSIER_BROWSERS ?? 'chromium,firefox';
  const names = raw
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  for (const n of names) {
    if (n !== 'chromium' && n !== 'firefox') {
      throw new Error(`DOSSIER_BROWSERS: unknown browser "${n}" (use chromium, firefox)`);
    }
  }
  return [...new Set(names)] as BrowserName[];
}

/**
 * The built Dossier extension for a browser: `.output/chrome-mv3` for Chromium; for Firefox
 * `.output/firefox-mv2` (WXT's default), else `.output/firefox-mv3`. Env DOSSIER_EXT_CHROMIUM /
 * DOSSIER_EXT_FIREFOX override. Throws with a hint when the build is missing.
 */
export function builtExtensionDir(name: BrowserName): string {
  const env = name === 'chromium' ? process.env.DOSSIER_EXT_CHROMIUM : process.env.DOSSIER_EXT_FIREFOX;
  const candidates = env
    ? [resolve(env)]
    : name === 'chromium'
      ? [resolve(REPO_ROOT, '.output/chrome-mv3')]
      : [resolve(REPO_ROOT, '.output/firefox-mv2'), resolve(REPO_ROOT, '.output/firefox-mv3')];
  for (const dir of candidates) {
    if (existsSync(resolve(dir, 'manifest.json'))) return dir;
  }
  throw new Error(
    `No built extension for ${name} at ${candidates.join(' or ')}: run ` +
      (name === 'chromium' ? '`npx wxt build`' : '`npx wxt build -b firefox`'),
  );
}

/** The gecko id declared in a built extension's manifest.json, if any. */
export function geckoIdOf(extensionDir: string): string | undefined {
  try {
    const manifest = JSON.parse(readFileSync(resolve(extensionDir, 'manifest.json'), 'utf8'));
    const settings = manifest.browser_specific_settings ?? manifest.applications;
    const id = settings?.gecko?.id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}
