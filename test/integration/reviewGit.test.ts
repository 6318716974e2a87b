// `tandem review` and git: --base in a shallow CI clone (the base missing, or history too
// short for the merge base: a clear message with the fetch-depth fix, before any model
// request), --staged, and the pre-push / pre-commit hooks: installed only on request,
// never over a foreign hook, and really run by `git push` / `git commit`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Reply } from '../fakes/fakeModelServer';
import { fakeModelServers, makeRepo, modelFlags, runCli, tempDir } from './harness';

const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
const git = (dir: string, ...args: string[]) => execFileSync('git', args, { cwd: dir, env: GIT_ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const server = fakeModelServers();
const home = () => ({ TANDEM_HOME: tempDir('tandem-review-git-home-') });
const submit = (args: unknown): Reply => ({ toolCalls: [{ name: 'submit_review', arguments: JSON.stringify(args) }] });
const CLEAN = { findings: [], summary: 'Fine.', overall_correctness: 'looks good', overall_confidence: 0.9 };
const P1 = { path: 'a.txt', start_line: 2, priority: 1, title: 'Broken', body: 'It breaks.', confidence: 0.9 };

/** A bare "origin" with main (3 commits) and a feature branch (1 more), and its clone. */
function remoteWithHistory(): { bare: string; url: string } {
  const work = makeRepo({ 'a.txt': 'one\n' });
  git(work, 'checkout', '-qb', 'main');
  for (const n of ['two', 'three']) {
    git(work, 'add', '-A');
    git(work, 'commit', '-qm', n);
    writeFileSync(path.join(work, 'a.txt'), `${readFileSync(path.join(work, 'a.txt'), 'utf8')}${n}\n`);
  }
  git(work, 'add', '-A');
  git(work, 'commit', '-qm', 'main tip');
  git(work, 'checkout', '-qb', 'feature');
  writeFileSync(path.join(work, 'b.txt'), 'feature\n');
  git(work, 'add', '-A');
  git(work, 'commit', '-qm', 'feature');
  const bare = tempDir('tandem-review-bare-');
  git(bare, 'init', '-q', '--bare');
  git(work, 'push', '-q', bare, 'main', 'feature');
  git(bare, 'symbolic-ref', 'HEAD', 'refs/heads/main');
  return { bare, url: `file://${bare}` };
}

test('--base origin/main in a shallow CI clone: missing base, then too little history; both say how to fetch', async () => {
  const s = await server();
  const { url } = remoteWithHistory();
  const clone = tempDir('tandem-review-shallow-');
  git(clone, 'clone', '-q', '--depth', '1', '--branch', 'feature', url, '.');
  const flags = modelFlags(s.baseUrl, 'chat');
  const missing = await runCli(['review', '--cwd', clone, '--base', 'origin/main', ...flags], home());
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^tandem: There is no branch or commit named "origin\/main"\. This is a shallow clone .*"fetch-depth: 0".*git fetch --no-tags --unshallow origin main:refs\/remotes\/origin\/main\n$/m);

  git(clone, 'fetch', '-q', '--depth', '1', 'origin', 'main:refs/remotes/origin/main');
  const noBase = await runCli(['review', '--cwd', clone, '--base', 'origin/main', '--format', 'json', ...flags], home());
  assert.equal(noBase.code, 2);
  const err = JSON.parse(noBase.stdout);
  assert.deepEqual([err.schemaVersion, err.error.code], [1, 'bad_target']);
  assert.match(err.error.message, /no common history in this shallow clone.*"fetch-depth: 0"/);

  // the fix from the message works
  git(clone, 'fetch', '-q', '--no-tags', '--unshallow', 'origin', 'main:refs/remotes/origin/main');
  s.enqueue(submit(CLEAN));
  const ok = await runCli(['review', '--cwd', clone, '--base', 'origin/main', ...flags], home());
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(JSON.stringify(s.modelRequests()[0].input[0]), /b\.txt/);
  assert.equal(s.modelRequests().length, 1, 'no model request for the failures');
});

test('--staged reviews the index only', async () => {
  const s = await server();
  const dir = makeRepo({ 'a.txt': 'one\n', 'b.txt': 'b\n' });
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'init');
  writeFileSync(path.join(dir, 'a.txt'), 'one\nstaged\n');
  git(dir, 'add', 'a.txt');
  writeFileSync(path.join(dir, 'b.txt'), 'b\nnot staged\n');
  s.enqueue(submit(CLEAN));
  const r = await runCli(['review', '--cwd', dir, '--staged', '--json', ...modelFlags(s.baseUrl, 'chat')], home());
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout).files, ['a.txt']);
  git(dir, 'reset', '-q');
  const none = await runCli(['review', '--cwd', dir, '--staged', ...modelFlags(s.baseUrl, 'chat')], home());
  assert.equal(none.code, 2);
  assert.match(none.stderr, /Nothing to review: there are no changes staged in git/);
});

