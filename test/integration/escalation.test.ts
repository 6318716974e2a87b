// Escalations end to end through the REAL CLI on a pseudo-terminal (util-linux
// `script -qfec`, so stdin is a TTY and the CLI asks), against the fake model server. The
// model asks to reach a TCP listener on 127.0.0.1 that this test runs: inside the sandbox
// (its own network namespace) that connection is refused; with an approved `network`
// escalation it succeeds. The listener counts connections, so "denied" also means "never
// connected". Skipped where `script` or the sandbox is missing (the prompt module itself
// is covered with fake streams in escalationPrompt.test.ts).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import type { FakeModelServer } from '../fakes/fakeModelServer';
import { detectSandbox } from '../../src/core/index';
import { SCRIPT, fakeModelServers, makeRepo, ptyCli, runCli, modelFlags, tempDir } from './harness';

let skip: string | false = SCRIPT ? false : 'util-linux `script` is not installed (no pseudo-terminal)';

let listener: net.Server;
let port = 0;
let connections = 0;
const server = fakeModelServers();

before(async () => {
  if (!skip) {
    const sandbox = await detectSandbox();
    if (!sandbox.available) skip = `the sandbox is not available: ${sandbox.reason}`;
  }
  listener = net.createServer((c) => {
    connections++;
    c.end('PONG\n');
  });
  await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
  port = (listener.address() as net.AddressInfo).port;
});
after(() => {
  listener.close();
});

const connect = () => `head -n1 < /dev/tcp/127.0.0.1/${port}`;
const shell = (args: Record<string, unknown>) => ({ toolCalls: [{ name: 'shell', arguments: JSON.stringify(args) }] });
const escalated = () => shell({ command: connect(), escalation: 'network', justification: 'Reach the local test server' });
const lastOutput = (s: FakeModelServer, i: number) => (s.modelRequests()[i].input.at(-1) as { output?: string }).output ?? '';
const PROMPT = /\[n\] no: /;

test('allow once: refused inside the sandbox without escalation, connects with an approved network escalation', async (t) => {
  if (skip) return t.skip(skip);
  const s = await server();
  s.enqueue(shell({ command: connect() }), escalated(), { text: 'Reached the server.' });
  const before = connections;
  const cli = ptyCli(['exec', '--cwd', makeRepo({ 'a.txt': 'a\n' }), ...modelFlags(s.baseUrl, 'chat'), 'Reach the server'], { TANDEM_HOME: tempDir('tandem-esc-') });
  await cli.answer(PROMPT, 'y');
  const { code, output } = await cli.finish();
  assert.equal(code, 0, output);
  // the prompt showed the exact command, the escalation and the model's reason
  assert.match(output, new RegExp(`WITH NETWORK ACCESS:\\n {6}head -n1 < /dev/tcp/127\\.0\\.0\\.1/${port}\\n`));
  assert.match(output, /escalation: network\n\s+reason given: Reach the local test server/);
  // without escalation: sandboxed, no network
  const plain = lastOutput(s, 1);
  assert.doesNotMatch(plain, /Exit code: 0|PONG/);
  assert.match(plain, /Connection refused|Network is unreachable|connect/i);
  // with the approved escalation: connected
  const allowed = lastOutput(s, 2);
  assert.match(allowed, /Exit code: 0/);
  assert.match(allowed, /PONG/);
  assert.equal(connections - before, 1);
});

test('deny with a reason: nothing connects and the next request carries the reason', async (t) => {
  if (skip) return t.skip(skip);
  const s = await server();
  s.enqueue(escalated(), { text: 'Understood.' });
  const before = connections;
  const cli = ptyCli(['exec', '--cwd', makeRepo({ 'a.txt': 'a\n' }), ...modelFlags(s.baseUrl, 'chat'), 'Reach the server'], { TANDEM_HOME: tempDir('tandem-esc-') });
  await cli.answer(PROMPT, 'n');
  await cli.answer(/Reason for the agent[^\n]*: /, 'no network in this repo, use the fixtures');
  const { code, output } = await cli.finish();
  assert.equal(code, 0, output);
  const out = lastOutput(s, 1);
  assert.match(out, /The user declined to run this command\. Their reason: no network in this repo, use the fixtures/);
  assert.equal(connections - before, 0);
  assert.match(output, /✗ \$ head -n1 .*Declined by the user: no network in this repo/);
});

test('allow for the session: the same escalation runs again without asking', async (t) => {
  if (skip) return t.skip(skip);
  const s = await server();
  s.enqueue(escalated(), escalated(), { text: 'Twice.' });
  const before = connections;
  const cli = ptyCli(['exec', '--cwd', makeRepo({ 'a.txt': 'a\n' }), ...modelFlags(s.baseUrl, 'chat'), 'Reach the server twice'], { TANDEM_HOME: tempDir('tandem-esc-') });
  await cli.answer(PROMPT, 'a');
  const { code, output } = await cli.finish();
  assert.equal(code, 0, output);
  assert.equal(output.match(/WITH NETWORK ACCESS/g)?.length, 1, output);
  assert.match(lastOutput(s, 1), /PONG/);
  assert.match(lastOutput(s, 2), /PONG/);
  assert.equal(connections - before, 2);
});

test('Ctrl-C at the prompt interrupts the turn: nothing runs, exit 130', async (t) => {
  if (skip) return t.skip(skip);
  const s = await server();
  s.enqueue(escalated(), { text: 'never asked' });
  const before = connections;
  const cli = ptyCli(['exec', '--cwd', makeRepo({ 'a.txt': 'a\n' }), ...modelFlags(s.baseUrl, 'chat'), 'Reach the server'], { TANDEM_HOME: tempDir('tandem-esc-') });
  await cli.answer(PROMPT, '\x03');
  const { code, output } = await cli.finish();
  assert.equal(code, 130, output);
  assert.match(output, /interrupted; the session is saved/);
  assert.equal(connections - before, 0);
  assert.equal(s.modelRequests().length, 1);
});

test('no terminal: the escalation is refused without asking, the CLI says so once and the model is told why', async (t) => {
  if (skip) return t.skip(skip);
  const s = await server();
  s.enqueue(escalated(), { text: 'Could not reach it.' });
  const before = connections;
  const r = await runCli(['exec', '--cwd', makeRepo({ 'a.txt': 'a\n' }), ...modelFlags(s.baseUrl, 'responses'), 'Reach the server'], { TANDEM_HOME: tempDir('tandem-esc-') });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /✗ \$ head -n1 < \/dev\/tcp\/127\.0\.0\.1\/\d+: Needs approval; no one could be asked: the CLI runs without a terminal/);
  assert.equal(r.stderr.split('\n').filter((l) => l.includes('/dev/tcp/')).length, 1, 'shown once');
  assert.match(lastOutput(s, 1), /needs the user's approval, and none could be given: the CLI runs without a terminal[\s\S]*No one was asked/);
  assert.doesNotMatch(lastOutput(s, 1), /declined/);
  assert.equal(connections - before, 0);
});
