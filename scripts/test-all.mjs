#!/usr/bin/env node
// `npm test`: build both browser targets, run the unit tests, the E2E tests in real headless
// browsers, and web-ext lint; then print one closing line `N passed, N failed` (CI reads it).
//
//   node scripts/test-all.mjs [--unit-only | --e2e-only] [--no-build] [--no-lint]
//
// Env: DOSSIER_BROWSERS (default "chromium,firefox") is passed to the E2E run;
//      DOSSIER_STEP_TIMEOUT_MIN (default 40) ends a step that hangs (it then counts as failed).
// Reports: .tmp/unit.json, .tmp/e2e.json (vitest JSON reporter), .tmp/lint.json (web-ext).
// Counting: tests that passed / failed in each vitest report (a test file that failed to load
// counts as 1 failed); a step that crashed without a report, or exited non-zero with no failed
// test in its report, counts as 1 failed; web-ext lint counts as 1 test (passes with 0 errors);
// a failed build counts as 1 failed and the E2E run and lint are then not attempted (1 failed each).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TMP = join(ROOT, '.tmp');
const argv = new Set(process.argv.slice(2));
const KNOWN = new Set(['--unit-only', '--e2e-only', '--no-build', '--no-lint', '--help', '-h']);
for (const a of argv) {
  if (!KNOWN.has(a)) {
    console.error(`test-all: unknown option ${a}`);
    process.exit(2);
  }
}
if (argv.has('--help') || argv.has('-h')) {
  console.log('usage: node scripts/test-all.mjs [--unit-only | --e2e-only] [--no-build] [--no-lint]');
  process.exit(0);
}
if (argv.has('--unit-only') && argv.has('--e2e-only')) {
  console.error('test-all: --unit-only and --e2e-only exclude each other');
  process.exit(2);
}
const runUnit = !argv.has('--e2e-only');
const runE2e = !argv.has('--unit-only');
const runBuild = !argv.has('--no-build') && runE2e; // unit tests do not need the build
const runLint = runE2e && !argv.has('--no-lint');
const STEP_TIMEOUT_MS = Number(process.env.DOSSIER_STEP_TIMEOUT_MIN ?? 40) * 60_000;

mkdirSync(TMP, { recursive: true });

/** Local CLI from node_modules/.bin (no npx lookups), falling back to npx. */
function bin(name) {
  const local = join(ROOT, 'node_modules', '.bin', name);
  return existsSync(local) ? [local] : ['npx', '--no', name];
}

const children = new Set();
function killAll(signal = 'SIGTERM') {
  for (const c of children) {
    try {
      process.kill(-c.pid, signal); // the whole process group: browsers too
    } catch {
      try {
        c.kill(signal);
      } catch {}
    }
  }
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    killAll('SIGTERM');
    setTimeout(() => {
      killAll('SIGKILL');
      process.exit(130);
    }, 3000).unref();
  });
}

/** Runs a command (output streamed, or captured with capture=true); resolves { code, stdout, ms }. */
function run(cmd, args, { env = {}, capture = false } = {}) {
  const t0 = Date.now();
  console.log(`\n$ ${[cmd, ...args].map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(' ')}`);
  return new Promise((done) => {
    const child = spawn(cmd, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'],
      detached: true, // own process group, so a hung step can be ended with everything it started
    });
    children.add(child);
    let stdout = '';
    if (capture) child.stdout.on('data', (d) => (stdout += d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`test-all: ${cmd} ${args.join(' ')} still running after ${STEP_TIMEOUT_MS / 60000} min: ending it`);
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {}
      setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {}
      }, 5000).unref();
    }, STEP_TIMEOUT_MS);
    child.on('error', (err) => {
      console.error(`test-all: cannot start ${cmd}: ${err.message}`);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      // Leftovers of the group (e.g. a browser a crashed worker left behind).
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
      done({ code: timedOut ? 124 : code ?? (signal ? 128 : 1), stdout, ms: Date.now() - t0 });
    });
  });
}

const results = []; // { name, passed, failed, skipped, note, ms }

/**
 * Browsers of this run's E2E step that outlived it (the harness names their profiles
 * dossier-e2e-<run id>-…; see tests/e2e/harness/browsers.ts): end them, remove the profiles.
 * Only processes whose command line names a profile of this run are touched.
 */
function reapLeftovers(runId) {
  const tag = `dossier-e2e-${runId}-`;
  let killed = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let cmd = '';
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (Number(pid) !== process.pid && cmd.includes(tag)) {
      try {
        process.kill(Number(pid), 'SIGKILL');
        killed++;
      } catch {}
    }
  }
  let removed = 0;
  for (const d of readdirSync(tmpdir())) {
    if (d.startsWith(tag)) {
      rmSync(join(tmpdir(), d), { recursive: true, force: true });
      removed++;
    }
  }
  if (killed || removed) console.log(`test-all: ended ${killed} leftover browser process(es), removed ${removed} profile(s)`);
}

