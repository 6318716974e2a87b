import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shellTool, quoteArgv, SHELL_MAX_TIMEOUT_MS } from '../../../../src/core/tools/shell';
import { ToolError } from '../../../../src/core/tools/types';
import { PathOutsideWorkspaceError } from '../../../../src/core/workspace/types';
import type { CommandExecutionItem, FileChangeItem } from '../../../../src/core/types/items';
import type { CommandAssessment } from '../../../../src/core/policy/guard';
import { createNodeShell } from '../../../../src/core/shell/nodeShell';
import { createNodeWorkspace } from '../../../../src/core/workspace/nodeWorkspace';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeApprovals, fakeGuard, fakeShell, makeContext, memoryContext } from './helpers';

const guardSaying = (a: CommandAssessment) => fakeGuard({ command: () => a });

test('allowed commands run in the sandbox and stream into a command_execution item', async () => {
  const shell = fakeShell(true, {}, ['hello ', 'world\n']);
  const plain = fakeShell(false);
  const { ctx } = memoryContext({ 'src/a.ts': 'x' }, { shell, plainShell: plain });
  const r = await shellTool.run({ command: 'echo hello world', workdir: 'src' }, ctx);
  assert.equal(r.success, true);
  assert.equal(r.output, 'Exit code: 0\nDuration: 1.2 s\nOutput:\nhello world\n');
  assert.equal(plain.requests.length, 0);
  assert.equal(shell.requests[0].command, 'echo hello world');
  assert.equal(shell.requests[0].cwd, `${ctx.view.root}/src`);
  assert.equal(shell.requests[0].timeoutMs, 120_000);
  const started = ctx.log.started[0] as CommandExecutionItem;
  assert.equal(started.status, 'in_progress');
  assert.equal(started.sandbox, 'sandboxed');
  assert.deepEqual(ctx.log.updates.map((u) => u.delta), [
    { kind: 'output', text: 'hello ', stream: 'stdout' },
    { kind: 'output', text: 'world\n', stream: 'stdout' },
  ]);
  assert.ok(ctx.log.updates.every((u) => u.id === started.id));
  const done = ctx.log.completed[0] as CommandExecutionItem;
  assert.deepEqual({ status: done.status, exitCode: done.exitCode, output: done.output, durationMs: done.durationMs }, { status: 'completed', exitCode: 0, output: 'hello world\n', durationMs: 1234 });
});

test('argv commands are passed as argv and shown quoted', async () => {
  const shell = fakeShell(true);
  const guard = fakeGuard();
  const { ctx } = memoryContext({}, { shell, guard });
  await shellTool.run({ command: ['grep', '-rn', "it's here", '.'] }, ctx);
  assert.deepEqual(shell.requests[0].argv, ['grep', '-rn', "it's here", '.']);
  assert.equal(shell.requests[0].command, undefined);
  assert.equal(guard.commands[0].command, `grep -rn 'it'\\''s here' .`);
  assert.equal((ctx.log.completed[0] as CommandExecutionItem).command, `grep -rn 'it'\\''s here' .`);
  assert.equal(quoteArgv(['a b', 'c']), `'a b' c`);
});

test('policy deny: nothing runs, a declined item and a tool error with the reason', async () => {
  const shell = fakeShell(true);
  const { ctx } = memoryContext({}, { shell, guard: guardSaying({ action: 'deny', why: 'read-only session', sandboxed: true }) });
  await assert.rejects(shellTool.run({ command: 'rm -rf build' }, ctx), (e: unknown) => e instanceof ToolError && e.message === 'Not run: read-only session');
  assert.equal(shell.requests.length, 0);
  const item = ctx.log.completed[0] as CommandExecutionItem;
  assert.equal(item.status, 'declined');
  assert.equal(item.sandbox, undefined, 'a command that never ran has no sandbox badge');
});

test('ask + user deny: declined item, the user reason goes to the model, nothing runs', async () => {
  const shell = fakeShell(true);
  const approvals = fakeApprovals({ decision: 'deny', reason: 'do not touch the network' });
  const guard = guardSaying({ action: 'ask', why: 'needs network', sandboxed: true });
  const { ctx } = memoryContext({}, { shell, approvals, guard });
  const r = await shellTool.run({ command: 'npm install', justification: 'install deps', escalation: 'network' }, ctx);
  assert.equal(r.success, false);
  assert.match(r.output, /declined to run this command\. Their reason: do not touch the network/);
  assert.equal(shell.requests.length, 0);
  assert.deepEqual(approvals.requests, [
    { type: 'command', command: 'npm install', cwd: ctx.view.root, why: 'needs network', justification: 'install deps', escalation: 'network' },
  ]);
  assert.equal((ctx.log.completed[0] as CommandExecutionItem).status, 'declined');
});

