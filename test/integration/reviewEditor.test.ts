// The editor's review service on the real core (through the host's lazy door) against the
// fake model server in a temporary git repository: a finding comes back, is dismissed
// with a reason into the repository's dismissal file, and the next review of the same
// code no longer shows it (the core drops it as dismissed), while a finding on other
// code still shows.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startFakeModelServer, type FakeModelServer, type Reply } from '../fakes/fakeModelServer';
import { makeRepo } from './harness';
import { resolveModelConfig } from '../../src/core/index';
import { createLazyCore } from '../../src/host/coreAccess/lazyCore';
import { ReviewService } from '../../src/host/codeReview/reviewService';
import { DEFAULT_REVIEW_SETTINGS } from '../../src/host/codeReview/settings';
import { silentLogger } from '../../src/host/util/log';

const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
const git = (dir: string, ...args: string[]) => execFileSync('git', args, { cwd: dir, env: GIT_ENV, encoding: 'utf8' });

const servers: FakeModelServer[] = [];
after(async () => {
  for (const s of servers) await s.close();
});

const CODE = ['export function first(xs: number[]): number {', '  return xs[0];', '}', ''].join('\n');
const submit = (findings: unknown[]): Reply => ({ toolCalls: [{ name: 'submit_review', arguments: JSON.stringify({ findings, summary: 's', overall_correctness: findings.length ? 'needs changes' : 'looks good', overall_confidence: 0.8 }) }] });
const EMPTY = { path: 'src/first.ts', start_line: 2, priority: 1, title: 'An empty list returns undefined.', body: 'xs[0] of [] is undefined, typed as number.', confidence: 0.9 };

test('dismiss a finding with a reason: remembered in the repository, not shown by the next review of the same code', async () => {
  const s = await startFakeModelServer();
  servers.push(s);
  const repo = makeRepo({ 'src/first.ts': '' });
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'init');
  writeFileSync(path.join(repo, 'src/first.ts'), CODE);
  const model = resolveModelConfig({ baseUrl: s.baseUrl, apiKey: 'sk-test', model: 'fake-model', wire: 'chat' });
  const reviews = new ReviewService({ core: createLazyCore(), root: () => repo, model: async () => model, rgPath: async () => undefined, settings: () => DEFAULT_REVIEW_SETTINGS, log: silentLogger });

  s.enqueue(submit([EMPTY]));
  const first = await reviews.review({ type: 'uncommitted' }).done;
  assert.equal(first.status, 'done', first.error);
  assert.deepEqual(first.findings.map((f) => [f.path, f.startLine, f.priority, f.title]), [['src/first.ts', 2, 1, EMPTY.title]]);
  assert.equal(await reviews.dismiss(first.id, first.findings[0].id, 'callers never pass an empty list'), true);
  assert.deepEqual(reviews.views()[0].findings, []);
  const file = path.join(repo, '.git/tandem/dismissed-findings.json');
  const stored = JSON.parse(readFileSync(file, 'utf8')).dismissed;
  assert.deepEqual(stored.map((d: { path: string; title: string; reason: string }) => [d.path, d.title, d.reason]), [['src/first.ts', EMPTY.title, 'callers never pass an empty list']]);

  // the reviewer reports it again, worded differently, with another problem on new code
  writeFileSync(path.join(repo, 'src/first.ts'), `${CODE}export const last = (xs: number[]) => xs[xs.length];\n`);
  const other = { ...EMPTY, start_line: 4, title: 'Off by one: xs[xs.length] is always undefined.' };
  s.enqueue(submit([{ ...EMPTY, title: 'first() of [] is undefined.' }, other]));
  const second = await reviews.review({ type: 'uncommitted' }).done;
  assert.deepEqual(second.findings.map((f) => f.title), [other.title]);
  reviews.dispose();
});
