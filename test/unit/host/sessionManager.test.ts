import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SessionManager, type CoreSessions } from '../../../src/host/session/sessionManager';
import { SnapshotBuilder, buildSnapshot } from '../../../src/host/rpc/snapshot';
import { WebviewChannel } from '../../../src/host/rpc/webviewChannel';
import { silentLogger } from '../../../src/host/util/log';
import type { AgentOptions, SessionInfo } from '../../../src/core/agent/types';
import type { Item } from '../../../src/core/types/items';
import type { ConfigView, HostToWebview, Snapshot } from '../../../src/protocol/messages';
import { Router } from '../../../src/host/rpc/router';
import { handlers } from '../../../src/host/handlers/handlerTable';
import type { HostServices } from '../../../src/host/handlers/types';
import { PROTOCOL_VERSION } from '../../../src/protocol/messages';
import { FakeAgent, FakeClock, RecordingNotifier, scripted, settle } from './fakes';

const usage = { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, reasoningTokens: 0 };
const turn = scripted([
  { type: 'turn/started', turnId: 't' },
  { type: 'turn/completed', turnId: 't', usage },
]);

function setup(stored?: string) {
  let seq = 0;
  const created: { options: AgentOptions; agent: FakeAgent }[] = [];
  const deleted: string[] = [];
  const infos: SessionInfo[] = [
    { id: 'old', title: 'Old', createdAt: 1, updatedAt: 5, items: 3, cwd: '/ws' },
    { id: 'other', title: 'Elsewhere', createdAt: 1, updatedAt: 9, items: 1, cwd: '/elsewhere' },
    { id: 'new', title: 'New', createdAt: 2, updatedAt: 8, items: 2, cwd: '/ws' },
  ];
  const core: CoreSessions = {
    createAgent: async (options) => {
      if (options.sessionId === 'broken') throw new Error('corrupt session file');
      const agent = new FakeAgent(options.sessionId ?? `s${++seq}`, turn);
      created.push({ options, agent });
      return agent;
    },
    listSessions: async () => infos,
    deleteSession: async (_dir, id) => {
      deleted.push(id);
    },
  };
  let value = stored;
  const notifier = new RecordingNotifier();
  const clock = new FakeClock();
  const manager = new SessionManager({
    core,
    agentOptions: async () => ({ model: { model: 'm' }, workspace: {} as AgentOptions['workspace'], storageDir: '/store', trusted: true }),
    storageDir: '/store',
    cwd: () => '/ws',
    openSession: { get: () => value, set: async (v) => void (value = v) },
    channel: notifier,
    clock,
    log: silentLogger,
  });
  return { manager, created, deleted, notifier, stored: () => value };
}

test('no session until the first message; then one is created, remembered and reused', async () => {
  const { manager, created, stored } = setup();
  await manager.restore();
  assert.equal(manager.current, undefined);
  await manager.send('hi');
  await manager.current!.whenIdle();
  await manager.send('again');
  await manager.current!.whenIdle();
  assert.equal(created.length, 1);
  assert.equal(stored(), 's1');
  assert.deepEqual(created[0].agent.inputs.map((i) => i.text), ['hi', 'again']);
});

test('a reloaded window restores the stored session; a broken one is forgotten quietly', async () => {
  const ok = setup('old');
  await ok.manager.restore();
  assert.equal(ok.manager.current?.sessionId, 'old');
  assert.equal(ok.created[0].options.sessionId, 'old');
  const broken = setup('broken');
  await broken.manager.restore();
  assert.equal(broken.manager.current?.sessionId, undefined);
  await broken.manager.send('x'); // falls back to a new session
  assert.equal((broken.manager.current as { sessionId: string } | undefined)?.sessionId, 's1');
});

test('new session, open and delete swap the controller and keep workspaceState in step', async () => {
  const { manager, created, deleted, stored, notifier } = setup();
  await manager.send('hi');
  await manager.current!.whenIdle();
  await manager.open('old');
  assert.equal(manager.current?.sessionId, 'old');
  assert.equal(created[0].agent.disposed, true);
  assert.equal(stored(), 'old');
  await manager.delete('old');
  assert.equal(manager.current, undefined);
  assert.equal(stored(), undefined);
  assert.deepEqual(deleted, ['old']);
  assert.equal(notifier.of('sessions/updated').length >= 1, true);
  await manager.send('again');
  await manager.newSession();
  assert.equal(manager.current, undefined);
  assert.equal(stored(), undefined);
});

test('history lists this folder\'s sessions, newest first', async () => {
  const { manager } = setup();
  assert.deepEqual((await manager.list()).map((s) => s.id), ['new', 'old']);
});

