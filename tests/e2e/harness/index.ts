// The E2E harness: a fixture server and one browser interface for Chromium and Firefox.
// Specs: tests/e2e/**/*.e2e.test.ts, run by vitest.e2e.config.ts (see tests/e2e/harness/README.md).
export {
  launch,
  isExternalUrl,
  isLocalHost,
  withoutBlockedRequestNoise,
  chromiumExtensionId,
  BROWSER_INTERNAL_HOSTS,
  CHROMIUM_PATH,
  FIREFOX_PATH,
  type BrowserSession,
  type Page,
  type LaunchOptions,
} from './browsers';
export { startServer, type FixtureServer, type ServerOptions } from './server';
export { startRecordingProxy, type RecordingProxy, type ProxyRecord } from './proxy';
export { REPO_ROOT, TMP_DIR, sharedDir, browsersToTest, builtExtensionDir, geckoIdOf, type BrowserName } from './paths';
