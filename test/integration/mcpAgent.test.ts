// The agent with real MCP servers and the fake model server (the real `openai` SDK on
// both wire APIs): the model calls an MCP tool and the tool's real result is in the next
// request; a denied call never reaches the server; a server killed mid-call becomes a
// tool error and the turn goes on; a tool whose schema the API rejects is skipped with a
// warning; workspace servers wait for trust and approval.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createAgent, createNodeWorkspace, denyAll, type AgentOptions, type ApprovalRequest, type Approvals, type Item, type SessionEvent } from '../../src/core/index';
import type { FakeModelServer } from '../fakes/fakeModelServer';
import { fakeModelServers, makeRepo, tempDir } from './harness';
import { ODD_SERVER, childPids, everythingStdio, filesystemStdio, stdioEntry } from './mcpHarness';

const server = fakeModelServers();
const disposers: (() => Promise<void>)[] = [];
after(async () => {
  for (const d of disposers) await d();
});

async function agentFor(s: FakeModelServer, wire: 'responses' | 'chat', repo: string, extra: Partial<AgentOptions>) {
  const agent = await createAgent({
    model: { model: 'fake-model', baseUrl: s.baseUrl, apiKey: 'sk-test', wire, maxRetries: 0 },
    workspace: await createNodeWorkspace(repo),
    storageDir: tempDir('tandem-it-home-'),
    globalInstructionsDir: tempDir('tandem-it-global-'),
    approvals: denyAll,
    sandbox: 'off',
    ...extra,
  });
  disposers.push(() => agent.dispose());
  return agent;
}

const call = (name: string, args: unknown) => ({ name, arguments: JSON.stringify(args) });
const outputsOf = (s: FakeModelServer, i: number) => s.modelRequests()[i].input.filter((e) => e.type === 'function_call_output').map((e) => (e as { output: string }).output);
const toolNames = (s: FakeModelServer, i: number): string[] => (s.modelRequests()[i].body.tools as any[]).map((t) => t.name ?? t.function.name);

function recordingApprovals(decision: 'allow_once' | 'allow_session' | 'deny'): Approvals & { asked: ApprovalRequest[] } {
  const asked: ApprovalRequest[] = [];
  return {
    asked,
    async request(r) {
      asked.push(r);
      return { decision };
    },
  };
}

for (const wire of ['responses', 'chat'] as const) {
  test(`${wire}: the model calls an MCP tool after approval and its real result is in the next request`, async () => {
    const s = await server();
    s.enqueue({ toolCalls: [call('mcp__everything__echo', { message: 'from the model' })] }, { toolCalls: [call('mcp__everything__get-structured-content', { location: 'Chicago' })] }, { text: 'The server echoed it.' });
    const approvals = recordingApprovals('allow_once');
    const agent = await agentFor(s, wire, makeRepo({ 'a.txt': 'a' }), { approvals, mcp: { servers: [everythingStdio()] } });
    const result = await agent.run('Echo something');
    assert.equal(result.status, 'completed', result.error);
    assert.equal(result.finalResponse, 'The server echoed it.');
    assert.deepEqual(outputsOf(s, 1), ['Echo: from the model']);
    assert.match(outputsOf(s, 2)[1], /"conditions":"Light rain \/ drizzle"/);
    // every call asked, with the server's hints
    assert.equal(approvals.asked.length, 2);
    const first = approvals.asked[0];
    assert.equal(first.type, 'mcp_tool');
    if (first.type === 'mcp_tool') {
      assert.equal(first.server, 'everything');
      assert.equal(first.tool, 'echo');
      assert.equal(first.readOnlyHint, true);
      assert.equal(first.arguments, '{"message":"from the model"}');
    }
    // the tool card names the server and tool
    const card = result.items.find((i): i is Extract<Item, { type: 'tool_call' }> => i.type === 'tool_call');
    assert.deepEqual(card?.mcp, { server: 'everything', tool: 'echo' });
    assert.equal(card?.status, 'completed');
    // one tool list for the whole session, MCP tools included
    const names = toolNames(s, 0);
    assert.ok(names.includes('read_file') && names.includes('mcp__everything__echo'));
    for (let i = 1; i < 3; i++) assert.equal(JSON.stringify(s.modelRequests()[i].body.tools), JSON.stringify(s.modelRequests()[0].body.tools));
  });
}

