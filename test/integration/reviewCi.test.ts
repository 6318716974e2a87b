// `tandem review` in CI against the fake model server: GitHub annotations, SARIF and the
// exit code for a scripted review with a P0, a P2 and an out-of-diff finding; "needs
// changes" with no findings fails; the verifying pass drops what the scripted verifier
// rejects (reviewer and verifier are routed apart by their instructions); a large diff is
// reviewed in parts; AGENTS.md review rules reach both sessions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import sarifSchema from '@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json';
import type { RecordedRequest, Reply } from '../fakes/fakeModelServer';
import { fakeModelServers, makeRepo, modelFlags, runCli, tempDir } from './harness';
import { createModelClient, resolveModelConfig, reviewChanges, ReviewError } from '../../src/core/index';
import { loadCases } from '../../eval/review/corpus';
import { runEval } from '../../eval/review/evaluate';

const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
const git = (dir: string, ...args: string[]) => execFileSync('git', args, { cwd: dir, env: GIT_ENV, encoding: 'utf8' });
const server = fakeModelServers();
const home = () => ({ TANDEM_HOME: tempDir('tandem-review-ci-home-') });

const lines = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `export const ${prefix}${i} = ${i};`).join('\n') + '\n';

/** Committed src/a.ts, src/b.ts, lib/c.ts; uncommitted edits to lines 5 of a.ts and b.ts. */
function repo(files: Record<string, string> = {}): string {
  const dir = makeRepo({ 'src/a.ts': lines('a', 30), 'src/b.ts': lines('b', 30), 'lib/c.ts': lines('c', 30), ...files });
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'init');
  for (const f of ['src/a.ts', 'src/b.ts']) {
    const p = path.join(dir, f);
    writeFileSync(p, readFileSync(p, 'utf8').replace(/= 4;/, '= 4 + 1;'));
  }
  return dir;
}

const submit = (args: unknown): Reply => ({ toolCalls: [{ name: 'submit_review', arguments: JSON.stringify(args) }] });
const verify = (args: unknown): Reply => ({ toolCalls: [{ name: 'submit_verification', arguments: JSON.stringify(args) }] });
const P0 = { path: 'src/a.ts', start_line: 5, priority: 0, title: 'a4 is off by one, breaking every caller', body: 'Callers index with a4; now 5: out of range.', confidence: 0.9 };
const P2 = { path: 'src/b.ts', start_line: 4, end_line: 6, priority: 2, title: 'b4 changed meaning', body: 'Logged values shift by one.', confidence: 0.6 };
const OUT = { path: 'lib/c.ts', start_line: 3, priority: 1, title: 'c2 is unused', body: 'Nothing reads it.', confidence: 0.9 };
const BAD = { summary: 'Shifts two constants.', overall_correctness: 'needs changes', overall_confidence: 0.8 };
const isVerifier = (r: RecordedRequest) => r.instructions.includes("You are Tandem's review verifier");

test('a P0, a P2 and an out-of-diff finding: GitHub annotations for P0 only (P2 with --min-priority P2), SARIF, exit 1', async () => {
  const s = await server();
  const review = submit({ findings: [P0, P2, OUT], ...BAD });
  s.setHandler((r) => (isVerifier(r) ? undefined : review));
  const dir = repo();
  const flags = modelFlags(s.baseUrl, 'chat');

  const sarifFile = path.join(tempDir('tandem-review-sarif-'), 'out.sarif');
  const gh = await runCli(['review', '--cwd', dir, '--format', 'github', '--sarif-file', sarifFile, ...flags], home());
  assert.equal(gh.code, 1, gh.stderr);
  assert.equal(
    gh.stdout,
    '::error file=src/a.ts,line=5,endLine=5,title=[P0] a4 is off by one%2C breaking every caller::Callers index with a4; now 5: out of range.%0A(Tandem review, confidence 0.90)\n' +
      'Tandem review: 1 finding at P1 or above (1 below, not annotated) · needs changes · failed\n',
  );
  assert.match(gh.stderr, /1 finding left out: 1 outside the diff/);
  assert.deepEqual(JSON.parse(readFileSync(sarifFile, 'utf8')).runs[0].results.map((r: any) => r.ruleId), ['tandem-review/p0'], 'one review, two outputs');

  const p2 = await runCli(['review', '--cwd', dir, '--format', 'github', '--min-priority', 'P2', ...flags], home());
  assert.equal(p2.code, 1, p2.stderr);
  const annotations = p2.stdout.split('\n').filter((l) => l.startsWith('::'));
  assert.deepEqual(annotations.map((l) => l.slice(0, l.indexOf('::', 2))), ['::error file=src/a.ts,line=5,endLine=5,title=[P0] a4 is off by one%2C breaking every caller', '::warning file=src/b.ts,line=4,endLine=6,title=[P2] b4 changed meaning']);

  // from a subfolder, finding paths are relative to it and SARIF names files from the repository root
  s.setHandler((r) => (isVerifier(r) ? undefined : submit({ findings: [{ ...P0, path: 'a.ts' }, { ...P2, path: 'b.ts' }, OUT], ...BAD })));
  const sarif = await runCli(['review', '--cwd', path.join(dir, 'src'), '--format', 'sarif', ...flags], home());
  assert.equal(sarif.code, 1, sarif.stderr);
  assert.equal(sarif.stderr, '', 'no progress around machine output');
  const log = JSON.parse(sarif.stdout);
  const ajv = new Ajv({ strict: false, unicodeRegExp: false });
  addFormats(ajv);
  assert.equal(ajv.validate(sarifSchema, log), true, JSON.stringify(ajv.errors));
  assert.deepEqual(
    log.runs[0].results.map((r: any) => [r.ruleId, r.level, r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.region.startLine]),
    [['tandem-review/p0', 'error', 'src/a.ts', 5]],
  );
  assert.equal(s.modelRequests().filter(isVerifier).length, 0, 'one part: no verifying pass by default');
});