test('ask + allow_session runs, remembers the command and grants network for a network escalation', async () => {
  const shell = fakeShell(true);
  const guard = guardSaying({ action: 'ask', why: 'needs network', sandboxed: true });
  const { ctx } = memoryContext({}, { shell, guard, approvals: fakeApprovals({ decision: 'allow_session' }) });
  const r = await shellTool.run({ command: 'npm install', escalation: 'network' }, ctx);
  assert.equal(r.success, true);
  assert.equal(shell.requests[0].network, true);
  assert.equal((ctx.log.completed[0] as CommandExecutionItem).network, true, 'the card says it had network');
  assert.deepEqual(guard.remembered, ['command:network:npm install']);
});

test('an unsandboxed assessment runs in the plain shell', async () => {
  const shell = fakeShell(true);
  const plain = fakeShell(false);
  const guard = guardSaying({ action: 'ask', why: 'runs outside the sandbox', sandboxed: false });
  const { ctx } = memoryContext({}, { shell, plainShell: plain, guard, approvals: fakeApprovals({ decision: 'allow_once' }) });
  await shellTool.run({ command: 'docker ps', escalation: 'unsandboxed' }, ctx);
  assert.equal(shell.requests.length, 0);
  assert.equal(plain.requests.length, 1);
  assert.equal(plain.requests[0].network, undefined);
  assert.equal((ctx.log.started[0] as CommandExecutionItem).sandbox, 'unsandboxed');
});

test('long output is capped to head and tail for the model; the item keeps all of it', async () => {
  const big = 'H'.repeat(5000) + 'M'.repeat(20_000) + 'T'.repeat(7000);
  const shell = fakeShell(true, {}, [big]);
  const { ctx } = memoryContext({}, { shell });
  const r = await shellTool.run({ command: 'cat big' }, ctx);
  const body = r.output.split('Output:\n')[1];
  assert.match(body, /^H{4096}\n\[… 21760 bytes omitted …\]\nT{6144}$/);
  assert.equal((ctx.log.completed[0] as CommandExecutionItem).output, big);
});

test('timeouts, signals and non-zero exits are reported', async () => {
  const timedOut = memoryContext({}, { shell: fakeShell(true, { exitCode: null, signal: 'SIGKILL', timedOut: true }) });
  const r1 = await shellTool.run({ command: 'sleep 999', timeout_ms: 5000 }, timedOut.ctx);
  assert.equal(r1.success, false);
  assert.match(r1.output, /^Timed out after 5000 ms; the command was killed\./);
  assert.equal((timedOut.ctx.log.completed[0] as CommandExecutionItem).signal, 'SIGKILL');

  const failed = memoryContext({}, { shell: fakeShell(true, { exitCode: 2 }, ['boom\n']) });
  const r2 = await shellTool.run({ command: 'false' }, failed.ctx);
  assert.equal(r2.success, false);
  assert.match(r2.output, /^Exit code: 2\nDuration: 1\.2 s\nOutput:\nboom/);
  assert.equal((failed.ctx.log.completed[0] as CommandExecutionItem).status, 'failed');

  const aborted = memoryContext({}, { shell: fakeShell(true, { exitCode: null, aborted: true }) });
  assert.match((await shellTool.run({ command: 'x' }, aborted.ctx)).output, /^Interrupted/);
});

test('timeout_ms is clamped to the maximum', async () => {
  const shell = fakeShell(true);
  const { ctx } = memoryContext({}, { shell });
  await shellTool.run({ command: 'x', timeout_ms: 10_000_000 }, ctx);
  assert.equal(shell.requests[0].timeoutMs, SHELL_MAX_TIMEOUT_MS);
});