for (const wire of ['responses', 'chat'] as const) {
  test(`${wire}: an image an MCP tool returns reaches the next request as an image`, async () => {
    const s = await server();
    s.enqueue({ toolCalls: [call('mcp__everything__get-tiny-image', {})] }, { text: 'A tiny image.' });
    const agent = await agentFor(s, wire, makeRepo({}), { approvals: recordingApprovals('allow_once'), mcp: { servers: [everythingStdio()] } });
    const result = await agent.run('Show me the tiny image');
    assert.equal(result.status, 'completed', result.error);
    assert.match(outputsOf(s, 1)[0], /\[image image\/png, \d+×\d+: attached after the tool outputs\]/);
    const images = s.modelRequests()[1].input.flatMap((e) => (e.type === 'message' && e.role === 'user' ? (e.images ?? []) : []));
    assert.equal(images.length, 1);
    assert.equal(images[0].mime, 'image/png');
    const card = result.items.find((i): i is Extract<Item, { type: 'tool_call' }> => i.type === 'tool_call');
    assert.deepEqual(card?.images?.map((i) => i.hash), [images[0].hash]);
  });
}

test('with image input off, an MCP image is named as not shown and not sent', async () => {
  const s = await server();
  s.enqueue({ toolCalls: [call('mcp__everything__get-tiny-image', {})] }, { text: 'Cannot see it.' });
  const model = { model: 'fake-model', baseUrl: s.baseUrl, apiKey: 'sk-test', wire: 'responses' as const, maxRetries: 0, images: false };
  const agent = await agentFor(s, 'responses', makeRepo({}), { model, approvals: recordingApprovals('allow_once'), mcp: { servers: [everythingStdio()] } });
  const result = await agent.run('Show me the tiny image');
  assert.equal(result.status, 'completed', result.error);
  assert.match(outputsOf(s, 1)[0], /\[image image\/png, [^\]]*: not shown \(image input is switched off for this model\)\]/);
  assert.equal(s.modelRequests()[1].input.some((e) => e.type === 'message' && (e.images?.length ?? 0) > 0), false);
});

test('a denied call never reaches the server, and the turn goes on', async () => {
  const s = await server();
  const dir = tempDir('tandem-mcp-fs-');
  const target = path.join(dir, 'made-by-the-model');
  s.enqueue({ toolCalls: [call('mcp__fs__create_directory', { path: target })] }, { text: 'I could not create it.' });
  const agent = await agentFor(s, 'responses', makeRepo({}), { approvals: denyAll, mcp: { servers: [filesystemStdio(dir)] } });
  const result = await agent.run('Make a folder');
  assert.equal(result.status, 'completed');
  // denyAll stands for a run with no one to ask: the model is told so, not that someone declined
  assert.match(outputsOf(s, 1)[0], /The call to the MCP tool fs\/create_directory needs the user's approval, and none could be given/);
  assert.equal(existsSync(target), false, 'the server never created it');
});

test('an answer that is not an allow (one this code does not know) never runs the call', async () => {
  const s = await server();
  const dir = tempDir('tandem-mcp-fs-');
  const target = path.join(dir, 'never');
  s.enqueue({ toolCalls: [call('mcp__fs__create_directory', { path: target })] }, { text: 'Refused.' });
  const odd: Approvals = { request: async () => ({ decision: 'maybe_later', reason: 'no one here' }) as never };
  const agent = await agentFor(s, 'responses', makeRepo({}), { approvals: odd, mcp: { servers: [filesystemStdio(dir)] } });
  assert.equal((await agent.run('Make a folder')).status, 'completed');
  assert.match(outputsOf(s, 1)[0], /fs\/create_directory: no one here/);
  assert.equal(existsSync(target), false);
});

test('--allow-mcp style pre-approval runs a tool without asking; session allow asks once', async () => {
  const s = await server();
  const dir = tempDir('tandem-mcp-fs-');
  s.enqueue({ toolCalls: [call('mcp__fs__create_directory', { path: path.join(dir, 'one') })] }, { toolCalls: [call('mcp__fs__create_directory', { path: path.join(dir, 'two') })] }, { text: 'Made both.' });
  const approvals = recordingApprovals('deny');
  const agent = await agentFor(s, 'chat', makeRepo({}), { approvals, mcp: { servers: [filesystemStdio(dir)], allow: ['fs/create_directory'] } });
  assert.equal((await agent.run('Make folders')).status, 'completed');
  assert.equal(approvals.asked.length, 0);
  assert.ok(existsSync(path.join(dir, 'one')) && existsSync(path.join(dir, 'two')));

  const s2 = await server();
  s2.enqueue({ toolCalls: [call('mcp__fs__create_directory', { path: path.join(dir, 'three') })] }, { toolCalls: [call('mcp__fs__create_directory', { path: path.join(dir, 'four') })] }, { text: 'Made both.' });
  const once = recordingApprovals('allow_session');
  const agent2 = await agentFor(s2, 'chat', makeRepo({}), { approvals: once, mcp: { servers: [filesystemStdio(dir)] } });
  assert.equal((await agent2.run('Make folders')).status, 'completed');
  assert.equal(once.asked.length, 1, 'allowed for the session after the first question');
  assert.ok(existsSync(path.join(dir, 'four')));
});

test('arguments that fail the server schema are refused before asking or calling', async () => {
  const s = await server();
  s.enqueue({ toolCalls: [call('mcp__everything__echo', { message: 5 })] }, { text: 'Fixed my mistake.' });
  const approvals = recordingApprovals('allow_once');
  const agent = await agentFor(s, 'responses', makeRepo({}), { approvals, mcp: { servers: [everythingStdio()] } });
  assert.equal((await agent.run('Echo')).status, 'completed');
  assert.match(outputsOf(s, 1)[0], /^Invalid arguments for mcp__everything__echo: .*message.*string/);
  assert.equal(approvals.asked.length, 0);
});

test('a server killed mid-call gives a tool error; the turn goes on and the server is restarted', async () => {
  const s = await server();
  s.enqueue({ toolCalls: [call('mcp__everything__trigger-long-running-operation', { duration: 60, steps: 60 })] }, { toolCalls: [call('mcp__everything__echo', { message: 'still there?' })] }, { text: 'Recovered.' });
  const agent = await agentFor(s, 'responses', makeRepo({}), { mcp: { servers: [everythingStdio()], allow: ['everything'] } });
  const events: SessionEvent[] = [];
  for await (const e of agent.runStreamed('Run the long operation')) {
    events.push(e);
    if (e.type === 'item/started' && e.item.type === 'tool_call' && e.item.mcp?.tool === 'trigger-long-running-operation') {
      const pid = agent.mcp!.status()[0].pid!;
      process.kill(pid, 'SIGKILL');
    }
  }
  const end = events.at(-1)!;
  assert.equal(end.type, 'turn/completed');
  assert.match(outputsOf(s, 1)[0], /The MCP server "everything" stopped during the call \(it crashed or was killed\)/);
  assert.deepEqual(outputsOf(s, 2).slice(1), ['Echo: still there?'], 'the restarted server answered');
  assert.equal(agent.mcp!.status()[0].restarts, 1);
});

test('a tool whose schema the API rejects is skipped with a warning; fixable ones are fixed', async () => {
  const s = await server();
  s.enqueue({ toolCalls: [call('mcp__odd__tag_count', { tags: ['x', 'y', 'z'] })] }, { text: 'Three.' });
  const agent = await agentFor(s, 'responses', makeRepo({}), { mcp: { servers: [stdioEntry('odd', [ODD_SERVER])], allow: ['odd'] } });
  const result = await agent.run('Count tags');
  assert.equal(result.status, 'completed', result.error);
  const warnings = result.items.filter((i) => i.type === 'error').map((i) => (i as { message: string }).message);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /MCP tool "either_or" of server "odd" is skipped: its input schema has a top-level anyOf without properties/);
  const names = toolNames(s, 0);
  assert.ok(!names.some((n) => n.includes('either_or')));
  assert.ok(names.includes('mcp__odd__tag_count'));
  const long = names.find((n) => n.startsWith('mcp__odd__namespace_'));
  assert.ok(long && long.length <= 64 && /^[a-zA-Z0-9_-]+$/.test(long), long);
  assert.deepEqual(outputsOf(s, 1), ['3 tags']);
});

