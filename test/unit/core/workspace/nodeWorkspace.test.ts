import { strict as assert } from 'node:assert';
import { chmod, mkdir, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { test } from 'node:test';
import { createNodeWorkspace } from '../../../../src/core/workspace/nodeWorkspace';
import { PathOutsideWorkspaceError, WorkspaceConflictError } from '../../../../src/core/workspace/types';
import { dec, enc, tempDir } from '../staging/helpers';

async function setup() {
  const root = await tempDir('tandem-ws-');
  const outside = await tempDir('tandem-outside-');
  await writeFile(path.join(outside, 'secret.txt'), 'secret');
  await mkdir(path.join(root, 'src'));
  await writeFile(path.join(root, 'src/a.ts'), 'a\n');
  await writeFile(path.join(root, 'b.txt'), 'b\n');
  return { root, outside, ws: await createNodeWorkspace(root) };
}

test('root is realpath-ed and files read by workspace-relative paths', async () => {
  const { root, ws } = await setup();
  const link = path.join(await tempDir(), 'link');
  await symlink(root, link);
  const viaLink = await createNodeWorkspace(link);
  assert.equal(viaLink.root, ws.root);
  assert.equal(dec(await viaLink.readFile('src/a.ts')), 'a\n');
  assert.equal(dec(await ws.readFile('./src//a.ts')), 'a\n');
  assert.equal(await ws.readFile('src/missing.ts'), undefined);
  assert.equal(await ws.readFile('src'), undefined);
});

test('refuses absolute paths, .. escapes and NUL bytes', async () => {
  const { ws, outside } = await setup();
  for (const bad of [path.join(outside, 'secret.txt'), '/etc/passwd', '../x', 'src/../../x', 'a\0b', 'C:/x']) {
    await assert.rejects(ws.readFile(bad), PathOutsideWorkspaceError, bad);
    await assert.rejects(ws.stat(bad), PathOutsideWorkspaceError, bad);
    await assert.rejects(ws.applyEdits([{ type: 'write', path: bad, content: enc('x'), expected: undefined }]), PathOutsideWorkspaceError);
  }
  assert.equal(dec(await ws.readFile('src/../b.txt')), 'b\n'); // stays inside: fine
});

test('refuses symlink escapes, including through a missing tail and a dangling link', async () => {
  const { root, outside, ws } = await setup();
  await symlink(outside, path.join(root, 'out'));
  await symlink(path.join(outside, 'secret.txt'), path.join(root, 'secret-link'));
  await symlink(path.join(outside, 'nope', 'new.txt'), path.join(root, 'dangling'));
  await assert.rejects(ws.readFile('out/secret.txt'), PathOutsideWorkspaceError);
  await assert.rejects(ws.readFile('secret-link'), PathOutsideWorkspaceError);
  await assert.rejects(ws.readDir('out'), PathOutsideWorkspaceError);
  await assert.rejects(ws.applyEdits([{ type: 'write', path: 'out/deep/new.txt', content: enc('x'), expected: undefined }]), PathOutsideWorkspaceError);
  await assert.rejects(ws.applyEdits([{ type: 'write', path: 'dangling', content: enc('x'), expected: undefined }]), PathOutsideWorkspaceError);
  assert.deepEqual(await readdir(outside), ['secret.txt']);
  // A sibling whose name merely starts with the root's name is outside too.
  const sibling = `${root}x`;
  await mkdir(sibling);
  await symlink(sibling, path.join(root, 'sib'));
  await assert.rejects(ws.stat('sib/f'), PathOutsideWorkspaceError);
  await rm(sibling, { recursive: true });
  // Links that stay inside are fine.
  await symlink(path.join(root, 'src'), path.join(root, 'src-link'));
  assert.equal(dec(await ws.readFile('src-link/a.ts')), 'a\n');
  assert.equal((await ws.stat('src-link'))?.type, 'symlink');
});

test('readDir is sorted with types; missing dir is []', async () => {
  const { ws } = await setup();
  await ws.applyEdits([{ type: 'write', path: 'Z.txt', content: enc('z'), expected: undefined }]);
  assert.deepEqual(await ws.readDir(''), [
    { name: 'Z.txt', type: 'file' },
    { name: 'b.txt', type: 'file' },
    { name: 'src', type: 'directory' },
  ]);
  assert.deepEqual(await ws.readDir('nope'), []);
  const s = await ws.stat('src/a.ts');
  assert.equal(s?.type, 'file');
  assert.equal(s?.size, 2);
  assert.equal(await ws.stat('nope'), undefined);
});

test('applyEdits writes, creates folders, deletes and renames', async () => {
  const { root, ws } = await setup();
  await ws.applyEdits([
    { type: 'write', path: 'src/a.ts', content: enc('A\n'), expected: enc('a\n') },
    { type: 'write', path: 'new/deep/c.ts', content: enc('c'), expected: undefined },
    { type: 'delete', path: 'b.txt', expected: enc('b\n') },
  ]);
  assert.equal(await readFile(path.join(root, 'src/a.ts'), 'utf8'), 'A\n');
  assert.equal(await readFile(path.join(root, 'new/deep/c.ts'), 'utf8'), 'c');
  assert.equal(await ws.readFile('b.txt'), undefined);
  await ws.applyEdits([{ type: 'rename', from: 'src/a.ts', to: 'lib/x/a2.ts', content: enc('A2\n'), expected: enc('A\n') }]);
  assert.equal(await ws.readFile('src/a.ts'), undefined);
  assert.equal(await readFile(path.join(root, 'lib/x/a2.ts'), 'utf8'), 'A2\n');
  // No temp files left behind.
  assert.deepEqual(await readdir(path.join(root, 'lib/x')), ['a2.ts']);
  assert.deepEqual(await readdir(path.join(root, 'src')), []);
});

test('applyEdits conflict leaves every file unwritten', async () => {
  const { root, ws } = await setup();
  const edits = [
    { type: 'write' as const, path: 'src/a.ts', content: enc('A\n'), expected: enc('a\n') },
    { type: 'write' as const, path: 'fresh.txt', content: enc('f'), expected: undefined },
    { type: 'delete' as const, path: 'b.txt', expected: enc('not what is there') },
  ];
  await assert.rejects(ws.applyEdits(edits), (e: unknown) => e instanceof WorkspaceConflictError && e.path === 'b.txt');
  assert.equal(await readFile(path.join(root, 'src/a.ts'), 'utf8'), 'a\n');
  assert.equal(await ws.stat('fresh.txt'), undefined);
  assert.equal(await readFile(path.join(root, 'b.txt'), 'utf8'), 'b\n');
  // "must not exist" and rename-onto-existing are conflicts too.
  await assert.rejects(ws.applyEdits([{ type: 'write', path: 'b.txt', content: enc('x'), expected: undefined }]), WorkspaceConflictError);
  await assert.rejects(ws.applyEdits([{ type: 'rename', from: 'src/a.ts', to: 'b.txt', content: enc('x'), expected: enc('a\n') }]), WorkspaceConflictError);
  assert.equal(await readFile(path.join(root, 'b.txt'), 'utf8'), 'b\n');
  assert.equal(await readFile(path.join(root, 'src/a.ts'), 'utf8'), 'a\n');
});

test('atomic write keeps the file mode and writes through an inside symlink', async () => {
  const { root, ws } = await setup();
  const script = path.join(root, 'run.sh');
  await writeFile(script, '#!/bin/sh\n');
  await chmod(script, 0o751);
  await ws.applyEdits([{ type: 'write', path: 'run.sh', content: enc('#!/bin/sh\necho hi\n'), expected: enc('#!/bin/sh\n') }]);
  assert.equal((await stat(script)).mode & 0o7777, 0o751);
  assert.equal(await readFile(script, 'utf8'), '#!/bin/sh\necho hi\n');
  await ws.applyEdits([{ type: 'rename', from: 'run.sh', to: 'bin/run.sh', content: enc('x'), expected: enc('#!/bin/sh\necho hi\n') }]);
  assert.equal((await stat(path.join(root, 'bin/run.sh'))).mode & 0o7777, 0o751);

  await symlink('b.txt', path.join(root, 'b-link'));
  await ws.applyEdits([{ type: 'write', path: 'b-link', content: enc('B\n'), expected: enc('b\n') }]);
  assert.equal((await ws.stat('b-link'))?.type, 'symlink');
  assert.equal(await readFile(path.join(root, 'b.txt'), 'utf8'), 'B\n');
});