test('pre-push hook: installed on request, blocks a push with a P1 finding, lets a clean one through, removed on request', async () => {
  const s = await server();
  const { bare, url } = remoteWithHistory();
  const clone = tempDir('tandem-review-hook-');
  git(clone, 'clone', '-q', url, '.');
  const env = { ...home(), OPENAI_API_KEY: 'sk-test' };
  const install = await runCli(['review', '--cwd', clone, '--install-hook', 'pre-push', '--min-priority', 'P1', ...modelFlags(s.baseUrl, 'chat')], env);
  assert.equal(install.code, 0, install.stderr);
  const hook = path.join(clone, '.git', 'hooks', 'pre-push');
  assert.match(install.stdout, new RegExp(`^Installed the pre-push hook: ${hook}\n$`));
  assert.match(readFileSync(hook, 'utf8'), /^#!\/bin\/sh\n# tandem-review-hook \(pre-push\)/);
  assert.equal(s.modelRequests().length, 0, 'installing runs no review');

  writeFileSync(path.join(clone, 'a.txt'), 'one\nchanged\nthree\n');
  git(clone, 'commit', '-qam', 'change');
  // asynchronous: the fake model server answers the hook from this process's event loop
  const push = () =>
    new Promise<{ status: number; output: string }>((resolve) => {
      execFile('git', ['push', '-q', 'origin', 'main'], { cwd: clone, env: { ...GIT_ENV, ...env }, encoding: 'utf8' }, (err, stdout, stderr) => resolve({ status: err ? Number(err.code ?? 1) : 0, output: stdout + stderr }));
    });
  s.enqueue(submit({ findings: [P1], summary: 'Bad.', overall_correctness: 'needs changes', overall_confidence: 0.9 }));
  const blocked = await push();
  assert.notEqual(blocked.status, 0);
  assert.match(blocked.output, /a\.txt:2: \[P1\] Broken[\s\S]*push stopped by the review \(exit 1\); push anyway with git push --no-verify/);
  assert.notEqual(git(bare, 'rev-parse', 'main'), git(clone, 'rev-parse', 'HEAD'), 'nothing was pushed');
  assert.match(JSON.stringify(s.modelRequests()[0].input[0]), /the current branch against [0-9a-f]{40}/);

  s.enqueue(submit(CLEAN));
  const pushed = await push();
  assert.equal(pushed.status, 0, pushed.output);
  assert.equal(git(bare, 'rev-parse', 'main'), git(clone, 'rev-parse', 'HEAD'));

  const again = await runCli(['review', '--cwd', clone, '--install-hook', 'pre-push'], env);
  assert.match(again.stdout, /^Updated the pre-push hook/);
  const removed = await runCli(['review', '--cwd', clone, '--uninstall-hook', 'pre-push'], env);
  assert.equal(removed.code, 0);
  assert.equal(existsSync(hook), false);
  const nothing = await runCli(['review', '--cwd', clone, '--uninstall-hook', 'pre-push'], env);
  assert.match(nothing.stdout, /There is no pre-push hook .*nothing to remove/);
});

test('a foreign hook is never overwritten or removed; pre-commit honours core.hooksPath', async () => {
  const dir = makeRepo({ 'a.txt': 'a\n' });
  const foreign = path.join(dir, '.git', 'hooks', 'pre-push');
  writeFileSync(foreign, '#!/bin/sh\necho mine\n');
  chmodSync(foreign, 0o755);
  const env = home();
  const install = await runCli(['review', '--cwd', dir, '--install-hook', 'pre-push'], env);
  assert.equal(install.code, 2);
  assert.match(install.stderr, /already exists and was not written by Tandem, so it was left as it is\. To run the review from it, add a line such as:\n {2}.* review --base origin\/HEAD \|\| exit \$\?\n$/);
  const uninstall = await runCli(['review', '--cwd', dir, '--uninstall-hook', 'pre-push'], env);
  assert.equal(uninstall.code, 2);
  assert.equal(readFileSync(foreign, 'utf8'), '#!/bin/sh\necho mine\n');

  git(dir, 'config', 'core.hooksPath', '.githooks');
  const pc = await runCli(['review', '--cwd', dir, '--install-hook', 'pre-commit'], env);
  assert.equal(pc.code, 0, pc.stderr);
  assert.match(readFileSync(path.join(dir, '.githooks', 'pre-commit'), 'utf8'), /review --min-priority P1 --min-confidence 0\.3 --staged\n$/);
  const bad = await runCli(['review', '--cwd', dir, '--install-hook', 'post-merge'], env);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--install-hook must be one of pre-push, pre-commit/);
  const both = await runCli(['review', '--cwd', dir, '--install-hook', 'pre-push', '--staged'], env);
  assert.match(both.stderr, /--staged does not go with --install-hook/);
});

test('a change to binary files only passes without a model request (there is no text to review)', async () => {
  const s = await server();
  const dir = makeRepo({});
  writeFileSync(path.join(dir, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]));
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'init');
  writeFileSync(path.join(dir, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 3, 4]));
  const r = await runCli(['review', '--cwd', dir, '--json', ...modelFlags(s.baseUrl, 'chat')], home());
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.deepEqual([j.files, j.parts, j.passed, j.summary], [['logo.png'], 0, true, 'Only binary files changed; there is no text to review.']);
  assert.equal(s.modelRequests().length, 0);
});
