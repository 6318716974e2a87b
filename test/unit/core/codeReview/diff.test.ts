// collectDiff against real temporary git repositories: uncommitted changes (staged,
// unstaged, untracked, binary, deleted, renamed), a branch, a commit, a root commit, a
// workspace inside a repository, and the clear errors (not a repo, empty, bad target).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { collectDiff, parseGitDiff } from '../../../../src/core/codeReview/diff';
import { ReviewError } from '../../../../src/core/codeReview/types';

const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', GIT_CONFIG_GLOBAL: '/dev/null' };

function repo(): { dir: string; git: (...args: string[]) => string; write: (rel: string, text: string | Buffer) => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-review-diff-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env: GIT_ENV, encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  const write = (rel: string, text: string | Buffer) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  };
  return { dir, git, write };
}

const lines = (n: number, tag = 'line') => Array.from({ length: n }, (_, i) => `${tag} ${i + 1}`).join('\n') + '\n';

async function reviewError(p: Promise<unknown>, code: string, message: RegExp): Promise<void> {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof ReviewError, String(err));
    assert.equal(err.code, code);
    assert.match(err.message, message);
    return true;
  });
}

test('uncommitted: staged, unstaged, untracked (text and binary), deleted and renamed files with new-side ranges', async () => {
  const r = repo();
  r.write('src/a.ts', lines(20));
  r.write('src/gone.ts', 'bye\n');
  r.write('src/old name.ts', lines(5, 'keep'));
  r.write('.gitignore', 'ignored.log\n');
  r.git('add', '-A');
  r.git('commit', '-qm', 'init');
  // unstaged edit of line 10, staged edit of line 2
  r.write('src/a.ts', lines(20).replace('line 10\n', 'line ten\n').replace('line 2\n', 'line two\n'));
  r.git('add', 'src/a.ts');
  r.write('src/a.ts', lines(20).replace('line 10\n', 'line ten\n').replace('line 2\n', 'line two\n').replace('line 19\n', 'line nineteen\n'));
  r.git('rm', '-q', 'src/gone.ts');
  r.git('mv', 'src/old name.ts', 'src/new name.ts');
  r.write('notes/new.md', 'one\ntwo\nthree');
  r.write('img.bin', Buffer.from([0, 1, 2, 3]));
  r.write('ignored.log', 'noise\n');

  const d = await collectDiff(r.dir, { type: 'uncommitted' });
  assert.match(d.description, /uncommitted changes/);
  const byPath = new Map(d.files.map((f) => [f.path, f]));
  assert.deepEqual([...byPath.keys()].sort(), ['img.bin', 'notes/new.md', 'src/a.ts', 'src/gone.ts', 'src/new name.ts']);
  const a = byPath.get('src/a.ts')!;
  assert.equal(a.status, 'modified');
  assert.equal(a.added, 3);
  assert.equal(a.removed, 3);
  // hunks around lines 2, 10 and 19 (3 context lines each side, merged where they touch)
  for (const line of [2, 10, 19]) assert.ok(a.ranges.some((x) => x.start <= line && line <= x.end), `line ${line} in ${JSON.stringify(a.ranges)}`);
  assert.ok(!a.ranges.some((x) => x.start <= 15 && 15 <= x.end), 'line 15 is not in the diff');
  assert.match(a.patch, /^diff --git a\/src\/a\.ts b\/src\/a\.ts\n/);
  assert.equal(byPath.get('src/gone.ts')!.status, 'deleted');
  assert.deepEqual(byPath.get('src/gone.ts')!.ranges, []);
  const renamed = byPath.get('src/new name.ts')!;
  assert.equal(renamed.status, 'renamed');
  assert.equal(renamed.oldPath, 'src/old name.ts');
  const untracked = byPath.get('notes/new.md')!;
  assert.equal(untracked.status, 'added');
  assert.deepEqual(untracked.ranges, [{ start: 1, end: 3 }]);
  assert.match(untracked.patch, /@@ -0,0 \+1,3 @@\n\+one\n\+two\n\+three\n\\ No newline at end of file\n$/);
  assert.equal(byPath.get('img.bin')!.binary, true);
  assert.deepEqual(byPath.get('img.bin')!.ranges, []);
  // the index was not touched
  assert.equal(r.git('status', '--porcelain', '--', 'notes'), '?? notes/\n');
});

test('uncommitted in a repository without commits reviews every file; a subfolder workspace sees relative paths', async () => {
  const r = repo();
  r.write('pkg/lib/x.ts', 'export const x = 1;\n');
  r.write('other.ts', 'y\n');
  r.git('add', 'pkg/lib/x.ts');
  const all = await collectDiff(r.dir, { type: 'uncommitted' });
  assert.deepEqual(all.files.map((f) => f.path).sort(), ['other.ts', 'pkg/lib/x.ts']);
  assert.match(all.description, /no commits/);
  const sub = await collectDiff(path.join(r.dir, 'pkg'), { type: 'uncommitted' });
  assert.deepEqual(sub.files.map((f) => f.path), ['lib/x.ts']);
});

