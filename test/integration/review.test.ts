// `tandem review` and reviewChanges() against the fake model server in temporary git
// repositories: the model reads code, submits through submit_review, findings outside
// the diff are dropped, a prose answer gets one reminder, and every failure exits 2.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { startFakeModelServer, type FakeModelServer, type Reply } from '../fakes/fakeModelServer';
import { makeRepo, modelFlags, runCli, tempDir } from './harness';
import { createModelClient, resolveModelConfig, reviewChanges, ReviewError, type SessionEvent } from '../../src/core/index';

const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
const git = (dir: string, ...args: string[]) => execFileSync('git', args, { cwd: dir, env: GIT_ENV, encoding: 'utf8' });

const CART = ['export function average(prices: number[]): number {', '  let total = 0;', '  for (const p of prices) total += p;', '  return total / prices.length;', '}', ''].join('\n');
const HELPERS = Array.from({ length: 30 }, (_, i) => `export const h${i} = ${i};`).join('\n') + '\n';

/** A repo with two committed files and an uncommitted change to cart.ts (lines 2-4). */
function reviewRepo(): string {
  const dir = makeRepo({ 'src/cart.ts': CART, 'src/helpers.ts': HELPERS });
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'init');
  writeFileSync(path.join(dir, 'src/cart.ts'), CART.replace('  let total = 0;\n', '  let total = 0;\n  if (prices.length > 100) prices = prices.slice(1);\n'));
  return dir;
}

const submit = (args: unknown): Reply => ({ toolCalls: [{ name: 'submit_review', arguments: JSON.stringify(args) }] });
const INSIDE = { path: 'src/cart.ts', start_line: 3, end_line: 3, priority: 1, title: 'Dropping the first price silently skews the average for long carts.', body: 'Carts over 100 items lose their first price, so the average is wrong.', confidence: 0.9 };
const OUTSIDE = { path: 'src/helpers.ts', start_line: 20, priority: 1, title: 'h19 is unused.', body: 'Nothing references it.', confidence: 0.8 };
const VERDICT = { summary: 'Adds a cap on cart size that corrupts the average.', overall_correctness: 'needs changes', overall_confidence: 0.8 };

const servers: FakeModelServer[] = [];
async function server(): Promise<FakeModelServer> {
  const s = await startFakeModelServer();
  servers.push(s);
  return s;
}
after(async () => {
  for (const s of servers) await s.close();
});
const home = () => ({ TANDEM_HOME: tempDir('tandem-review-home-') });

for (const wire of ['responses', 'chat'] as const) {
  test(`${wire}: tandem review reads code, submits, drops the finding outside the diff and exits 1`, async () => {
    const s = await server();
    s.enqueue({ toolCalls: [{ name: 'read_file', arguments: JSON.stringify({ path: 'src/cart.ts' }) }] }, submit({ findings: [INSIDE, OUTSIDE], ...VERDICT }));
    const repo = reviewRepo();
    const r = await runCli(['review', '--cwd', repo, ...modelFlags(s.baseUrl, wire)], home());
    assert.equal(r.code, 1, r.stderr);
    assert.equal(
      r.stdout,
      'src/cart.ts:3: [P1] Dropping the first price silently skews the average for long carts.\n' +
        '  Carts over 100 items lose their first price, so the average is wrong.\n' +
        '  (line 3, confidence 0.90)\n\n' +
        '1 finding · needs changes (confidence 0.80) · failed\nAdds a cap on cart size that corrupts the average.\n',
    );
    assert.match(r.stderr, /• read_file \{"path":"src\/cart\.ts"\}/);
    assert.match(r.stderr, /1 finding left out: 1 outside the diff/);

    // the session ended with the submission: no extra request
    const reqs = s.modelRequests();
    assert.equal(reqs.length, 2);
    assert.match(reqs[0].instructions, /code reviewer/);
    assert.doesNotMatch(reqs[0].instructions, /STAGED/);
    const tools = (reqs[0].body.tools as { name?: string; function?: { name: string } }[]).map((t) => t.name ?? t.function?.name).sort();
    assert.deepEqual(tools, ['list_dir', 'read_file', 'search', 'submit_review']);
    const ask = reqs[0].input[0];
    assert.equal(ask.type, 'message');
    assert.match((ask as { content: string }).content, /Review uncommitted changes[\s\S]*\+ {2}if \(prices\.length > 100\) prices = prices\.slice\(1\);/);
    assert.match(JSON.stringify(reqs[1].input.at(-1)), /return total \/ prices\.length/);
    // the repository was not touched
    assert.equal(git(repo, 'status', '--porcelain'), ' M src/cart.ts\n');
  });
}