test('invalidate rebuilds an idle agent with fresh options; live settings go straight to the agent', async () => {
  const { manager, created } = setup('old');
  await manager.restore();
  manager.applyLive({ model: 'm2', approvalPolicy: 'read-only' });
  assert.deepEqual(created[0].agent.model, { model: 'm2' });
  assert.equal(created[0].agent.policy, 'read-only');
  manager.invalidate();
  await manager.send('x');
  assert.equal(created.length, 2);
  assert.equal(created[0].agent.disposed, true);
  assert.equal(created[1].options.sessionId, 'old');
  await manager.current!.whenIdle();
  await settle();
});

test('snapshots: full state, pending deltas dropped, later notifications after the response', () => {
  const config = { provider: 'openai', model: 'm' } as ConfigView;
  let items: Item[] = [];
  const sessions = {
    state: () => ({ sessionId: 's', title: 'T', items, running: true, approvals: [], changes: [], usage: { contextTokens: 1, contextWindow: 2 } }),
  };
  assert.deepEqual(buildSnapshot({ sessions, config: { peek: () => config } }), {
    protocolVersion: PROTOCOL_VERSION,
    sessionId: 's',
    title: 'T',
    items: [],
    running: true,
    approvals: [],
    changes: [],
    config,
    usage: { contextTokens: 1, contextWindow: 2 },
  });
  const clock = new FakeClock();
  const outbox = new WebviewChannel(clock);
  const sent: HostToWebview[] = [];
  outbox.attach((m) => sent.push(m));
  const builder = new SnapshotBuilder({ sessions, config: { peek: () => config } }, outbox);
  outbox.respond(0, builder.take(0)); // in sync
  outbox.event({ type: 'item/started', item: { id: 'm1', turnId: 't', type: 'agent_message', text: '' } });
  sent.length = 0;
  outbox.event({ type: 'item/updated', itemId: 'm1', delta: { kind: 'text', text: 'already in the snapshot' } });
  items = [{ id: 'm1', turnId: 't', type: 'agent_message', text: 'already in the snapshot' }];
  const snap = builder.take(1);
  outbox.event({ type: 'item/updated', itemId: 'm1', delta: { kind: 'text', text: 'after' } });
  clock.advance(100);
  outbox.respond(1, snap);
  assert.deepEqual(
    sent.map((m) => (m.kind === 'response' ? 'response' : m.kind === 'notification' ? JSON.stringify(m.params) : JSON.stringify(m))),
    ['response', JSON.stringify([[1, 'm1'], 'after'])], // a compact delta post (handles restart at the snapshot)
  );
  builder.push();
  const last = sent.at(-1);
  assert.equal(last?.kind === 'notification' ? last.method : undefined, 'state/snapshot');
});

// --- Opening from History: the snapshot first, the agent after -------------------------
// Wired as in extension.ts (the outbox is the notifier, requests go through the Router
// and the real handlers) so "posted" means sent to the webview.

const msg = (id: string, text = id) => ({ id, turnId: 't', type: 'agent_message' as const, text });

function openSetup(setup: { failBuild?: boolean } = {}) {
  const sent: HostToWebview[] = [];
  const clock = new FakeClock();
  const outbox = new WebviewChannel(clock);
  outbox.attach((m) => sent.push(m));
  const all = Array.from({ length: 5 }, (_, i) => msg(`i${i}`));
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const events: string[] = [];
  const agents: FakeAgent[] = [];
  const core: CoreSessions = {
    createAgent: async (options) => {
      events.push(`createAgent ${options.sessionId} after ${sent.filter((m) => m.kind === 'response').length} responses`);
      await gate;
      if (setup.failBuild) throw new Error('corrupt session file');
      const agent = new FakeAgent(options.sessionId ?? 'fresh', turn, all);
      agents.push(agent);
      return agent;
    },
    listSessions: async () => [],
    deleteSession: async () => undefined,
    readSessionPreview: async (_dir, id, limit) => {
      events.push(`preview ${id} ${limit}`);
      // as if the log held 5 items and the snapshot took the newest 2
      return { items: all.slice(-2), olderItems: 3, title: 'Old' };
    },
  };
  let stored: string | undefined;
  const manager = new SessionManager({
    core,
    agentOptions: async () => ({ model: { model: 'm' }, workspace: {} as AgentOptions['workspace'], storageDir: '/store', trusted: true }),
    storageDir: '/store',
    cwd: () => '/ws',
    openSession: { get: () => stored, set: async (v) => void (stored = v) },
    channel: outbox,
    clock,
    log: silentLogger,
  });
  const config = { provider: 'openai', model: 'm' } as ConfigView;
  const snapshots = new SnapshotBuilder({ sessions: manager, config: { peek: () => config } }, outbox);
  const services = { sessions: manager, config: { current: async () => config, peek: () => config }, editor: {}, snapshots, reviewSlash: async () => undefined } as unknown as HostServices;
  const router = new Router(handlers, services, outbox, silentLogger);
  let nextId = 0;
  const request = (method: string, params: unknown) => {
    const id = ++nextId;
    const done = router.dispatch({ kind: 'request', id, method, params });
    return { id, done };
  };
  const response = (id: number) => sent.find((m) => m.kind === 'response' && m.id === id) as { result?: unknown; error?: { message: string } } | undefined;
  return { manager, sent, events, agents, release, request, response, stored: () => stored };
}

