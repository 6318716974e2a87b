// The MCP hub against real servers: server-everything over stdio, Streamable HTTP and
// SSE (fallback), server-filesystem, and the SDK-built odd server (crashes, changing
// tools). Approvals here are plain objects that answer as a user would.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createMcpHub, denyAll, type Approvals, type McpEvent, type McpHub } from '../../src/core/index';
import { tempDir } from './harness';
import { ODD_SERVER, childPids, everythingStdio, filesystemStdio, startEverythingHttp, stdioEntry } from './mcpHarness';

const signal = new AbortController().signal;
const hubs: McpHub[] = [];
after(async () => {
  for (const h of hubs) await h.dispose();
});

function hub(servers: Parameters<typeof createMcpHub>[0]['servers'], extra: Partial<Parameters<typeof createMcpHub>[0]> = {}): McpHub {
  const h = createMcpHub({ servers, workspaceRoot: tempDir('tandem-mcp-ws-'), trusted: true, ...extra });
  hubs.push(h);
  return h;
}

const text = (r: { content?: unknown[] }) => (r.content as { text?: string }[]).map((c) => c.text ?? '').join('\n');

test('stdio: server-everything starts, lists its tools, answers a call, and stops with its process', async () => {
  const h = hub([everythingStdio()]);
  const start = await h.startSession(denyAll, signal);
  assert.deepEqual(start.warnings, []);
  const names = start.tools.map((t) => t.tool.name);
  for (const n of ['echo', 'get-sum', 'get-tiny-image', 'get-structured-content']) assert.ok(names.includes(n), `${n} in ${names.join(', ')}`);
  const echo = start.tools.find((t) => t.tool.name === 'echo')!;
  assert.equal(echo.tool.annotations?.readOnlyHint, true);
  const [status] = h.status();
  assert.equal(status.state, 'ready');
  assert.equal(status.transport, 'stdio');
  assert.ok(status.pid && childPids().includes(status.pid));
  const result = await h.callTool('everything', 'echo', { message: 'hello there' }, { signal, timeoutMs: 30_000 });
  assert.equal(text(result), 'Echo: hello there');
  await h.dispose();
  assert.equal(h.status()[0].state, 'stopped');
  assert.ok(!childPids().includes(status.pid!), 'the server process has exited');
});

test('the stdio environment is stripped of Tandem secrets and carries the server own env', async () => {
  const entry = everythingStdio();
  entry.config = { ...entry.config, env: { MY_SERVER_SETTING: 'on' } };
  const h = hub([entry], { env: { PATH: process.env.PATH, HOME: '/nowhere', OPENAI_API_KEY: 'sk-secret', GITHUB_TOKEN: 'ghp_secret', LANG: 'C.UTF-8' } });
  await h.startSession(denyAll, signal);
  const env = JSON.parse(text(await h.callTool('everything', 'get-env', {}, { signal, timeoutMs: 30_000 })));
  assert.equal(env.MY_SERVER_SETTING, 'on');
  assert.equal(env.LANG, 'C.UTF-8');
  assert.equal(env.OPENAI_API_KEY, undefined);
  assert.equal(env.GITHUB_TOKEN, undefined);
});

for (const [mode, transport] of [
  ['streamableHttp', 'http'],
  ['sse', 'sse'],
] as const) {
  test(`server-everything in ${mode} mode is reached over ${transport === 'http' ? 'Streamable HTTP' : 'the SSE fallback'}`, async () => {
    const server = await startEverythingHttp(mode);
    try {
      // no "type" in the configuration: an older SSE server is found by the fallback
      const h = hub([{ name: 'web', config: { url: server.url }, source: 'user', origin: 'test' }]);
      const start = await h.startSession(denyAll, signal);
      assert.deepEqual(start.warnings, []);
      assert.equal(h.status()[0].transport, transport);
      assert.match(text(await h.callTool('web', 'get-sum', { a: 2, b: 40 }, { signal, timeoutMs: 30_000 })), /42/);
      await h.dispose();
    } finally {
      await server.close();
    }
  });
}