test('--commit with --json and no findings: one JSON object, exit 0', async () => {
  const s = await server();
  s.enqueue(submit({ findings: [], summary: 'Initial import; nothing wrong.', overall_correctness: 'looks good', overall_confidence: 0.9 }));
  const repo = reviewRepo();
  const r = await runCli(['review', '--cwd', repo, '--commit', 'HEAD', '--json', ...modelFlags(s.baseUrl, 'chat')], home());
  assert.equal(r.code, 0, r.stderr);
  const result = JSON.parse(r.stdout);
  assert.equal(result.schemaVersion, 1);
  assert.deepEqual(result.findings, []);
  assert.equal(result.overallCorrectness, 'looks good');
  assert.equal(result.overallConfidence, 0.9);
  assert.deepEqual([result.passed, result.exitCode, result.verified, result.parts], [true, 0, false, 1]);
  assert.deepEqual(result.target, { type: 'commit', sha: 'HEAD' });
  assert.match(result.description, /^commit [0-9a-f]{10} "init" \(the first commit\)$/);
  assert.deepEqual(result.files.sort(), ['src/cart.ts', 'src/helpers.ts']);
  assert.equal(r.stderr, '');
});

test('a prose answer gets one reminder; a malformed submission is corrected; two prose answers fail with exit 2', async () => {
  const s = await server();
  s.enqueue(
    { text: 'Looks fine to me.' },
    submit({ findings: [INSIDE], summary: '' }), // invalid: empty summary, no verdict
    submit({ findings: [INSIDE], ...VERDICT }),
  );
  const ok = await runCli(['review', '--cwd', reviewRepo(), '--json', ...modelFlags(s.baseUrl, 'chat')], home());
  assert.equal(ok.code, 1, ok.stderr);
  assert.equal(JSON.parse(ok.stdout).findings.length, 1);
  const reqs = s.modelRequests();
  assert.equal(reqs.length, 3);
  assert.match(JSON.stringify(reqs[1].input.at(-1)), /without calling submit_review/);
  assert.match(JSON.stringify(reqs[2].input.at(-1)), /Invalid arguments for submit_review/);

  s.enqueue({ text: 'Looks fine.' }, { text: 'Still fine.' });
  const bad = await runCli(['review', '--cwd', reviewRepo(), ...modelFlags(s.baseUrl, 'chat')], home());
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^tandem: The model answered twice without calling submit_review/m);
  assert.equal(bad.stdout, '');
});

test('errors exit 2 with one line: not a repository, nothing to review, unknown base, both targets, model failure', async () => {
  const s = await server();
  const flags = modelFlags(s.baseUrl, 'chat');
  const notRepo = await runCli(['review', '--cwd', tempDir('tandem-review-plain-'), ...flags], home());
  assert.equal(notRepo.code, 2);
  assert.match(notRepo.stderr, /tandem: .* is not inside a git repository/);
  const clean = makeRepo({ 'a.txt': 'a\n' });
  git(clean, 'add', '-A');
  git(clean, 'commit', '-qm', 'init');
  const empty = await runCli(['review', '--cwd', clean, '--json', ...flags], home());
  assert.equal(empty.code, 2);
  assert.deepEqual(JSON.parse(empty.stdout).error.code, 'empty_diff');
  assert.match(empty.stderr, /^tandem: Nothing to review: there are no uncommitted changes\.\n$/);
  const base = await runCli(['review', '--cwd', clean, '--base', 'no-such-branch', ...flags], home());
  assert.equal(base.code, 2);
  assert.match(base.stderr, /tandem: There is no branch or commit named "no-such-branch"\./);
  const both = await runCli(['review', '--base', 'main', '--commit', 'HEAD'], home());
  assert.equal(both.code, 2);
  assert.match(both.stderr, /^tandem: Use one of --base, --commit, not several\.\n$/);
  s.enqueue({ status: 400, message: 'model not found' });
  const failed = await runCli(['review', '--cwd', reviewRepo(), '--max-retries', '0', ...flags], home());
  assert.equal(failed.code, 2);
  assert.match(failed.stderr, /tandem: The review failed: .*model not found/);
  assert.equal(s.modelRequests().length, 1, 'no model request for the failures before it');
});

test('library: reviewChanges() with a model client returns the filtered result and streams events', async () => {
  const s = await server();
  s.enqueue(submit({ findings: [INSIDE, { ...INSIDE, title: 'Same line again.', confidence: 0.5 }, OUTSIDE], ...VERDICT }));
  const model = resolveModelConfig({ baseUrl: s.baseUrl, apiKey: 'sk-test', model: 'fake-model', wire: 'responses' });
  const events: SessionEvent[] = [];
  const result = await reviewChanges({ root: reviewRepo(), target: { type: 'uncommitted' }, model, modelClient: createModelClient(model), onEvent: (e) => events.push(e) });
  assert.deepEqual(result.findings.map((f) => [f.path, f.startLine, f.endLine, f.priority, f.confidence]), [['src/cart.ts', 3, 3, 1, 0.9]]);
  assert.match(result.findings[0].fingerprint ?? '', /^[0-9a-f]{24}$/);
  assert.deepEqual(result.dropped.map((d) => [d.finding.path, d.reason]).sort(), [['src/cart.ts', 'duplicate'], ['src/helpers.ts', 'outside the diff']]);
  assert.equal(result.overallCorrectness, 'needs changes');
  assert.deepEqual(result.files, ['src/cart.ts']);
  assert.ok(events.some((e) => e.type === 'turn/completed'));

  await assert.rejects(reviewChanges({ root: reviewRepo(), target: { type: 'commit', sha: 'nope' }, model }), (err: unknown) => err instanceof ReviewError && err.code === 'bad_target');
});
