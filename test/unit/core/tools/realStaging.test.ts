// The tools against the real disk-backed staging area (src/core/staging) over a real
// workspace in a temp dir: what the agent will actually run.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createNodeWorkspace } from '../../../../src/core/workspace/nodeWorkspace';
import { createStagingArea } from '../../../../src/core/staging/stagingArea';
import { applyPatchTool } from '../../../../src/core/tools/applyPatch';
import { readFileTool } from '../../../../src/core/tools/readFile';
import { listDirTool } from '../../../../src/core/tools/listDir';
import { searchTool } from '../../../../src/core/tools/search';
import { shellTool } from '../../../../src/core/tools/shell';
import type { FileChangeItem } from '../../../../src/core/types/items';
import { fakeShell, makeContext } from './helpers';

const dirs: string[] = [];
after(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function setup(files: Record<string, string>) {
  const base = await mkdtemp(join(tmpdir(), 'tandem-tools-'));
  dirs.push(base);
  const root = join(base, 'ws');
  await mkdir(root, { recursive: true });
  for (const [p, c] of Object.entries(files)) {
    await mkdir(dirname(join(root, p)), { recursive: true });
    await writeFile(join(root, p), c);
  }
  const workspace = await createNodeWorkspace(root);
  const staging = await createStagingArea(workspace, join(base, 'staging'));
  return { ctx: makeContext({ view: workspace, staging, rgPath: '/usr/bin/rg' }), staging, root };
}

const wrap = (...body: string[]) => `*** Begin Patch\n${body.join('\n')}\n*** End Patch`;

test('apply_patch stages through the real staging area and never touches the workspace', async () => {
  const { ctx, staging, root } = await setup({ 'src/a.ts': 'export const a = 1;\nexport const b = 2;\n', 'old.txt': 'bye\n', 'mv.txt': 'm\n' });
  const r = await applyPatchTool.run(
    {
      patch: wrap(
        '*** Update File: src/a.ts',
        '@@',
        ' export const a = 1;',
        '-export const b = 2;',
        '+export const b = 3;',
        '*** Add File: src/new.ts',
        '+new',
        '*** Delete File: old.txt',
        '*** Update File: mv.txt',
        '*** Move to: moved/mv.txt',
      ),
    },
    ctx,
  );
  assert.equal(r.success, true, r.output);
  assert.equal(await readFile(join(root, 'src/a.ts'), 'utf8'), 'export const a = 1;\nexport const b = 2;\n');
  assert.equal(await readFile(join(root, 'old.txt'), 'utf8'), 'bye\n');
  const changes = (await staging.changes()).map((c) => ({ path: c.path, kind: c.kind, from: c.from, added: c.added, removed: c.removed }));
  const byPath = Object.fromEntries(changes.map((c) => [c.path, c]));
  assert.deepEqual(byPath['src/a.ts'], { path: 'src/a.ts', kind: 'modify', from: undefined, added: 1, removed: 1 });
  assert.deepEqual(byPath['src/new.ts'], { path: 'src/new.ts', kind: 'add', from: undefined, added: 1, removed: 0 });
  assert.equal(byPath['old.txt'].kind, 'delete');
  assert.equal(byPath['moved/mv.txt'].kind, 'rename');
  assert.equal(byPath['moved/mv.txt'].from, 'mv.txt');
  assert.deepEqual((ctx.log.completed[0] as FileChangeItem).changes.map((c) => c.kind).sort(), ['add', 'delete', 'modify', 'rename']);

  // The staged view is what the read tools see.
  assert.match((await readFileTool.run({ path: 'src/a.ts' }, ctx)).output, /2\texport const b = 3;/);
  await assert.rejects(readFileTool.run({ path: 'old.txt' }, ctx), /File not found/);
  const listing = (await listDirTool.run({ depth: 2 }, ctx)).output;
  assert.match(listing, /moved\/\n {4}mv\.txt/);
  assert.doesNotMatch(listing, /old\.txt|^ {2}mv\.txt$/m);
  assert.match(listing, /new\.ts/);
});

test('a failed multi-file patch leaves the real staging area empty', async () => {
  const { ctx, staging } = await setup({ 'a.txt': 'a\n', 'b.txt': 'b\n' });
  await assert.rejects(applyPatchTool.run({ patch: wrap('*** Add File: n.txt', '+n', '*** Update File: a.txt', '@@', '-a', '+A', '*** Update File: b.txt', '@@', '-nope', '+B') }, ctx));
  assert.deepEqual(await staging.stagedPaths(), []);
});

test('search sees the real staging layer', async () => {
  const { ctx } = await setup({ 'a.txt': 'needle old\n', 'gone.txt': 'needle\n' });
  await applyPatchTool.run({ patch: wrap('*** Update File: a.txt', '@@', '-needle old', '+needle new', '*** Delete File: gone.txt', '*** Add File: d/n.txt', '+needle added') }, ctx);
  assert.equal((await searchTool.run({ pattern: 'needle' }, ctx)).output, 'a.txt\n  1:needle new\nd/n.txt\n  1:needle added\n[2 matches in 2 files.]');
});

test('CRLF files keep CRLF through patch and real staging', async () => {
  const { ctx, staging } = await setup({ 'w.txt': 'one\r\ntwo\r\n' });
  await applyPatchTool.run({ patch: wrap('*** Update File: w.txt', '@@', ' one', '-two', '+2', '+3') }, ctx);
  assert.equal(new TextDecoder().decode(await staging.readFile('w.txt')), 'one\r\n2\r\n3\r\n');
});

test('shell stagedPaths become a file_change item with counts from the real staging area', async () => {
  const { ctx, staging } = await setup({ 'a.txt': '1\n2\n' });
  // What a sandboxed command's writes look like once the sandbox has staged them.
  await staging.writeFile('a.txt', new TextEncoder().encode('1\n2\n3\n'));
  const r = await shellTool.run({ command: 'echo 3 >> a.txt' }, { ...ctx, shell: fakeShell(true, { stagedPaths: ['a.txt'] }) });
  assert.match(r.output, /a\.txt \(modify, \+1 -0\)/);
  const fc = ctx.log.completed.find((i) => i.type === 'file_change') as FileChangeItem;
  assert.deepEqual(fc.changes, [{ path: 'a.txt', kind: 'modify', added: 1, removed: 0 }]);
});