function readVitestReport(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

async function vitestSuite(name, extraArgs, env) {
  const report = join(TMP, `${name}.json`);
  rmSync(report, { force: true });
  const [cmd, ...pre] = bin('vitest');
  const r = await run(cmd, [...pre, 'run', ...extraArgs, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], { env });
  const json = readVitestReport(report);
  if (!json) {
    results.push({ name, passed: 0, failed: 1, skipped: 0, note: `crashed without a report (exit ${r.code})`, ms: r.ms });
    return;
  }
  let passed = json.numPassedTests ?? 0;
  let failed = json.numFailedTests ?? 0;
  const skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
  const notes = [];
  // A test file that failed to load (syntax error, failing beforeAll import…) has no failed test.
  for (const file of json.testResults ?? []) {
    const tests = file.assertionResults ?? [];
    if (file.status === 'failed' && !tests.some((t) => t.status === 'failed')) {
      failed += 1;
      notes.push(`${file.name.replace(ROOT + '/', '')} failed outside a test: ${String(file.message ?? '').split('\n')[0].slice(0, 200)}`);
    }
  }
  if (r.code !== 0 && failed === 0) {
    failed = 1;
    notes.push(`vitest exited ${r.code} with no failed test (unhandled error?)`);
  }
  results.push({ name, passed, failed, skipped, note: notes.join('; '), ms: r.ms });
}

async function lintSuite() {
  const src = join(ROOT, '.output', 'firefox-mv2');
  if (!existsSync(join(src, 'manifest.json'))) {
    results.push({ name: 'web-ext lint', passed: 0, failed: 1, skipped: 0, note: 'no .output/firefox-mv2 (build first)', ms: 0 });
    return;
  }
  const [cmd, ...pre] = bin('web-ext');
  const r = await run(
    cmd,
    [...pre, 'lint', '--source-dir', src, '--self-hosted', '--output', 'json', '--no-input', '--no-config-discovery'],
    { capture: true, env: { NO_UPDATE_NOTIFIER: '1' } },
  );
  writeFileSync(join(TMP, 'lint.json'), r.stdout);
  let json = null;
  try {
    json = JSON.parse(r.stdout.slice(r.stdout.indexOf('{')));
  } catch {}
  if (!json?.summary) {
    results.push({ name: 'web-ext lint', passed: 0, failed: 1, skipped: 0, note: `no JSON output (exit ${r.code})`, ms: r.ms });
    return;
  }
  const { errors = 0, warnings = 0, notices = 0 } = json.summary;
  for (const kind of ['errors', 'warnings']) {
    for (const m of json[kind] ?? []) console.log(`  web-ext ${kind.slice(0, -1)}: ${m.code} ${m.file ?? ''} ${m.message ?? ''}`);
  }
  console.log(`web-ext lint: ${errors} errors, ${warnings} warnings, ${notices} notices`);
  results.push({
    name: 'web-ext lint',
    passed: errors === 0 ? 1 : 0,
    failed: errors === 0 ? 0 : 1,
    skipped: 0,
    note: `${errors} errors, ${warnings} warnings`,
    ms: r.ms,
  });
}

const t0 = Date.now();
let buildOk = true;
if (runBuild) {
  const [cmd, ...pre] = bin('wxt');
  for (const target of [[], ['-b', 'firefox']]) {
    const r = await run(cmd, [...pre, 'build', ...target]);
    const name = `build ${target.length ? 'firefox' : 'chromium'}`;
    if (r.code !== 0) {
      buildOk = false;
      results.push({ name, passed: 0, failed: 1, skipped: 0, note: `wxt build exited ${r.code}`, ms: r.ms });
    } else {
      console.log(`${name}: ${(r.ms / 1000).toFixed(1)} s`);
    }
  }
}

if (runUnit) await vitestSuite('unit', ['--passWithNoTests'], {});

if (runE2e) {
  if (!buildOk) {
    results.push({ name: 'e2e', passed: 0, failed: 1, skipped: 0, note: 'not run: the build failed', ms: 0 });
  } else {
    const runId = randomBytes(4).toString('hex');
    await vitestSuite('e2e', ['--config', 'vitest.e2e.config.ts'], {
      DOSSIER_BROWSERS: process.env.DOSSIER_BROWSERS || 'chromium,firefox',
      DOSSIER_E2E_RUN_ID: runId,
    });
    reapLeftovers(runId);
  }
}

if (runLint) {
  if (!buildOk) results.push({ name: 'web-ext lint', passed: 0, failed: 1, skipped: 0, note: 'not run: the build failed', ms: 0 });
  else await lintSuite();
}

const total = results.reduce((a, r) => ({ passed: a.passed + r.passed, failed: a.failed + r.failed, skipped: a.skipped + r.skipped }), {
  passed: 0,
  failed: 0,
  skipped: 0,
});
console.log('\n── test-all summary ──');
for (const r of results) {
  console.log(
    `${r.failed ? 'FAIL' : 'ok  '} ${r.name.padEnd(14)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed` +
      `${r.skipped ? ` ${r.skipped} skipped` : ''}  ${(r.ms / 1000).toFixed(1)} s${r.note ? `  (${r.note})` : ''}`,
  );
}
console.log(`total ${((Date.now() - t0) / 1000).toFixed(1)} s${total.skipped ? `, ${total.skipped} skipped` : ''}`);
console.log(`${total.passed} passed, ${total.failed} failed`);
process.exitCode = total.failed > 0 || total.passed === 0 ? 1 : 0;
