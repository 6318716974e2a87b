// All-or-nothing against the REAL staging area: a patch whose later operation cannot be
// staged (a folder where a file is meant, a file where a folder is needed) must be
// refused while validating, before its first file is staged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyPatchTool } from '../../../../src/core/tools/applyPatch';
import { ToolError } from '../../../../src/core/tools/types';
import type { FileChangeItem } from '../../../../src/core/types/items';
import { fixture } from '../staging/helpers';
import { makeContext } from './helpers';

const wrap = (...body: string[]) => `*** Begin Patch\n${body.join('\n')}\n*** End Patch`;
const FILES = { 'dir/foo.txt': 'stable\n', 'f.txt': 'f\n', 'b.txt': 'b\n' };

async function setup() {
  const f = await fixture(FILES);
  return { f, ctx: makeContext({ staging: f.area }) };
}

const refused: [string, string[], RegExp][] = [
  ['delete a folder', ['*** Delete File: dir'], /Cannot delete dir: it is a folder/],
  ['add over a folder', ['*** Add File: dir', '+x'], /Cannot add dir: it is a folder/],
  ['update a folder', ['*** Update File: dir', '@@', '-a', '+b'], /Cannot update dir: it is a folder/],
  ['add under a file', ['*** Add File: f.txt/x.txt', '+x'], /Cannot add f\.txt\/x\.txt: f\.txt is a file/],
  ['add over a folder the patch creates', ['*** Add File: sub/x.txt', '+x', '*** Add File: sub', '+y'], /Cannot add sub: it is a folder/],
  ['add under a file the patch creates', ['*** Add File: g.txt', '+g', '*** Add File: g.txt/x.txt', '+x'], /Cannot add g\.txt\/x\.txt: g\.txt is a file/],
  ['move onto a folder', ['*** Update File: b.txt', '*** Move to: dir'], /Cannot move b\.txt to dir: dir is a folder/],
  ['move under a file', ['*** Update File: b.txt', '*** Move to: f.txt/b.txt'], /Cannot move b\.txt to f\.txt\/b\.txt: f\.txt is a file/],
];

for (const [name, ops, why] of refused) {
  test(`refused before staging anything: ${name}`, async () => {
    const { f, ctx } = await setup();
    await assert.rejects(
      applyPatchTool.run({ patch: wrap('*** Add File: a.txt', '+a', ...ops) }, ctx),
      (e: unknown) => e instanceof ToolError && why.test(e.message) && /Nothing was changed/.test(e.message),
    );
    assert.deepEqual(await f.area.stagedPaths(), [], 'a.txt must not be left staged');
    assert.equal((ctx.log.completed[0] as FileChangeItem).status, 'failed');
  });
}

test('a path freed by the same patch can be reused: delete a file, then create a folder in its place', async () => {
  const { f, ctx } = await setup();
  const r = await applyPatchTool.run(
    { patch: wrap('*** Delete File: f.txt', '*** Add File: f.txt/x.txt', '+x', '*** Update File: b.txt', '*** Move to: f.txt/b.txt') },
    ctx,
  );
  assert.equal(r.success, true, r.output);
  assert.deepEqual(await f.area.stagedPaths(), [
    { path: 'b.txt', deleted: true },
    { path: 'f.txt', deleted: true },
    { path: 'f.txt/b.txt', deleted: false },
    { path: 'f.txt/x.txt', deleted: false },
  ]);
});
