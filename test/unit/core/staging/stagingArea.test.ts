// The staged view, staging semantics and persistence of createStagingArea.
import { strict as assert } from 'node:assert';
import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { test } from 'node:test';
import { PathOutsideWorkspaceError } from '../../../../src/core/workspace/types';
import { dec, enc, fixture } from './helpers';

async function listLayer(layerDir: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const d of await readdir(path.join(layerDir, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${d.name}` : d.name;
    if (d.isDirectory()) out.push(...(await listLayer(layerDir, child)));
    else out.push(child);
  }
  return out.sort();
}

test('writes land in the layer, never in the workspace; reads see the staged view', async () => {
  const f = await fixture({ 'src/a.ts': 'a\n', 'src/b.ts': 'b\n', 'README.md': 'r\n' });
  await f.area.writeFile('src/a.ts', enc('A\n'));
  await f.area.writeFile('src/new/deep/c.ts', enc('c\n'));
  await f.area.deleteFile('src/b.ts');
  assert.equal(await f.disk('src/a.ts'), 'a\n');
  assert.equal(await f.disk('src/new/deep/c.ts'), undefined);
  assert.equal(await f.disk('src/b.ts'), 'b\n');
  assert.equal(dec(await f.area.readFile('src/a.ts')), 'A\n');
  assert.equal(dec(await f.area.readFile('src/new/deep/c.ts')), 'c\n');
  assert.equal(await f.area.readFile('src/b.ts'), undefined);
  assert.equal(dec(await f.area.readFile('README.md')), 'r\n');
  assert.equal(await f.area.stat('src/b.ts'), undefined);
  assert.equal((await f.area.stat('src/new'))?.type, 'directory');
  assert.equal((await f.area.stat('src/new/deep/c.ts'))?.size, 2);
  assert.deepEqual(await f.area.readDir('src'), [
    { name: 'a.ts', type: 'file' },
    { name: 'new', type: 'directory' },
  ]);
  assert.deepEqual(await f.area.readDir('src/new/deep'), [{ name: 'c.ts', type: 'file' }]);
  assert.deepEqual(await f.area.stagedPaths(), [
    { path: 'src/a.ts', deleted: false },
    { path: 'src/b.ts', deleted: true },
    { path: 'src/new/deep/c.ts', deleted: false },
  ]);
  assert.deepEqual(await listLayer(f.area.layerDir), ['src/a.ts', 'src/new/deep/c.ts']);
  assert.equal(await readFile(path.join(f.area.layerDir, 'src/a.ts'), 'utf8'), 'A\n');
});

test('content identical to the workspace removes the entry and its layer file', async () => {
  const f = await fixture({ 'a.txt': 'a\n' });
  await f.area.writeFile('a.txt', enc('a\n'));
  assert.deepEqual(await f.area.changes(), []);
  await f.area.writeFile('a.txt', enc('changed\n'));
  assert.equal((await f.area.changes()).length, 1);
  await f.area.writeFile('a.txt', enc('a\n'));
  assert.deepEqual(await f.area.changes(), []);
  assert.deepEqual(await listLayer(f.area.layerDir), []);
  // Deleting a staged add just forgets it; the emptied layer folders go too.
  await f.area.writeFile('x/y/z.txt', enc('z'));
  await f.area.deleteFile('x/y/z.txt');
  assert.deepEqual(await readdir(f.area.layerDir), []);
  assert.deepEqual(await f.area.stagedPaths(), []);
});

test('a LF rewrite of a CRLF file is staged as CRLF (and the reverse)', async () => {
  const f = await fixture({ 'win.txt': 'one\r\ntwo\r\n', 'unix.txt': 'one\ntwo\n' });
  await f.area.writeFile('win.txt', enc('one\nTWO\n'));
  await f.area.writeFile('unix.txt', enc('one\r\nTWO\r\n'));
  assert.equal(dec(await f.area.readFile('win.txt')), 'one\r\nTWO\r\n');
  assert.equal(dec(await f.area.readFile('unix.txt')), 'one\nTWO\n');
  const [unix, win] = await f.area.changes();
  assert.equal(win.added, 1);
  assert.equal(win.removed, 1);
  assert.equal(unix.added, 1);
});

test('renames: staged view, kind and from; deleting a renamed file deletes the original', async () => {
  const f = await fixture({ 'old/name.ts': 'x\n', 'keep.ts': 'k\n' });
  await f.area.rename('old/name.ts', 'new/name.ts');
  assert.equal(await f.area.readFile('old/name.ts'), undefined);
  assert.equal(dec(await f.area.readFile('new/name.ts')), 'x\n');
  assert.deepEqual(await f.area.readDir('old'), []);
  assert.deepEqual(await f.area.stagedPaths(), [
    { path: 'new/name.ts', deleted: false },
    { path: 'old/name.ts', deleted: true },
  ]);
  const [c] = await f.area.changes();
  assert.deepEqual([c.kind, c.from, c.added, c.removed], ['rename', 'old/name.ts', 0, 0]);
  await assert.rejects(f.area.rename('new/name.ts', 'keep.ts'), /already exists/);
  await f.area.rename('new/name.ts', 'other.ts', enc('y\n'));
  const [c2] = await f.area.changes();
  assert.deepEqual([c2.path, c2.kind, c2.from, c2.added, c2.removed], ['other.ts', 'rename', 'old/name.ts', 1, 1]);
  await f.area.deleteFile('other.ts');
  assert.deepEqual((await f.area.changes()).map((x) => [x.path, x.kind]), [['old/name.ts', 'delete']]);
  // Writing at the source of a rename re-creates it there.
  await f.area.rename('keep.ts', 'kept.ts');
  await f.area.writeFile('keep.ts', enc('again\n'));
  assert.deepEqual((await f.area.changes()).map((x) => [x.path, x.kind]), [['keep.ts', 'modify'], ['kept.ts', 'add'], ['old/name.ts', 'delete']]);
  // Moving a file back home cancels the rename.
  const g = await fixture({ 'a.ts': 'a\n' });
  await g.area.rename('a.ts', 'b.ts');
  await g.area.rename('b.ts', 'a.ts');
  assert.deepEqual(await g.area.changes(), []);
});

test('refuses bad paths and impossible operations with clear errors', async () => {
  const f = await fixture({ 'dir/file.ts': 'x\n', 'plain.txt': 'p' });
  await assert.rejects(f.area.writeFile('../escape.txt', enc('x')), PathOutsideWorkspaceError);
  await assert.rejects(f.area.writeFile('/etc/passwd', enc('x')), PathOutsideWorkspaceError);
  await assert.rejects(f.area.readFile('../x'), PathOutsideWorkspaceError);
  await assert.rejects(f.area.writeFile('dir', enc('x')), /is a folder/);
  await assert.rejects(f.area.writeFile('plain.txt/child', enc('x')), /plain\.txt is a file/);
  await assert.rejects(f.area.deleteFile('missing.txt'), /No such file/);
  await assert.rejects(f.area.deleteFile('dir'), /folder/);
  await assert.rejects(f.area.rename('missing.txt', 'x.txt'), /No such file/);
  await assert.rejects(f.area.apply('plain.txt'), /Nothing is staged/);
  assert.deepEqual(await f.area.stagedPaths(), []);
});

test('survives a restart: entries, bases and undelivered decisions are reloaded', async () => {
  const f = await fixture({ 'a.txt': '1\n2\n3\n', 'gone.txt': 'g\n', 'r.txt': 'r\n' });
  await f.area.writeFile('a.txt', enc('1\nTWO\n3\n'));
  await f.area.deleteFile('gone.txt');
  await f.area.rename('r.txt', 'sub/r2.txt');
  await f.area.writeFile('n/new.txt', enc('new\n'));
  await f.area.reject('n/new.txt', undefined, 'not needed');
  await f.area.writeFile('n/new.txt', enc('new2\n'));
  const before = await f.area.changes();
  await f.put('a.txt', '1\n2\n3\nuser\n'); // the user edits while the session is closed
  const again = await f.reopen();
  const after = await again.changes();
  assert.deepEqual(after.map((c) => [c.path, c.kind, c.from]), before.map((c) => [c.path, c.kind, c.from]));
  assert.equal(after.find((c) => c.path === 'a.txt')?.stale, true, 'base survived the restart');
  assert.deepEqual(again.takeDecisions(), ['rejected n/new.txt entirely (reason: not needed)']);
  assert.deepEqual(again.takeDecisions(), []);
  const outcome = await again.apply('a.txt');
  assert.deepEqual(outcome, { path: 'a.txt', status: 'applied', hunksApplied: 1, hunksTotal: 1, merged: true });
  assert.equal(await f.disk('a.txt'), '1\nTWO\n3\nuser\n');
  // Taking decisions is persisted too.
  assert.equal(again.takeDecisions().length, 1);
  await again.changes(); // queued behind the save that takeDecisions started
  assert.deepEqual((await f.reopen()).takeDecisions(), []);
});

test('a layer file without a manifest entry (crash) is re-staged, and stray files are dropped', async () => {
  const f = await fixture({ 'a.txt': 'a\n' });
  await mkdir(path.join(f.area.layerDir, 'deep'), { recursive: true });
  await writeFile(path.join(f.area.layerDir, 'deep/orphan.txt'), 'o\n');
  await writeFile(path.join(f.area.layerDir, 'a.txt'), 'a\n'); // same as the workspace
  await mkdir(path.join(f.area.layerDir, 'empty/dir'), { recursive: true });
  const again = await f.reopen();
  assert.deepEqual((await again.changes()).map((c) => [c.path, c.kind]), [['deep/orphan.txt', 'add']]);
  assert.deepEqual(await listLayer(again.layerDir), ['deep/orphan.txt']);
  assert.deepEqual((await readdir(again.layerDir)).sort(), ['deep']);
});

test('onDidChange fires after mutations; protected flags are built in, an option adds its own', async () => {
  const f = await fixture({ '.vscode/settings.json': '{}\n', 'a.txt': 'a\n' });
  let fired = 0;
  const sub = f.area.onDidChange(() => fired++);
  await f.area.writeFile('.vscode/settings.json', enc('{"x":1}\n'));
  await f.area.writeFile('a.txt', enc('b\n'));
  await f.area.reject('a.txt');
  assert.equal(fired, 3);
  sub.dispose();
  await f.area.writeFile('a.txt', enc('c\n'));
  assert.equal(fired, 3);
  // Since issue 16 the staging area runs the protected-path check itself.
  assert.equal((await f.area.changes()).find((c) => c.path === '.vscode/settings.json')?.protected, 'editor settings (.vscode/)');
  assert.equal((await f.area.changes()).find((c) => c.path === 'a.txt')?.protected, undefined);
  const guarded = await f.reopen({ isProtected: (p) => (p === 'a.txt' ? 'host rule' : undefined) });
  const changes = await guarded.changes();
  assert.equal(changes.find((c) => c.path === '.vscode/settings.json')?.protected, 'editor settings (.vscode/)');
  assert.equal(changes.find((c) => c.path === 'a.txt')?.protected, 'host rule');
});