test('branch: the commits since the merge base, not the base branch\'s later work or the working tree', async () => {
  const r = repo();
  r.write('a.txt', lines(10));
  r.git('add', '-A');
  r.git('commit', '-qm', 'init');
  r.git('checkout', '-qb', 'feature');
  r.write('feature.txt', 'feature work\n');
  r.git('add', '-A');
  r.git('commit', '-qm', 'feature');
  r.git('checkout', '-q', 'main');
  r.write('main-only.txt', 'later on main\n');
  r.git('add', '-A');
  r.git('commit', '-qm', 'main moves on');
  r.git('checkout', '-q', 'feature');
  r.write('a.txt', 'uncommitted\n');
  const d = await collectDiff(r.dir, { type: 'branch', base: 'main' });
  assert.deepEqual(d.files.map((f) => f.path), ['feature.txt']);
  assert.match(d.description, /against main \(since merge base [0-9a-f]{10}\)/);
  await reviewError(collectDiff(r.dir, { type: 'branch', base: 'nope' }), 'bad_target', /no branch or commit named "nope"/);
  await reviewError(collectDiff(r.dir, { type: 'branch', base: '--output=/tmp/x' }), 'bad_target', /not a valid base branch name/);
  await reviewError(collectDiff(r.dir, { type: 'branch', base: 'main' }).then(() => collectDiff(r.dir, { type: 'branch', base: 'feature' })), 'empty_diff', /Nothing to review/);
});

test('commit: one commit against its parent; the root commit against the empty tree', async () => {
  const r = repo();
  r.write('a.txt', lines(3));
  r.git('add', '-A');
  r.git('commit', '-qm', 'first');
  const root = r.git('rev-parse', 'HEAD').trim();
  r.write('a.txt', lines(3).replace('line 3', 'line three'));
  r.write('b.txt', 'b\n');
  r.git('add', '-A');
  r.git('commit', '-qm', 'second: fix three');
  const second = r.git('rev-parse', 'HEAD').trim();
  r.write('c.txt', 'later\n');
  r.git('add', '-A');
  r.git('commit', '-qm', 'third');

  const d = await collectDiff(r.dir, { type: 'commit', sha: second.slice(0, 8) });
  assert.deepEqual(d.files.map((f) => f.path), ['a.txt', 'b.txt']);
  assert.match(d.description, /^commit [0-9a-f]{10} "second: fix three"$/);
  const first = await collectDiff(r.dir, { type: 'commit', sha: root });
  assert.deepEqual(first.files.map((f) => [f.path, f.status, f.ranges]), [['a.txt', 'added', [{ start: 1, end: 3 }]]]);
  assert.match(first.description, /the first commit/);
  await reviewError(collectDiff(r.dir, { type: 'commit', sha: 'deadbeef' }), 'bad_target', /no commit "deadbeef"/);
});

test('errors: not a repository, nothing to review, not a folder', async () => {
  const plain = mkdtempSync(path.join(os.tmpdir(), 'tandem-review-plain-'));
  await reviewError(collectDiff(plain, { type: 'uncommitted' }), 'not_a_repo', /not inside a git repository/);
  const r = repo();
  r.write('a.txt', 'a\n');
  r.git('add', '-A');
  r.git('commit', '-qm', 'init');
  await reviewError(collectDiff(r.dir, { type: 'uncommitted' }), 'empty_diff', /Nothing to review: there are no uncommitted changes/);
  rmSync(plain, { recursive: true });
  await reviewError(collectDiff(plain, { type: 'uncommitted' }), 'not_a_repo', /is not a folder/);
});

test('no git on PATH is a clear error', async () => {
  const r = repo();
  const saved = process.env.PATH;
  process.env.PATH = '/nonexistent';
  try {
    await reviewError(collectDiff(r.dir, { type: 'uncommitted' }), 'no_git', /git is not installed/);
  } finally {
    process.env.PATH = saved;
  }
});

test('parseGitDiff: quoted paths, pure deletions and mode-only changes', () => {
  const text = [
    'diff --git "a/t\\"q.txt" "b/t\\"q.txt"',
    'index 1..2 100644',
    '--- "a/t\\"q.txt"',
    '+++ "b/t\\"q.txt"',
    '@@ -5,2 +4,0 @@',
    '-x',
    '-y',
    'diff --git a/run.sh b/run.sh',
    'old mode 100644',
    'new mode 100755',
    '',
  ].join('\n');
  const files = parseGitDiff(text);
  assert.equal(files.length, 2);
  assert.equal(files[0].path, 't"q.txt');
  assert.deepEqual(files[0].ranges, [{ start: 4, end: 5 }]);
  assert.equal(files[0].removed, 2);
  assert.equal(files[1].path, 'run.sh');
  assert.deepEqual(files[1].ranges, []);
});
