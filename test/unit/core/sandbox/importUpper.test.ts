// The import of a command's writes without the sandbox: an upper dir made by hand (as
// overlayfs leaves it) imported into a real staging area. Runs where the sandbox cannot
// (test/sandbox/import.test.ts covers the same through the real sandbox).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createNodeWorkspace } from '../../../../src/core/workspace/nodeWorkspace';
import { createStagingArea } from '../../../../src/core/staging/stagingArea';
import { importUpper, DEFAULT_IMPORT_LIMITS } from '../../../../src/core/sandbox/linux/importUpper';
import { pathProtection } from '../../../../src/core/policy/protection';
import { similarity } from '../../../../src/core/sandbox/renames';

const made: string[] = [];
after(() => Promise.all(made.map((d) => rm(d, { recursive: true, force: true }))));

async function setup(workspace: Record<string, string>, upperFiles: Record<string, string>) {
  const base = await mkdtemp(path.join(os.tmpdir(), 'tandem-import-'));
  made.push(base);
  const put = async (root: string, rel: string, text: string) => {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await writeFile(path.join(root, rel), text);
  };
  for (const [rel, text] of Object.entries(workspace)) await put(path.join(base, 'ws'), rel, text);
  await mkdir(path.join(base, 'ws'), { recursive: true });
  for (const [rel, text] of Object.entries(upperFiles)) await put(path.join(base, 'upper'), rel, text);
  await mkdir(path.join(base, 'upper'), { recursive: true });
  const ws = await createNodeWorkspace(path.join(base, 'ws'));
  const staging = await createStagingArea(ws, path.join(base, 'staging'));
  const run = (listing: Map<string, Set<string>> = new Map(), extra: Partial<Parameters<typeof importUpper>[0]> = {}) =>
    importUpper({ upper: path.join(base, 'upper'), listing, staging, workspaceRoot: ws.root, refused: pathProtection().refused, limits: DEFAULT_IMPORT_LIMITS, ...extra });
  return { base, upper: path.join(base, 'upper'), staging, run };
}

test('unstageable entries are skipped with a reason; the rest is staged', async () => {
  const { upper, staging, run } = await setup({ 'a.txt': 'a\n' }, { 'back\\slash': 'x', 'ok.txt': 'ok\n', 'v/.git/config': '[core]\n', 'sub/.git': 'gitdir: /x\n' });
  await symlink('/etc/passwd', path.join(upper, 'link'));
  execFileSync('mkfifo', [path.join(upper, 'pipe')]);
  const r = await run();
  assert.deepEqual(r.paths, ['ok.txt']);
  const notes = r.notes.join('\n');
  for (const re of [/back\\slash: not staged, the name contains a backslash/, /link: not staged, symbolic links/, /pipe: not staged, it is a named pipe/, /sub\/\.git, v\/\.git\/: not staged, git internals/]) {
    assert.match(notes, re);
  }
  assert.deepEqual((await staging.stagedPaths()).map((p) => p.path), ['ok.txt']);
});

test('over the caps: asked; no (or no one to ask) stages nothing', async () => {
  const files = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`f${i}.txt`, `${i}\n`]));
  const { staging, run } = await setup({}, files);
  const limits = { maxFiles: 3, maxBytes: 1 << 20 };
  const asked: unknown[] = [];
  const no = await run(new Map(), { limits, confirm: async (s) => (asked.push(s), false) });
  assert.deepEqual(asked, [{ files: 5, bytes: 10, maxFiles: 3, maxBytes: 1 << 20 }]);
  assert.deepEqual(no.paths, []);
  assert.match(no.notes[0], /^5 files \(0\.0 MB\) the command wrote were not staged: that is more than the per-command limit \(3 files, 1\.0 MB\) and the user did not agree/);
  assert.match((await run(new Map(), { limits })).notes[0], /no one could be asked/);
  assert.deepEqual(await staging.stagedPaths(), []);
  assert.equal((await run(new Map(), { limits, confirm: async () => true })).paths.length, 5);
});

test('an aborted signal stops the import before anything is staged', async () => {
  const { staging, run } = await setup({}, { 'a.txt': 'a\n', 'b.txt': 'b\n' });
  const ac = new AbortController();
  ac.abort();
  const r = await run(new Map(), { signal: ac.signal });
  assert.deepEqual(r.paths, []);
  assert.match(r.notes.join(' '), /interrupted/);
  assert.deepEqual(await staging.stagedPaths(), []);
});

test('removed + created files pair into renames: same content, or similar content', async () => {
  const body = Array.from({ length: 10 }, (_, i) => `line ${i}`).join('\n') + '\n';
  const { staging, run } = await setup(
    { 'src/a.ts': 'export const a = 1;\n', 'lib/util.ts': body, 'README.md': '# r\n', 'gone.txt': 'unrelated\n' },
    { 'src/b.ts': 'export const a = 1;\n', 'lib/helpers.ts': body.replace('line 3', 'line three'), 'new.txt': 'fresh\n' },
  );
  // the merged listing: src/a.ts, lib/util.ts and gone.txt are gone; README.md stays
  const listing = new Map([
    ['', new Set(['src', 'lib', 'README.md', 'new.txt'])],
    ['src', new Set(['b.ts'])],
    ['lib', new Set(['helpers.ts'])],
  ]);
  await run(listing);
  const changes = (await staging.changes()).map((c) => [c.kind, c.from ?? '', c.path]);
  assert.deepEqual(changes, [
    ['delete', '', 'gone.txt'],
    ['rename', 'lib/util.ts', 'lib/helpers.ts'],
    ['add', '', 'new.txt'],
    ['rename', 'src/a.ts', 'src/b.ts'],
  ]);
  assert.equal(similarity('a\nb\n', 'a\nb\n'), 1);
  assert.equal(similarity('a\n', 'b\n'), 0);
});
