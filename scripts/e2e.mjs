// `npm run test:e2e`: Tandem's end-to-end tests in real VS Code (code-server 4.100.3)
// driven by playwright-core in Debian's Chromium, against the fake model server.
//
//   1. scripts/setup-code-server.sh (idempotent; a stamp makes it instant when done)
//   2. `npm run package` -> dist/tandem.vsix
//   3. the fake model server as a child process; its URL goes to the tests in
//      TANDEM_E2E_FAKE_URL (each test replaces its rules and clears its requests)
//   4. node's test runner over test/e2e/*.e2e.ts, one file at a time (each test starts
//      its own code-server and browser; see test/e2e/harness.ts)
//
// Arguments: file name filters, e.g. `npm run test:e2e -- stop approval`.
// Environment: TANDEM_E2E_SKIP_SETUP=1, TANDEM_E2E_SKIP_PACKAGE=1 (reuse dist/tandem.vsix),
// TANDEM_CODE_SERVER_DIR, TANDEM_E2E_RESULTS (screenshots; default test-results/e2e).
// The output ends with the test runner's summary; the exit code is the runner's.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const started = Date.now();
const log = (msg) => console.log(`[e2e] ${msg}`);
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

function run(cmd, args, what) {
  log(`${what}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, CI: process.env.CI ?? 'true' } });
  if (r.status !== 0) {
    console.error(`[e2e] ${what} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
}

function startFakeServer() {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fakes/fakeModelServer.ts', '--port', '0'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the fake model server printed no URL within 30 s:\n${out}`));
    }, 30_000);
    child.stdout.on('data', (b) => {
      out += b;
      const m = /FAKE_MODEL_SERVER_URL=(\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1] });
      }
    });
    // the server's own errors stay visible (they explain odd replies)
    child.stderr.on('data', (b) => process.stderr.write(`[fake-model-server] ${b}`));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the fake model server exited (${code}) before printing its URL:\n${out}`));
    });
  });
}

const filters = process.argv.slice(2);
const e2eDir = path.join(root, 'test/e2e');
const files = readdirSync(e2eDir)
  .filter((f) => f.endsWith('.e2e.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort()
  .map((f) => path.join('test/e2e', f));
if (files.length === 0) {
  console.error(`[e2e] no test files in test/e2e match ${filters.join(' ') || '*.e2e.ts'}`);
  process.exit(1);
}

if (process.env.TANDEM_E2E_SKIP_SETUP !== '1') run('bash', ['scripts/setup-code-server.sh'], 'setup');
if (process.env.TANDEM_E2E_SKIP_PACKAGE !== '1') run('npm', ['run', '--silent', 'package'], 'package');

// stale screenshots from an earlier full run would mislead whoever reads CI's artifacts
// (a filtered run keeps the others' pictures)
const results = process.env.TANDEM_E2E_RESULTS ?? path.join(root, 'test-results/e2e');
if (filters.length === 0) rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const fake = await startFakeServer().catch((err) => {
  console.error(`[e2e] ${err.message}`);
  process.exit(1);
});
log(`fake model server at ${fake.url}; setup and packaging took ${elapsed()}`);
log(`running ${files.length} file(s); screenshots go to ${path.relative(root, results)}`);

const runner = spawn(
  process.execPath,
  [
    '--import', 'tsx', '--test', '--test-concurrency=1',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    // scripts/test-all.mjs sums the TAP totals of every stage into its closing line
    ...(process.env.TANDEM_TAP_OUT ? ['--test-reporter=tap', `--test-reporter-destination=${process.env.TANDEM_TAP_OUT}`] : []),
    ...files,
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TANDEM_E2E_FAKE_URL: fake.url, TANDEM_E2E_RESULTS: results },
  },
);

let stopping = false;
const stopAll = (signal) => {
  if (stopping) return;
  stopping = true;
  if (runner.exitCode === null) runner.kill(signal);
  if (fake.child.exitCode === null) fake.child.kill('SIGTERM');
};
process.on('SIGINT', () => stopAll('SIGINT'));
process.on('SIGTERM', () => stopAll('SIGTERM'));

runner.once('exit', (code, signal) => {
  if (fake.child.exitCode === null) fake.child.kill('SIGTERM');
  // the runner's summary is the last thing printed; the exit code is its own
  process.exitCode = code ?? (signal ? 1 : 0);
});
