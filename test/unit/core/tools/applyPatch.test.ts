import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyPatchTool } from '../../../../src/core/tools/applyPatch';
import { ToolError } from '../../../../src/core/tools/types';
import { PathOutsideWorkspaceError } from '../../../../src/core/workspace/types';
import type { FileChangeItem } from '../../../../src/core/types/items';
import { assess, fakeApprovals, fakeGuard, memoryContext } from './helpers';

const wrap = (...body: string[]) => `*** Begin Patch\n${body.join('\n')}\n*** End Patch`;

test('stages adds, updates, deletes and reports a file_change item with counts', async () => {
  const { ctx, staging } = memoryContext({ 'a.ts': 'one\ntwo\nthree\n', 'old.txt': 'x\ny\n' });
  const r = await applyPatchTool.run(
    { patch: wrap('*** Add File: src/new.ts', '+hello', '+world', '*** Update File: a.ts', '@@', ' one', '-two', '+2', '+2b', '*** Delete File: old.txt') },
    ctx,
  );
  assert.equal(r.success, true);
  assert.equal(staging.stagedText('src/new.ts'), 'hello\nworld\n');
  assert.equal(staging.stagedText('a.ts'), 'one\n2\n2b\nthree\n');
  assert.equal(staging.stagedText('old.txt'), null);
  assert.match(r.output, /A src\/new\.ts \(\+2\)\nM a\.ts \(\+2 -1\)\nD old\.txt \(-2\)/);
  const done = ctx.log.completed[0] as FileChangeItem;
  assert.equal(done.type, 'file_change');
  assert.equal(done.status, 'completed');
  assert.deepEqual(done.changes, [
    { path: 'src/new.ts', kind: 'add', added: 2, removed: 0 },
    { path: 'a.ts', kind: 'modify', added: 2, removed: 1 },
    { path: 'old.txt', kind: 'delete', added: 0, removed: 2 },
  ]);
  assert.equal(ctx.log.started[0].id, done.id);
});

test('a three-file patch whose third file fails stages nothing and reports a failed item', async () => {
  const { ctx, staging } = memoryContext({ 'b.txt': 'b\n', 'c.txt': 'c\n' });
  await assert.rejects(
    applyPatchTool.run({ patch: wrap('*** Add File: a.txt', '+a', '*** Update File: b.txt', '@@', '-b', '+B', '*** Update File: c.txt', '@@', '-zzz', '+Z') }, ctx),
    (e: unknown) => e instanceof ToolError && /Could not find the lines of hunk 1 of c\.txt/.test(e.message) && /Nothing was changed/.test(e.message),
  );
  assert.deepEqual(await staging.stagedPaths(), []);
  const item = ctx.log.completed[0] as FileChangeItem;
  assert.equal(item.status, 'failed');
  assert.match(item.error ?? '', /c\.txt/);
});

test('parse errors explain the format', async () => {
  const { ctx } = memoryContext({});
  await assert.rejects(applyPatchTool.run({ patch: '*** Begin Patch\n*** Add File: a\n+x' }, ctx), /End Patch.*\n.*Nothing was changed\. Format:/s);
});

test('patches apply on top of staged content', async () => {
  const { ctx, staging } = memoryContext({ 'a.txt': 'v1\n' });
  await applyPatchTool.run({ patch: wrap('*** Update File: a.txt', '@@', '-v1', '+v2') }, ctx);
  await applyPatchTool.run({ patch: wrap('*** Update File: a.txt', '@@', '-v2', '+v3') }, ctx);
  assert.equal(staging.stagedText('a.txt'), 'v3\n');
});

test('move + update stages a rename', async () => {
  const { ctx, staging } = memoryContext({ 'src/a.ts': 'x\ny\n' });
  const r = await applyPatchTool.run({ patch: wrap('*** Update File: src/a.ts', '*** Move to: lib/b.ts', '@@', ' x', '-y', '+z') }, ctx);
  assert.match(r.output, /R src\/a\.ts -> lib\/b\.ts \(\+1 -1\)/);
  assert.equal(staging.stagedText('lib/b.ts'), 'x\nz\n');
  assert.equal(staging.stagedText('src/a.ts'), null);
  const changes = await staging.changes();
  assert.deepEqual(changes.map((c) => [c.path, c.kind, c.from]), [['lib/b.ts', 'rename', 'src/a.ts']]);
});

test('CRLF files stay CRLF through the tool', async () => {
  const { ctx, staging } = memoryContext({ 'w.txt': 'a\r\nb\r\n' });
  await applyPatchTool.run({ patch: wrap('*** Update File: w.txt', '@@', ' a', '-b', '+c') }, ctx);
  assert.equal(staging.stagedText('w.txt'), 'a\r\nc\r\n');
});

