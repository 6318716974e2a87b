import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileTool, READ_MAX_LINES } from '../../../../src/core/tools/readFile';
import { ToolError } from '../../../../src/core/tools/types';
import { PathOutsideWorkspaceError } from '../../../../src/core/workspace/types';
import { assess, fakeApprovals, fakeGuard, memoryContext } from './helpers';

const lines = (n: number, f = (i: number) => `line ${i}`) => Array.from({ length: n }, (_, i) => f(i + 1)).join('\n') + '\n';

test('reads a whole file with line numbers', async () => {
  const { ctx } = memoryContext({ 'a.txt': 'alpha\nbeta\n' });
  const r = await readFileTool.run({ path: 'a.txt' }, ctx);
  assert.equal(r.output, 'a.txt: lines 1-2 of 2\n1\talpha\n2\tbeta');
});

test('start_line/end_line and offset/limit select a range', async () => {
  const { ctx } = memoryContext({ 'a.txt': lines(20) });
  const r = await readFileTool.run({ path: 'a.txt', start_line: 9, end_line: 11 }, ctx);
  assert.equal(r.output, 'a.txt: lines 9-11 of 20\n 9\tline 9\n10\tline 10\n11\tline 11');
  const r2 = await readFileTool.run({ path: './a.txt', offset: 19, limit: 5 }, ctx);
  assert.equal(r2.output, 'a.txt: lines 19-20 of 20\n19\tline 19\n20\tline 20');
});

test('a start past the end and an end before the start are errors', async () => {
  const { ctx } = memoryContext({ 'a.txt': lines(3) });
  await assert.rejects(readFileTool.run({ path: 'a.txt', start_line: 4 }, ctx), /past the end of a\.txt, which has 3 lines/);
  await assert.rejects(readFileTool.run({ path: 'a.txt', start_line: 3, end_line: 2 }, ctx), /before start_line/);
});

test('CRLF lines are shown without carriage returns; empty files say so', async () => {
  const { ctx } = memoryContext({ 'w.txt': 'a\r\nb\r\n', 'e.txt': '' });
  assert.equal((await readFileTool.run({ path: 'w.txt' }, ctx)).output, 'w.txt: lines 1-2 of 2\n1\ta\n2\tb');
  assert.match((await readFileTool.run({ path: 'e.txt' }, ctx)).output, /is empty/);
});

test('binary files are refused', async () => {
  const { ctx } = memoryContext({ 'img.png': new Uint8Array([0x89, 0x50, 0x00, 0x01]) });
  await assert.rejects(readFileTool.run({ path: 'img.png' }, ctx), (e: unknown) => e instanceof ToolError && /binary file \(it contains NUL bytes\)/.test(e.message));
});

test('non-UTF-8 files are refused', async () => {
  const { ctx } = memoryContext({ 'latin1.txt': new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a]) });
  await assert.rejects(readFileTool.run({ path: 'latin1.txt' }, ctx), /not valid UTF-8/);
});

test('output is capped at the line limit and says how to continue', async () => {
  const { ctx } = memoryContext({ 'big.txt': lines(READ_MAX_LINES + 500) });
  const r = await readFileTool.run({ path: 'big.txt' }, ctx);
  assert.match(r.output, new RegExp(`^big.txt: lines 1-${READ_MAX_LINES} of ${READ_MAX_LINES + 500}`));
  assert.match(r.output, new RegExp(`start_line=${READ_MAX_LINES + 1} to continue`));
  assert.equal(r.output.split('\n').filter((l) => /^\s*\d+\t/.test(l)).length, READ_MAX_LINES);
});

test('output is capped by bytes before the line limit for long lines', async () => {
  const { ctx } = memoryContext({ 'wide.txt': lines(600, () => 'x'.repeat(1000)) });
  const r = await readFileTool.run({ path: 'wide.txt' }, ctx);
  const shown = r.output.split('\n').filter((l) => /^\s*\d+\t/.test(l)).length;
  assert.ok(shown < 600 && shown > 200, `shown ${shown}`);
  assert.match(r.output, new RegExp(`start_line=${shown + 1} to continue`));
});

test('reads see staged edits', async () => {
  const { ctx, staging } = memoryContext({ 'a.txt': 'old\n' });
  await staging.writeFile('a.txt', new TextEncoder().encode('new\n'));
  assert.match((await readFileTool.run({ path: 'a.txt' }, ctx)).output, /1\tnew/);
  await staging.deleteFile('a.txt');
  await assert.rejects(readFileTool.run({ path: 'a.txt' }, ctx), /File not found: a\.txt/);
});

test('directories and missing files are clear errors; escapes are refused', async () => {
  const { ctx } = memoryContext({ 'src/a.ts': 'x\n' });
  await assert.rejects(readFileTool.run({ path: 'src' }, ctx), /src is a directory: use list_dir/);
  await assert.rejects(readFileTool.run({ path: 'nope.ts' }, ctx), /File not found: nope\.ts/);
  await assert.rejects(readFileTool.run({ path: '../etc/passwd' }, ctx), PathOutsideWorkspaceError);
  await assert.rejects(readFileTool.run({ path: '/etc/passwd' }, ctx), PathOutsideWorkspaceError);
});

test('absolute paths inside the workspace are accepted', async () => {
  const { ctx } = memoryContext({ 'src/a.ts': 'x\n' });
  assert.match((await readFileTool.run({ path: `${ctx.view.root}/src/a.ts` }, ctx)).output, /^src\/a\.ts: lines 1-1/);
});

test('guard deny refuses; ask asks and honours deny and allow_session', async () => {
  const denied = memoryContext({ '.env': 'SECRET=1\n' }, { guard: fakeGuard({ read: () => assess('deny', 'outside the rules') }) });
  await assert.rejects(readFileTool.run({ path: '.env' }, denied.ctx), /Reading \.env is not allowed: outside the rules/);

  const approvals = fakeApprovals({ decision: 'deny', reason: 'private' }, { decision: 'allow_session' });
  const guard = fakeGuard({ read: () => assess('ask', 'may hold secrets') });
  const { ctx } = memoryContext({ '.env': 'SECRET=1\n' }, { guard, approvals });
  await assert.rejects(readFileTool.run({ path: '.env' }, ctx), /declined reading \.env: private/);
  assert.match((await readFileTool.run({ path: '.env' }, ctx)).output, /SECRET=1/);
  assert.deepEqual(approvals.requests, [
    { type: 'read', path: '.env', why: 'may hold secrets' },
    { type: 'read', path: '.env', why: 'may hold secrets' },
  ]);
  assert.deepEqual(guard.remembered, ['read:.env']);
});

test('ask with no one to ask: the read needed approval that could not be given; nobody declined', async () => {
  const approvals = fakeApprovals({ decision: 'cannot_ask', reason: 'no terminal' });
  const { ctx } = memoryContext({ '.env': 'SECRET=1\n' }, { guard: fakeGuard({ read: () => assess('ask', 'may hold secrets') }), approvals });
  await assert.rejects(readFileTool.run({ path: '.env' }, ctx), (e: Error) => {
    assert.doesNotMatch(e.message, /declined/);
    assert.match(e.message, /^Reading \.env needs the user's approval, and none could be given: no terminal\. No one was asked\./);
    return true;
  });
});