test('files a sandboxed command wrote are reported as a file_change item with counts', async () => {
  const { ctx, staging } = memoryContext({ 'a.txt': '1\n2\n' });
  await staging.writeFile('a.txt', new TextEncoder().encode('1\n3\n4\n'));
  await staging.writeFile('gen/out.txt', new TextEncoder().encode('x\n'));
  const shell = fakeShell(true, { stagedPaths: ['a.txt', 'gen/out.txt'] });
  const r = await shellTool.run({ command: 'make' }, { ...ctx, shell });
  assert.match(r.output, /Files written \(staged for the user's review\): a\.txt \(modify, \+2 -1\), gen\/out\.txt \(add, \+1 -0\)/);
  const fc = ctx.log.completed.find((i) => i.type === 'file_change') as FileChangeItem;
  assert.deepEqual(fc.changes, [
    { path: 'a.txt', kind: 'modify', added: 2, removed: 1 },
    { path: 'gen/out.txt', kind: 'add', added: 1, removed: 0 },
  ]);
  assert.equal(fc.status, 'completed');
});

test('workdir must be a directory inside the workspace', async () => {
  const { ctx } = memoryContext({ 'f.txt': 'x' });
  await assert.rejects(shellTool.run({ command: 'ls', workdir: '../..' }, ctx), PathOutsideWorkspaceError);
  await assert.rejects(shellTool.run({ command: 'ls', workdir: 'f.txt' }, ctx), /workdir f\.txt is not a directory/);
});

test('a shell that fails to start fails the item and the call', async () => {
  const shell = { sandboxed: true, async run(): Promise<never> { throw new Error('spawn bwrap ENOENT'); } };
  const { ctx } = memoryContext({}, { shell });
  await assert.rejects(shellTool.run({ command: 'ls' }, ctx), /could not be started: spawn bwrap ENOENT/);
  assert.equal((ctx.log.completed[0] as CommandExecutionItem).status, 'failed');
});

test('with the real plain shell (full access): output streams, exit code and cwd are real', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tandem-shell-'));
  try {
    await mkdir(join(dir, 'sub'));
    const view = await createNodeWorkspace(dir);
    const ctx = makeContext({ view, plainShell: createNodeShell(), guard: guardSaying({ action: 'allow', why: 'full access', sandboxed: false }) });
    const r = await shellTool.run({ command: 'pwd; echo err >&2; exit 3', workdir: 'sub' }, ctx);
    assert.equal(r.success, false);
    assert.match(r.output, /^Exit code: 3\n/);
    assert.match(r.output, new RegExp(`${join(view.root, 'sub')}\\n`));
    assert.match(r.output, /err/);
    assert.ok(ctx.log.updates.some((u) => u.delta.kind === 'output' && u.delta.stream === 'stderr'));
    assert.equal((ctx.log.completed[0] as CommandExecutionItem).exitCode, 3);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('capping never splits a multi-byte character', async () => {
  const { capHeadTail } = await import('../../../../src/core/tools/common');
  const text = 'é'.repeat(8000);
  const capped = capHeadTail(text, 4097, 6145);
  assert.doesNotMatch(capped, /\uFFFD/);
  const [head, tail] = capped.split(/\n\[… \d+ bytes omitted …\]\n/);
  assert.equal(head, 'é'.repeat(2048));
  assert.equal(tail, 'é'.repeat(3072));
  assert.equal(capHeadTail('short', 4, 4), 'short');
});

test('ask + no one to ask: the model hears it needed approval nobody could give, not that the user declined', async () => {
  const shell = fakeShell(true);
  const approvals = fakeApprovals({ decision: 'cannot_ask', reason: 'the CLI runs without a terminal' });
  const guard = guardSaying({ action: 'ask', why: 'needs network', sandboxed: true });
  const { ctx } = memoryContext({}, { shell, approvals, guard });
  const r = await shellTool.run({ command: 'npm install', escalation: 'network' }, ctx);
  assert.equal(r.success, false);
  assert.doesNotMatch(r.output, /declined/i);
  assert.match(r.output, /needs the user's approval, and none could be given: the CLI runs without a terminal\. No one was asked\./);
  assert.equal(shell.requests.length, 0);
  const item = ctx.log.completed[0] as CommandExecutionItem;
  assert.equal(item.status, 'declined');
  assert.match(item.output, /^Needs approval; no one could be asked: the CLI runs without a terminal/);
  // a command that never ran starts in its final state (a front end shows it once)
  assert.deepEqual(ctx.log.started, [item]);
});