test('a call that outlives its timeout is cancelled and reported; the server stays usable', async () => {
  const h = hub([everythingStdio()]);
  await h.startSession(denyAll, signal);
  await assert.rejects(h.callTool('everything', 'trigger-long-running-operation', { duration: 60, steps: 60 }, { signal, timeoutMs: 1000 }), /did not answer within 1 s; the call was cancelled/);
  assert.equal(h.status()[0].state, 'ready');
  assert.equal(text(await h.callTool('everything', 'echo', { message: 'after' }, { signal, timeoutMs: 30_000 })), 'Echo: after');
  await h.setEnabled('everything', false);
  assert.equal(h.status()[0].state, 'disabled');
  await assert.rejects(h.restart('everything'), /is disabled; enable it first/);
  await assert.rejects(h.callTool('everything', 'echo', { message: 'x' }, { signal, timeoutMs: 30_000 }), /not running \(disabled\)/);
  await h.setEnabled('everything', true);
  const again = await h.startSession(denyAll, signal);
  assert.ok(again.tools.length > 0, 'enabled again: the next session starts it');
});

test('server-filesystem lists a folder it was given', async () => {
  const dir = tempDir('tandem-mcp-fs-');
  writeFileSync(path.join(dir, 'notes.txt'), 'hi');
  mkdirSync(path.join(dir, 'sub'));
  const h = hub([filesystemStdio(dir)]);
  const start = await h.startSession(denyAll, signal);
  assert.ok(start.tools.some((t) => t.tool.name === 'list_directory'));
  const listing = text(await h.callTool('fs', 'list_directory', { path: dir }, { signal, timeoutMs: 30_000 }));
  assert.match(listing, /\[FILE\] notes\.txt/);
  assert.match(listing, /\[DIR\] sub/);
});

test('start-up failures are reported with their reason, and nothing is left running', async () => {
  const before = childPids();
  const h = hub(
    [
      stdioEntry('missing', []),
      { name: 'nope', config: { command: '/nonexistent/program' }, source: 'user', origin: 'test' },
      stdioEntry('silent', ['-e', 'process.stderr.write("warming up\\n"); setInterval(() => {}, 1000)']),
      everythingStdio('fine'),
    ],
    { startupTimeoutMs: 8000 },
  );
  const start = await h.startSession(denyAll, signal);
  const byName = Object.fromEntries(h.status().map((s) => [s.name, s]));
  assert.equal(byName.fine.state, 'ready');
  assert.equal(byName.nope.state, 'failed');
  assert.match(byName.nope.error!, /ENOENT|not found|spawn/i);
  assert.equal(byName.silent.state, 'failed');
  assert.match(byName.silent.error!, /did not start within 8 s/);
  assert.match(byName.silent.stderrTail!, /warming up/);
  assert.equal(byName.missing.state, 'failed', 'node without a script reads stdin and never answers, or exits');
  assert.equal(start.warnings.length, 3);
  assert.match(start.warnings.join('\n'), /"silent" could not start: it did not start within 8 s\. Its last output: warming up/);
  assert.ok(start.tools.every((t) => t.server === 'fine'));
  await h.dispose();
  assert.deepEqual(childPids().filter((p) => !before.includes(p)), []);
});

