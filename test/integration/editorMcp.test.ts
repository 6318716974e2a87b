// The editor host's MCP path without the editor: the real SessionManager and approval
// bridge, the window's hub (WindowMcp) over the real core, VS Code's state stores faked
// as maps, the fake model server, and the real server-everything for both a server of
// the user (the setting) and one a repository declares (.tandem/mcp.json).
// What it shows: the workspace server asks first with its exact command; the tool call
// asks with its arguments; "always" is remembered in the global state and the approval
// in the workspace state, so the next session asks nothing; a changed command asks again;
// a subagent's MCP approval reaches the chat labelled with the subagent.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createAgent, createMcpHub, createNodeWorkspace, loadMcpConfig, listSessions, deleteSession, type SessionEvent } from '../../src/core/index';
import type { NotificationMap, NotificationMethod, PendingApproval } from '../../src/protocol/messages';
import { SessionManager } from '../../src/host/session/sessionManager';
import { WindowMcp } from '../../src/host/mcp/windowMcp';
import { ALWAYS_ALLOWED_KEY, APPROVED_SERVERS_KEY, createStateMcpMemory, type StateStore } from '../../src/host/mcp/stateMemory';
import { systemClock } from '../../src/host/rpc/clock';
import { silentLogger } from '../../src/host/util/log';
import { fakeModelServers, makeRepo, tempDir } from './harness';
import { call as toolCall, lastOutputs, taskOf } from './subagentScript';
import { EVERYTHING } from './mcpHarness';

class MapState implements StateStore {
  data = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return structuredClone(this.data.get(key)) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.data.set(key, structuredClone(value));
  }
}

/** The webview's side: records notifications and answers approvals as the plan says. */
class Chat {
  approvals: PendingApproval[] = [];
  events: SessionEvent[] = [];
  answer: (a: PendingApproval) => { decision: 'allow_once' | 'allow_session' | 'allow_always' | 'deny'; reason?: string } = () => ({ decision: 'deny' });
  sessions!: SessionManager;
  notify<M extends NotificationMethod>(method: M, params: NotificationMap[M]): void {
    if (method !== 'approval/requested') return;
    const a = params as PendingApproval;
    this.approvals.push(a);
    // answered a moment later, as a user would
    setImmediate(() => {
      const { decision, reason } = this.answer(a);
      assert.ok(this.sessions.current?.respondApproval(a.requestId, decision, reason), 'the request was pending');
    });
  }
  event(e: SessionEvent): void {
    this.events.push(e);
  }
}

const server = fakeModelServers();
const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const c of cleanups) await c();
});

/** The editor host's pieces over a repository: its MCP hub, the sessions and the chat. */
async function editorHost(baseUrl: string, repo: string) {
  const workspaceState = new MapState();
  const globalState = new MapState();
  const mcp = new WindowMcp({
    core: { createMcpHub: async (...a) => createMcpHub(...a), loadMcpConfig: async (...a) => loadMcpConfig(...a) },
    setting: () => ({ everything: { command: process.execPath, args: [EVERYTHING, 'stdio'] } }),
    workspaceRoot: () => repo,
    trusted: () => true,
    memory: createStateMcpMemory(workspaceState, globalState),
    state: workspaceState,
    log: silentLogger,
  });
  const chat = new Chat();
  const storageDir = tempDir('tandem-it-editor-');
  const workspace = await createNodeWorkspace(repo);
  const sessions = new SessionManager({
    core: { createAgent, listSessions, deleteSession },
    agentOptions: async () => ({
      model: { model: 'fake-model', baseUrl, apiKey: 'sk-test', wire: 'responses', maxRetries: 0 },
      workspace,
      storageDir,
      globalInstructionsDir: tempDir('tandem-it-global-'),
      sandbox: 'off',
      trusted: true,
      ...(await mcp.sessionOption()),
    }),
    storageDir,
    cwd: () => repo,
    openSession: { get: () => undefined, set: async () => undefined },
    channel: chat,
    clock: systemClock,
    log: silentLogger,
  });
  chat.sessions = sessions;
  mcp.onDidReplace(() => sessions.invalidate());
  cleanups.push(async () => {
    await sessions.dispose();
    await mcp.dispose();
  });
  return { mcp, sessions, chat, workspaceState, globalState };
}

