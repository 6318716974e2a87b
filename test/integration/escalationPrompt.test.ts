// The CLI's approval prompt (src/cli/approvals.ts) driven directly with fake
// stdin/stderr streams: what an escalation shows, and every answer. The same module on a
// real pseudo-terminal, end to end, is in escalation.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { createTerminalApprovals, NO_TERMINAL_REASON } from '../../src/cli/approvals';
import type { ApprovalDecision, ApprovalRequest } from '../../src/core/index';

const NETWORK: ApprovalRequest = {
  type: 'command',
  command: 'curl -s https://registry.npmjs.org/left-pad',
  cwd: '/work/repo',
  why: 'The model asks to run this with network access.',
  justification: 'Check the latest published version',
  escalation: 'network',
};

function fakeTerminal() {
  const input = new PassThrough();
  const output = new PassThrough();
  let shown = '';
  output.on('data', (b: Buffer) => (shown += b.toString('utf8')));
  const approvals = createTerminalApprovals({ interactive: true, input, output });
  /** Waits until the output matches, then types one line. */
  const answer = async (when: RegExp, line: string) => {
    while (!when.test(shown)) await new Promise((r) => setImmediate(r));
    shown = shown.replace(when, '');
    input.write(`${line}\n`);
  };
  return { input, approvals, answer, shown: () => shown };
}

test('an escalation shows the exact command, the escalation and the reason; y allows once', async () => {
  const t = fakeTerminal();
  let all = '';
  const decision = t.approvals.request(NETWORK, new AbortController().signal);
  await t.answer(/\[n\] no: /, 'y').then(() => (all = t.shown()));
  assert.deepEqual(await decision, { decision: 'allow_once' });
  assert.match(all, /WITH NETWORK ACCESS/);
  assert.match(all, /\n {6}curl -s https:\/\/registry\.npmjs\.org\/left-pad\n/);
  assert.match(all, /escalation: network/);
  assert.match(all, /reason given: Check the latest published version/);
  assert.match(all, /in: \/work\/repo/);
});

test('a = for this session; unsandboxed says so; an unknown answer asks again', async () => {
  const t = fakeTerminal();
  const decision = t.approvals.request({ ...NETWORK, escalation: 'unsandboxed', command: 'make install' }, new AbortController().signal);
  await t.answer(/\[n\] no: /, 'maybe');
  assert.match(t.shown(), /OUTSIDE THE SANDBOX[^\n]*\n {6}make install\n[\s\S]*escalation: unsandboxed/);
  await t.answer(/Please answer y, a or n\.\n.*\[n\] no: /s, 'a');
  assert.deepEqual(await decision, { decision: 'allow_session' });
});

test('n asks for a reason that goes back to the agent; an empty reason is none', async () => {
  const t = fakeTerminal();
  const first = t.approvals.request(NETWORK, new AbortController().signal);
  await t.answer(/\[n\] no: /, 'n');
  await t.answer(/Reason for the agent/, 'use the vendored copy instead');
  assert.deepEqual(await first, { decision: 'deny', reason: 'use the vendored copy instead' });
  const second = t.approvals.request(NETWORK, new AbortController().signal);
  await t.answer(/\[n\] no: /, 'no');
  await t.answer(/Reason for the agent/, '');
  assert.deepEqual(await second, { decision: 'deny' });
});

test('questions asked in parallel are asked one at a time, in order', async () => {
  const t = fakeTerminal();
  const signal = new AbortController().signal;
  const a = t.approvals.request({ ...NETWORK, command: 'first-cmd' }, signal);
  const b = t.approvals.request({ ...NETWORK, command: 'second-cmd' }, signal);
  await t.answer(/first-cmd[\s\S]*\[n\] no: /, 'y');
  assert.doesNotMatch(t.shown(), /second-cmd/);
  await t.answer(/second-cmd[\s\S]*\[n\] no: /, 'n');
  await t.answer(/Reason for the agent/, 'no');
  assert.deepEqual(await a, { decision: 'allow_once' });
  assert.deepEqual(await b, { decision: 'deny', reason: 'no' });
});

test('control characters in the command are shown, not interpreted', async () => {
  const t = fakeTerminal();
  const decision = t.approvals.request({ ...NETWORK, command: 'echo hi\x1b[2K\rrm -rf ~' }, new AbortController().signal);
  await t.answer(/\[n\] no: /, 'n');
  assert.match(t.shown(), /echo hi\\x1b\[2K\\rrm -rf ~/);
  await t.answer(/Reason for the agent/, '');
  assert.equal((await decision).decision, 'deny');
});

test('end of input and an aborted turn deny', async () => {
  const t = fakeTerminal();
  const eof = t.approvals.request(NETWORK, new AbortController().signal);
  while (!/\[n\] no: /.test(t.shown())) await new Promise((r) => setImmediate(r));
  t.input.end();
  assert.deepEqual(await eof, { decision: 'deny', reason: 'no answer (the input ended)' });

  const u = fakeTerminal();
  const ac = new AbortController();
  const aborted = u.approvals.request(NETWORK, ac.signal);
  while (!/\[n\] no: /.test(u.shown())) await new Promise((r) => setImmediate(r));
  ac.abort();
  assert.deepEqual(await aborted, { decision: 'deny', reason: 'the turn was interrupted' });
});

test('with no terminal: nobody is asked, and the answer says so (fail closed, not a user refusal)', async () => {
  const output = new PassThrough();
  let shown = '';
  output.on('data', (b: Buffer) => (shown += b.toString('utf8')));
  const approvals = createTerminalApprovals({ interactive: false, input: new PassThrough(), output });
  const d: ApprovalDecision = await approvals.request(NETWORK, new AbortController().signal);
  assert.deepEqual(d, { decision: 'cannot_ask', reason: NO_TERMINAL_REASON });
  assert.equal(shown, '', 'no prompt; the progress output shows the refused item once');
});