test('session/open answers with the newest items before the agent is built', { timeout: 10_000 }, async () => {
  const s = openSetup();
  const open = s.request('session/open', { sessionId: 'old' });
  await open.done;
  const snap = s.response(open.id)?.result as Snapshot;
  assert.equal(snap.sessionId, 'old');
  assert.equal(snap.title, 'Old');
  assert.deepEqual(snap.items.map((i) => i.id), ['i3', 'i4']);
  assert.equal(snap.olderItems, 3);
  assert.equal(s.stored(), 'old');
  assert.equal(s.manager.current, undefined, 'the agent is not built yet');
  await settle();
  // the build starts only after the response went out, and reads the whole log itself
  assert.deepEqual(s.events, ['preview old 200', 'createAgent old after 1 responses']);
  s.release();
  const ready = await s.manager.whenReady();
  assert.equal(ready?.sessionId, 'old');
  assert.equal(s.manager.current, ready);
  assert.equal(s.agents.length, 1, 'one agent for one open');
  // opening the same session again builds nothing more
  await s.request('session/open', { sessionId: 'old' }).done;
  await s.manager.whenReady();
  assert.equal(s.agents.length, 1);
});

test('a send right after open waits for the agent and succeeds; paging waits too', { timeout: 10_000 }, async () => {
  const s = openSetup();
  const open = s.request('session/open', { sessionId: 'old' });
  const send = s.request('turn/send', { text: 'hi' });
  const page = s.request('session/items', { sessionId: 'old', before: 'i3', limit: 10 });
  await open.done;
  await settle();
  assert.ok(s.response(open.id), 'the snapshot went out');
  assert.equal(s.response(send.id), undefined, 'the send waits for the agent');
  assert.equal(s.response(page.id), undefined, 'paging waits for the agent');
  s.release();
  await Promise.all([send.done, page.done]);
  assert.deepEqual(s.response(send.id), { kind: 'response', id: send.id, result: { ok: true } });
  assert.deepEqual(s.response(page.id)?.result, { items: [msg('i0'), msg('i1'), msg('i2')], olderItems: 0 });
  await s.manager.current!.whenIdle();
  assert.deepEqual(s.agents.map((a) => a.inputs.map((i) => i.text)), [['hi']]);
  const ended = s.sent.filter((m) => !Array.isArray(m) && m.kind === 'notification' && m.method === 'turn/completed');
  assert.equal(ended.length, 1);
});

test('an agent that cannot be built becomes an error item; the session stays shown', { timeout: 10_000 }, async () => {
  const s = openSetup({ failBuild: true });
  const open = s.request('session/open', { sessionId: 'old' });
  await open.done;
  s.release();
  assert.equal(await s.manager.whenReady(), undefined);
  const errors = s.sent.filter((m) => m.kind === 'notification' && m.method === 'item/completed');
  assert.equal(errors.length, 1);
  const item = (errors[0] as { params: { item: { type: string; message: string } } }).params.item;
  assert.equal(item.type, 'error');
  assert.match(item.message, /corrupt session file/);
  const state = s.manager.state();
  assert.equal(state.sessionId, 'old');
  assert.deepEqual(state.items.map((i) => i.type), ['agent_message', 'agent_message', 'error']);
});

test('deleting a shown session whose agent could not be built clears it and pushes a snapshot', { timeout: 10_000 }, async () => {
  const s = openSetup({ failBuild: true });
  await s.request('session/open', { sessionId: 'old' }).done;
  s.release();
  await s.manager.whenReady();
  assert.equal(s.stored(), 'old');
  const del = s.request('session/delete', { sessionId: 'old' });
  await del.done;
  assert.deepEqual(s.response(del.id)?.result, { ok: true });
  assert.equal(s.manager.state().sessionId, undefined);
  assert.equal(s.stored(), undefined, 'a reload must not reopen a deleted session');
  const last = s.sent.filter((m) => m.kind === 'notification' && m.method === 'state/snapshot').at(-1) as { params: Snapshot } | undefined;
  assert.ok(last, 'the view got a snapshot without the deleted session');
  assert.equal(last.params.sessionId, undefined);
});