test('"needs changes" with no findings exits 1 (and says why in CI); "looks good" with only a P3 exits 0', async () => {
  const s = await server();
  const flags = modelFlags(s.baseUrl, 'responses');
  s.enqueue(submit({ findings: [], ...BAD }));
  const bad = await runCli(['review', '--cwd', repo(), '--format', 'github', ...flags], home());
  assert.equal(bad.code, 1, bad.stderr);
  assert.match(bad.stdout, /^::error title=Tandem review%3A needs changes::Shifts two constants\.\n/);

  s.enqueue(submit({ findings: [{ ...P2, priority: 3 }], summary: 'Fine.', overall_correctness: 'looks good', overall_confidence: 0.9 }));
  const ok = await runCli(['review', '--cwd', repo(), ...flags], home());
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /^src\/b\.ts:4: \[P3\] b4 changed meaning\n[\s\S]*below P1, does not fail the review\)\n\n1 finding \(0 at P1 or above\) · looks good \(confidence 0\.90\) · passed\n/);
});

test('--verify always: the verifier rejects one finding and merges a duplicate; its verdict is final', async () => {
  const s = await server();
  const dup = { ...P0, start_line: 4, end_line: 5, title: 'Off-by-one in a4', confidence: 0.7 };
  s.setHandler((r) =>
    isVerifier(r)
      ? verify({
          findings: [
            // candidates are numbered by path and line: F1 is the duplicate on lines 4-5
            { id: 'F1', verdict: 'duplicate', duplicate_of: 'F2', reason: 'Same line.' },
            { id: 'F2', verdict: 'confirmed', reason: 'a4 is read by index in three places.' },
            { id: 'F3', verdict: 'rejected', reason: 'Nothing logs b4.' },
          ],
          summary: 'Shifts a4, which breaks its callers.',
          overall_correctness: 'needs changes',
          overall_confidence: 0.85,
        })
      : submit({ findings: [P0, P2, dup], ...BAD }),
  );
  const r = await runCli(['review', '--cwd', repo(), '--json', '--verify', 'always', ...modelFlags(s.baseUrl, 'chat')], home());
  assert.equal(r.code, 1, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.deepEqual(j.findings.map((f: any) => [f.path, f.startLine, f.priority]), [['src/a.ts', 5, 0]]);
  assert.deepEqual(j.dropped.map((d: any) => [d.finding.path, d.reason, d.detail]), [
    ['src/a.ts', 'duplicate', 'same as F2: Same line.'],
    ['src/b.ts', 'not confirmed', 'Nothing logs b4.'],
  ]);
  assert.deepEqual([j.verified, j.summary, j.overallConfidence], [true, 'Shifts a4, which breaks its callers.', 0.85]);
  const [vreq] = s.modelRequests().filter(isVerifier);
  const ask = JSON.stringify(vreq.input[0]);
  assert.match(ask, /F1\. \[P0\] src\/a\.ts:4-5 \(confidence 0\.70\): Off-by-one in a4/);
  assert.match(ask, /F2\. \[P0\] src\/a\.ts:5 \(confidence 0\.90\): a4 is off by one/);
  assert.match(ask, /F3\. \[P2\] src\/b\.ts:4-6/);
});

test('library: a large diff is reviewed in parts in parallel, then verified; AGENTS.md review rules reach every session', async () => {
  const s = await server();
  const dir = repo({ 'AGENTS.md': '# Build\nmake\n\n## Review rules\nTreat constant changes as P0.\n' });
  const requests: string[] = [];
  s.setHandler((r) => {
    if (isVerifier(r)) {
      return verify({ findings: [{ id: 'F1', verdict: 'confirmed', reason: 'ok' }, { id: 'F2', verdict: 'rejected', reason: 'no' }], summary: 'One bug.', overall_correctness: 'needs changes', overall_confidence: 0.9 });
    }
    const ask = JSON.stringify(r.input[0]);
    requests.push(ask);
    // each part's reviewer reports a finding in the file its part shows
    return ask.includes('+++ b/src/a.ts') ? submit({ findings: [P0], ...BAD }) : submit({ findings: [P2], summary: 'B is fine.', overall_correctness: 'looks good', overall_confidence: 0.6 });
  });
  const model = resolveModelConfig({ baseUrl: s.baseUrl, apiKey: 'sk-test', model: 'fake-model', wire: 'chat' });
  const result = await reviewChanges({ root: dir, target: { type: 'uncommitted' }, model, modelClient: createModelClient(model), maxPartChars: 400 });
  assert.equal(result.parts, 2);
  assert.equal(requests.length, 2);
  assert.ok(requests.every((a) => /reviewed in 2 parts by separate reviewers/.test(a)));
  assert.ok(requests.some((a) => a.includes('+++ b/src/a.ts') && !a.includes('+++ b/src/b.ts')));
  assert.deepEqual(result.findings.map((f) => [f.path, f.priority]), [['src/a.ts', 0]]);
  assert.deepEqual(result.dropped.map((d) => [d.finding.path, d.reason]), [['src/b.ts', 'not confirmed']]);
  assert.deepEqual([result.verified, result.overallCorrectness, result.summary], [true, 'needs changes', 'One bug.']);
  for (const r of s.modelRequests()) {
    assert.match(r.instructions, /project's own review rules[\s\S]*<review-rules source="AGENTS.md">\n## Review rules\nTreat constant changes as P0\.\n<\/review-rules>/);
  }
});

test('eval: the real reviewer over two corpus cases, answered by the fake server, is scored', async () => {
  const s = await server();
  s.setHandler((r) => {
    const ask = JSON.stringify(r.input[0]);
    // the off-by-one case gets a finding on its bug; the clean refactor gets a false positive
    if (ask.includes('src/paginate.ts')) return submit({ findings: [{ path: 'src/paginate.ts', start_line: 9, priority: 1, title: 'Pages lose their last item', body: 'slice excludes its end.', confidence: 0.9 }], ...BAD });
    return submit({ findings: [{ path: 'src/cart.ts', start_line: 7, priority: 1, title: 'reduce without initial value', body: 'Empty carts throw.', confidence: 0.6 }], ...BAD });
  });
  const model = resolveModelConfig({ baseUrl: s.baseUrl, apiKey: 'sk-test', model: 'fake-model', wire: 'responses' });
  const cases = loadCases().filter((c) => c.id === 'ts-paginate-off-by-one' || c.id === 'ts-clean-reduce');
  const run = await runEval(cases, (_c, repo) => reviewChanges({ root: repo, target: { type: 'commit', sha: 'HEAD' }, model, modelClient: createModelClient(model) }), { minPriority: 1, minConfidence: 0.3 });
  assert.deepEqual([run.scores.gated.truePositives, run.scores.gated.falsePositives, run.scores.gated.precision, run.scores.gated.recall, run.scores.gated.falsePositivesPerClean], [1, 1, 0.5, 1, 1]);
  const asks = s.modelRequests().map((r) => JSON.stringify(r.input[0]));
  assert.ok(asks.some((a) => /Review commit [0-9a-f]{10} \\"Extract page slicing into a helper\\"/.test(a)));
  assert.ok(asks.every((a) => !/off-by-one|slice\(\) excludes/.test(a)), 'the label never reaches the reviewer');
});

test('library: a part whose model fails stops the other parts (their requests are aborted) and the review fails clearly', async () => {
  const s = await server();
  // the failing part answers only once the other part's request has arrived, so there is
  // a request in flight to abort however the two parts are scheduled
  let otherArrived!: () => void;
  const other = new Promise<void>((resolve) => (otherArrived = resolve));
  s.setHandler(async (r) => {
    if (JSON.stringify(r.input[0]).includes('+++ b/src/a.ts')) {
      await other;
      return { status: 400, message: 'context too long' };
    }
    otherArrived();
    return { ...submit({ findings: [], ...BAD }), hangMs: 'forever' };
  });
  const model = resolveModelConfig({ baseUrl: s.baseUrl, apiKey: 'sk-test', model: 'fake-model', wire: 'chat', maxRetries: 0 });
  await assert.rejects(
    reviewChanges({ root: repo(), target: { type: 'uncommitted' }, model, modelClient: createModelClient(model), maxPartChars: 400 }),
    (err: unknown) => err instanceof ReviewError && err.code === 'model_failed' && /context too long/.test(err.message),
  );
  const hanging = s.modelRequests().findIndex((r) => !JSON.stringify(r.input[0]).includes('+++ b/src/a.ts'));
  assert.ok(hanging >= 0);
  assert.equal(await s.closed(s.modelRequests()[hanging].index), true, 'the other part\'s request was aborted');
});