test('a workspace-declared server starts neither in an untrusted workspace nor before approval', async () => {
  const repo = makeRepo({});
  const entry = { ...everythingStdio('repo'), source: 'workspace' as const, origin: path.join(repo, '.tandem', 'mcp.json') };
  const before = childPids();
  const s = await server();
  s.setHandler(() => ({ text: 'ok' }));
  const untrusted = await agentFor(s, 'responses', repo, { trusted: false, approvals: recordingApprovals('allow_once'), mcp: { servers: [entry] } });
  const u = await untrusted.run('hello');
  assert.match(JSON.stringify(u.items), /was not started: it is declared by this workspace .* which is not trusted/);
  assert.deepEqual(childPids().filter((p) => !before.includes(p)), []);

  const declining = recordingApprovals('deny');
  const trusted = await agentFor(s, 'responses', repo, { approvals: declining, mcp: { servers: [entry] } });
  const d = await trusted.run('hello');
  assert.equal(declining.asked.length, 1);
  assert.equal(declining.asked[0].type, 'mcp_server');
  assert.match(JSON.stringify(d.items), /was not started: it was not approved/);
  assert.deepEqual(childPids().filter((p) => !before.includes(p)), []);
  assert.ok(!toolNames(s, s.modelRequests().length - 1).some((n) => n.startsWith('mcp__')));

  const approving = recordingApprovals('allow_once');
  const approved = await agentFor(s, 'responses', repo, { approvals: approving, mcp: { servers: [entry] } });
  await approved.run('hello');
  assert.equal(approved.mcp!.status()[0].state, 'ready');
  assert.ok(toolNames(s, s.modelRequests().length - 1).includes('mcp__repo__echo'));
  await approved.dispose();
  assert.deepEqual(childPids().filter((p) => !before.includes(p)), []);
});