test('a server that crashes mid-call fails that call, is restarted once, then left failed', async () => {
  const h = hub([stdioEntry('odd', [ODD_SERVER])]);
  const events: McpEvent[] = [];
  h.onEvent((e) => events.push(e));
  await h.startSession(denyAll, signal);
  const firstPid = h.status()[0].pid;
  await assert.rejects(h.callTool('odd', 'crash', {}, { signal, timeoutMs: 30_000 }), /stopped during the call/);
  // the restart happens in the background; the next call waits for it
  const after1 = await h.callTool('odd', 'tag_count', { tags: ['a', 'b'] }, { signal, timeoutMs: 30_000 });
  assert.equal(text(after1), '2 tags');
  const restarted = h.status()[0];
  assert.equal(restarted.state, 'ready');
  assert.equal(restarted.restarts, 1);
  assert.notEqual(restarted.pid, firstPid);
  assert.ok(events.some((e) => e.type === 'mcp/server_updated' && e.server.state === 'restarting'));

  await assert.rejects(h.callTool('odd', 'crash', {}, { signal, timeoutMs: 30_000 }), /stopped during the call/);
  await assert.rejects(h.callTool('odd', 'tag_count', { tags: [] }, { signal, timeoutMs: 30_000 }), /not running \(failed: it stopped unexpectedly again/);
  assert.match(h.status()[0].stderrTail ?? '', /crashing on purpose/);
  // the user can restart it by hand
  await h.restart('odd');
  assert.equal(h.status()[0].state, 'ready');
});

test('a tool list that changes is noted; the next session gets the new list', async () => {
  const h = hub([stdioEntry('odd', [ODD_SERVER])]);
  const notes: string[] = [];
  h.onEvent((e) => e.type === 'mcp/tools_changed' && notes.push(e.note));
  const first = await h.startSession(denyAll, signal);
  assert.ok(!first.tools.some((t) => t.tool.name === 'late_tool'));
  await h.callTool('odd', 'add_tool', {}, { signal, timeoutMs: 30_000 });
  while (notes.length === 0) await new Promise((r) => setTimeout(r, 20));
  assert.match(notes[0], /tools changed \(now 6\); sessions already started keep their list, new sessions get the new one/);
  const second = await h.startSession(denyAll, signal);
  assert.ok(second.tools.some((t) => t.tool.name === 'late_tool'));
});

test('workspace servers: never in an untrusted workspace, and only after approval of the exact command', async () => {
  const root = tempDir('tandem-mcp-ws-');
  const entry = { ...everythingStdio('repo-server'), source: 'workspace' as const, origin: path.join(root, '.tandem', 'mcp.json') };
  const asked: string[] = [];
  const answer = (decision: 'allow_once' | 'deny'): Approvals => ({
    async request(r) {
      asked.push(r.type === 'mcp_server' ? `${r.server}: ${r.command}` : r.type);
      return { decision };
    },
  });

  const untrusted = hub([entry], { workspaceRoot: root, trusted: false });
  const u = await untrusted.startSession(answer('allow_once'), signal);
  assert.deepEqual(asked, [], 'no question in an untrusted workspace');
  assert.equal(untrusted.status()[0].state, 'blocked');
  assert.match(u.warnings[0], /not trusted/);

  // an answer that is not an allow (here one this code does not know) never starts it
  const odd: Approvals = { request: async () => ({ decision: 'maybe_later', reason: 'no one here' }) as never };
  const unknown = hub([entry], { workspaceRoot: root, trusted: true });
  assert.match((await unknown.startSession(odd, signal)).warnings[0], /was not approved: no one here/);
  assert.equal(unknown.status()[0].state, 'blocked');

  const declined = hub([entry], { workspaceRoot: root, trusted: true });
  const d = await declined.startSession(answer('deny'), signal);
  assert.equal(asked.length, 1);
  assert.match(asked[0], /^repo-server: .*node.* .*index\.js stdio$/);
  assert.equal(declined.status()[0].state, 'blocked');
  assert.match(d.warnings[0], /was not approved/);
  assert.deepEqual(d.tools, []);

  const approvedHub = hub([entry], { workspaceRoot: root, trusted: true });
  const a = await approvedHub.startSession(answer('allow_once'), signal);
  assert.equal(approvedHub.status()[0].state, 'ready');
  assert.ok(a.tools.length > 0);
  // remembered: a new hub with the same memory does not ask again; a changed command does
  const again = hub([entry], { workspaceRoot: root, trusted: true, memory: approvedHub.memory });
  await again.startSession(answer('deny'), signal);
  assert.equal(asked.length, 2);
  assert.equal(again.status()[0].state, 'ready');
  const changed = { ...entry, config: { ...entry.config, args: [...(entry.config as { args: string[] }).args, '--extra'] } };
  const third = hub([changed], { workspaceRoot: root, trusted: true, memory: approvedHub.memory });
  await third.startSession(answer('deny'), signal);
  assert.equal(asked.length, 3, 'asked again after the command changed');
  assert.equal(third.status()[0].state, 'blocked');
});