test('binary and non-UTF-8 files cannot be updated', async () => {
  const { ctx } = memoryContext({ 'bin': new Uint8Array([1, 0, 2]), 'latin': new Uint8Array([0xe9, 0x0a]) });
  await assert.rejects(applyPatchTool.run({ patch: wrap('*** Update File: bin', '@@', '-a', '+b') }, ctx), /Cannot update bin: it is a binary file/);
  await assert.rejects(applyPatchTool.run({ patch: wrap('*** Update File: latin', '@@', '-a', '+b') }, ctx), /not valid UTF-8/);
});

test('a denied path refuses the whole patch', async () => {
  const guard = fakeGuard({ write: (p) => (p === '.git/hooks/pre-commit' ? assess('deny', 'git hooks are off limits') : assess('allow')) });
  const { ctx, staging } = memoryContext({}, { guard });
  await assert.rejects(
    applyPatchTool.run({ patch: wrap('*** Add File: ok.txt', '+x', '*** Add File: .git/hooks/pre-commit', '+evil') }, ctx),
    /Writing \.git\/hooks\/pre-commit is not allowed: git hooks are off limits/,
  );
  assert.deepEqual(await staging.stagedPaths(), []);
  assert.equal((ctx.log.completed[0] as FileChangeItem).status, 'declined');
});

test('ask: a declined write stages nothing; an approved one stages and remembers allow_session', async () => {
  const guard = fakeGuard({ write: () => assess('ask', 'outside the usual folders') });
  const approvals = fakeApprovals({ decision: 'deny', reason: 'not that file' }, { decision: 'allow_session' });
  const { ctx, staging } = memoryContext({}, { guard, approvals });
  await assert.rejects(applyPatchTool.run({ patch: wrap('*** Add File: x.txt', '+1') }, ctx), /declined writing x\.txt: not that file/);
  assert.deepEqual(await staging.stagedPaths(), []);
  await applyPatchTool.run({ patch: wrap('*** Add File: x.txt', '+1') }, ctx);
  assert.equal(staging.stagedText('x.txt'), '1\n');
  assert.deepEqual(approvals.requests, [
    { type: 'write', path: 'x.txt', why: 'outside the usual folders' },
    { type: 'write', path: 'x.txt', why: 'outside the usual folders' },
  ]);
  assert.deepEqual(guard.remembered, ['write:x.txt']);
});

test('protected paths are staged but flagged to the model', async () => {
  const guard = fakeGuard({ write: (p) => assess('allow', 'ok', p.startsWith('.vscode/') ? { protected: 'editor settings' } : {}) });
  const { ctx } = memoryContext({}, { guard });
  const r = await applyPatchTool.run({ patch: wrap('*** Add File: .vscode/settings.json', '+{}') }, ctx);
  assert.match(r.output, /Protected paths, flagged for the user's review: \.vscode\/settings\.json \(editor settings\)/);
});

test('paths are normalised; escapes and absolute paths outside the workspace are refused', async () => {
  const { ctx, staging } = memoryContext({});
  await applyPatchTool.run({ patch: wrap('*** Add File: ./src//n.ts', '+x') }, ctx);
  assert.equal(staging.stagedText('src/n.ts'), 'x\n');
  await assert.rejects(applyPatchTool.run({ patch: wrap('*** Add File: ../evil.ts', '+x') }, ctx), PathOutsideWorkspaceError);
  await assert.rejects(applyPatchTool.run({ patch: wrap('*** Add File: /tmp/evil.ts', '+x') }, ctx), PathOutsideWorkspaceError);
  await applyPatchTool.run({ patch: wrap(`*** Add File: ${ctx.view.root}/abs.ts`, '+y') }, ctx);
  assert.equal(staging.stagedText('abs.ts'), 'y\n');
});

test('a patch that changes nothing writes nothing', async () => {
  const { ctx, staging } = memoryContext({ 'a': 'x\n' });
  const r = await applyPatchTool.run({ patch: wrap('*** Update File: a', '@@', '-x', '+x') }, ctx);
  assert.match(r.output, /changes nothing/);
  assert.deepEqual(await staging.stagedPaths(), []);
});

test('ask with no one to ask: nothing staged, and the write is reported as needing approval, not declined', async () => {
  const guard = fakeGuard({ write: () => assess('ask', 'protected') });
  const { ctx, staging } = memoryContext({}, { guard, approvals: fakeApprovals({ decision: 'cannot_ask', reason: 'no terminal' }) });
  await assert.rejects(applyPatchTool.run({ patch: wrap('*** Add File: .vscode/settings.json', '+{}') }, ctx), (e: Error) => {
    assert.doesNotMatch(e.message, /declined/);
    assert.match(e.message, /^Writing \.vscode\/settings\.json needs the user's approval, and none could be given: no terminal\. No one was asked\./);
    return true;
  });
  assert.deepEqual(await staging.stagedPaths(), []);
  const item = ctx.log.completed[0] as FileChangeItem;
  assert.equal(item.status, 'declined');
  assert.deepEqual(ctx.log.started, [item], 'never staged: starts in its final state');
});