test('editor host: workspace server and tool approvals are asked in the chat, remembered, and asked again when the command changes', { timeout: 120_000 }, async () => {
  const s = await server();
  const repo = makeRepo({ 'a.txt': 'a' });
  const serverFile = (args: string[]) => {
    mkdirSync(path.join(repo, '.tandem'), { recursive: true });
    writeFileSync(path.join(repo, '.tandem', 'mcp.json'), JSON.stringify({ mcpServers: { repoecho: { command: process.execPath, args: [EVERYTHING, ...args] } } }));
  };
  serverFile(['stdio']);
  const { mcp, sessions, chat, workspaceState, globalState } = await editorHost(s.baseUrl, repo);
  const call = (message: string) => ({ toolCalls: [{ name: 'mcp__everything__echo', arguments: JSON.stringify({ message }) }] });
  const turn = async (text: string) => {
    await sessions.send(text);
    await sessions.current!.whenIdle();
  };

  // 1. first session: the repository's server asks with its exact command, the tool call with its arguments
  chat.answer = (a) => (a.type === 'mcp_server' ? { decision: 'allow_once' } : { decision: 'allow_always' });
  s.enqueue(call('one'), { text: 'Echoed one.' });
  await turn('Echo one');
  assert.deepEqual(chat.approvals.map((a) => a.type), ['mcp_server', 'mcp_tool']);
  const [asked, tool] = chat.approvals;
  assert.equal(asked.type === 'mcp_server' && asked.command, `${process.execPath} ${EVERYTHING} stdio`);
  assert.equal(asked.type === 'mcp_server' && asked.origin, path.join(repo, '.tandem', 'mcp.json'));
  assert.deepEqual(tool.type === 'mcp_tool' && [tool.server, tool.tool, tool.arguments, tool.readOnlyHint], ['everything', 'echo', '{"message":"one"}', true]);
  assert.deepEqual(s.modelRequests()[1].input.filter((e) => e.type === 'function_call_output').map((e) => (e as { output: string }).output), ['Echo: one']);
  const card = sessions.current!.state().items.find((i) => i.type === 'tool_call');
  assert.deepEqual(card?.type === 'tool_call' && card.mcp, { server: 'everything', tool: 'echo' });
  assert.equal(Object.keys((workspaceState.get<Record<string, unknown>>(APPROVED_SERVERS_KEY) ?? {})[repo] ?? {}).join(), 'repoecho');
  assert.deepEqual(globalState.get(ALWAYS_ALLOWED_KEY), { user: { everything: ['echo'] } });
  assert.deepEqual(mcp.overview().servers.map((x) => [x.name, x.state]), [['repoecho', 'ready'], ['everything', 'ready']]);

  // 2. a new session asks nothing: the server is approved, the tool always allowed
  await sessions.newSession();
  chat.approvals = [];
  chat.answer = () => assert.fail('nothing should be asked');
  s.enqueue(call('two'), { text: 'Echoed two.' });
  await turn('Echo two');
  assert.equal(chat.approvals.length, 0);
  assert.deepEqual(s.modelRequests().at(-1)!.input.filter((e) => e.type === 'function_call_output').map((e) => (e as { output: string }).output), ['Echo: two']);

  // 3. the repository changes the server's command: a new hub, and the next session asks again
  serverFile(['stdio', '--changed']);
  mcp.invalidate();
  await sessions.newSession();
  chat.answer = (a) => (a.type === 'mcp_server' ? { decision: 'deny', reason: 'not this one' } : { decision: 'allow_once' });
  s.enqueue({ text: 'Fine.' });
  await turn('Anything');
  assert.deepEqual(chat.approvals.map((a) => [a.type, a.type === 'mcp_server' ? a.command : '']), [['mcp_server', `${process.execPath} ${EVERYTHING} stdio --changed`]]);
  const repoServer = mcp.overview().servers.find((x) => x.name === 'repoecho');
  assert.equal(repoServer?.state, 'blocked');
  const warning = sessions.current!.state().items.find((i) => i.type === 'error');
  assert.match(warning?.type === 'error' ? warning.message : '', /"repoecho" was not started: it was not approved: not this one/);
});

test('editor host: a subagent\'s MCP approval reaches the chat naming the subagent; its answer holds for the session', { timeout: 120_000 }, async () => {
  const s = await server();
  const repo = makeRepo({ 'a.txt': 'a' });
  const { sessions, chat, globalState } = await editorHost(s.baseUrl, repo);
  chat.answer = () => ({ decision: 'allow_always' });
  let childId = '';
  s.setHandler((r) => {
    if (taskOf(r).startsWith('echo for me')) {
      return r.conversationIndex === 0 ? { toolCalls: [toolCall('mcp__everything__echo', { message: 'from the worker' })] } : { text: 'worked' };
    }
    childId ||= /"agent_id":"([^"]+)"/.exec(lastOutputs(r).join())?.[1] ?? '';
    if (r.conversationIndex === 0) return { toolCalls: [toolCall('spawn_agent', { message: 'echo for me', agent_type: 'worker' })] };
    if (r.conversationIndex === 1) return { toolCalls: [toolCall('wait_agent', { ids: [childId], timeout_ms: 60_000 })] };
    return { text: 'done' };
  });
  await sessions.send('Use a subagent');
  await sessions.current!.whenIdle();

  assert.ok(childId, 'the subagent was spawned');
  assert.equal(chat.approvals.length, 1, JSON.stringify(chat.approvals));
  const [asked] = chat.approvals;
  assert.deepEqual(asked.type === 'mcp_tool' && [asked.server, asked.tool, asked.arguments], ['everything', 'echo', '{"message":"from the worker"}']);
  assert.equal(asked.label, `worker ${childId}: echo for me`, 'the prompt names the subagent');
  const childSecond = s.modelRequests().find((r) => taskOf(r).startsWith('echo for me') && r.conversationIndex === 1);
  assert.deepEqual(childSecond && lastOutputs(childSecond), ['Echo: from the worker'], 'the real server answered the subagent');
  assert.deepEqual(globalState.get(ALWAYS_ALLOWED_KEY), { user: { everything: ['echo'] } }, 'always is remembered in VS Code state');
  const last = sessions.current!.state().items.at(-1);
  assert.equal(last?.type === 'agent_message' && last.text, 'done');
});
