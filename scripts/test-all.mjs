// `npm test`: every check, in order, with one closing line CI can read.
// Stages: type-check, lint, unit + integration + sandbox catalogue (node's test runner),
// then the end-to-end suite in real VS Code (code-server + Chromium). Each test stage
// also writes TAP to a file, from which the totals are summed for the final
// "tests: N passed, N failed, N skipped" line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync, readdirSync } from 'node:fs';
import path from 'node:path';

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const out = path.join(root, 'test-results');
mkdirSync(out, { recursive: true });
const only = process.argv.slice(2);
const want = (name) => only.length === 0 || only.includes(name);

const totals = { passed: 0, failed: 0, skipped: 0 };
const failedStages = [];

function run(name, cmd, args, tapFile) {
  if (!want(name)) return;
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  if (tapFile) rmSync(tapFile, { force: true });
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, TANDEM_TAP_OUT: tapFile ?? '' } });
  if (tapFile) {
    if (existsSync(tapFile)) {
      const tap = readFileSync(tapFile, 'utf8');
      const num = (key) => Number((tap.match(new RegExp(`^# ${key} (\\d+)$`, 'm')) ?? [])[1] ?? 0);
      totals.passed += num('pass');
      totals.failed += num('fail') + num('cancelled');
      totals.skipped += num('skipped') + num('todo');
    } else if (r.status !== 0) {
      totals.failed += 1; // the stage died before reporting: count it, never hide it
    }
  }
  if (r.status !== 0) failedStages.push(name);
}

// Node 20's test runner takes no globs: list the files ourselves.
function testFiles(...dirs) {
  return dirs.flatMap((d) => {
    const abs = path.join(root, d);
    if (!existsSync(abs)) return [];
    return readdirSync(abs, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.test.ts'))
      .sort()
      .map((f) => path.join(d, f));
  });
}

const tapArgs = (file) => ['--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${file}`];

run('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
run('lint', 'npx', ['eslint', '.']);
run('unit', process.execPath, ['--import', 'tsx', '--test', ...tapArgs(path.join(out, 'unit.tap')),
  ...testFiles('test/unit', 'test/integration', 'test/sandbox')], path.join(out, 'unit.tap'));
run('e2e', process.execPath, ['scripts/e2e.mjs'], path.join(out, 'e2e.tap'));

if (failedStages.length) console.log(`\nfailed stages: ${failedStages.join(', ')}`);
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedStages.length ? 1 : 0);
