import { test } from 'node:test';
import assert from 'node:assert/strict';
import { handlers } from '../../../src/host/handlers/handlerTable';
import type { EditorServices, HostServices, RequestContext } from '../../../src/host/handlers/types';
import type { ConfigView, Snapshot } from '../../../src/protocol/messages';
import { PROTOCOL_VERSION } from '../../../src/protocol/messages';
import { FakeAgent, scripted } from './fakes';

function ctx(overrides: { agent?: FakeAgent; setup?: string; editor?: Partial<EditorServices> } = {}) {
  const log: string[] = [];
  const view = { setupNeeded: overrides.setup ? { reason: overrides.setup } : undefined } as ConfigView;
  const current = overrides.agent
    ? { sessionId: overrides.agent.sessionId, agent: overrides.agent, respondApproval: (id: string) => id === 'known' }
    : undefined;
  const services = {
    sessions: {
      current,
      whenReady: async () => current,
      restore: async () => void log.push('restore'),
      send: async (text: string) => void log.push(`send ${text}`),
    },
    config: { current: async () => view },
    editor: overrides.editor ?? {},
    reviewSlash: async () => undefined,
    snapshots: { take: (id: number) => ({ protocolVersion: PROTOCOL_VERSION, taken: id }) as unknown as Snapshot, push: () => log.push('push') },
  } as unknown as HostServices;
  return { ctx: { ...services, requestId: 42 } as RequestContext, log };
}

test('webview/ready checks the protocol version, restores, then snapshots for this request', async () => {
  const { ctx: c, log } = ctx();
  await assert.rejects(Promise.resolve(handlers['webview/ready']({ protocolVersion: PROTOCOL_VERSION + 1 }, c)), /Reload the window/);
  assert.deepEqual(log, []);
  const snap = await handlers['webview/ready']({ protocolVersion: PROTOCOL_VERSION }, c);
  assert.equal((snap as unknown as { taken: number }).taken, 42);
  assert.deepEqual(log, ['restore']);
});

test('turn/send is refused while setup is needed', async () => {
  const { ctx: c, log } = ctx({ setup: 'Add your OpenAI API key.' });
  await assert.rejects(Promise.resolve(handlers['turn/send']({ text: 'hi' }, c)), /Add your OpenAI API key/);
  assert.deepEqual(log, []);
  const ok = ctx();
  assert.deepEqual(await handlers['turn/send']({ text: 'hi' }, ok.ctx), { ok: true });
  assert.deepEqual(ok.log, ['send hi']);
});

test('approval/respond for an unknown request and changes/* without a session are clear errors', async () => {
  const { ctx: none } = ctx();
  await assert.rejects(Promise.resolve(handlers['changes/apply']({ path: 'a.ts' }, none)), /No session is open/);
  const { ctx: c } = ctx({ agent: new FakeAgent('s', scripted([])) });
  assert.throws(() => handlers['approval/respond']({ requestId: 'gone', decision: 'deny' }, c), /no longer pending/);
  assert.deepEqual(handlers['approval/respond']({ requestId: 'known', decision: 'allow_once' }, c), { ok: true });
});

test('changes/apply and reject report outcomes; a conflict is an error', async () => {
  const agent = new FakeAgent('s', scripted([]));
  const { ctx: c } = ctx({ agent });
  assert.deepEqual(await handlers['changes/apply']({ path: 'a.ts', hunkIds: ['h0', 'h1'] }, c), { ok: true, message: 'Applied a.ts (2 of 1 hunks).', outcomes: [{ path: 'a.ts', status: 'applied' }] });
  assert.deepEqual(await handlers['changes/reject']({ path: 'a.ts', reason: 'no' }, c), { ok: true, message: 'Rejected 1 hunk in a.ts.', outcomes: [{ path: 'a.ts', status: 'rejected', detail: 'no' }] });
  await assert.rejects(Promise.resolve(handlers['changes/apply']({ hunkIds: ['h0'] }, c)), /Hunks need a path/);
  agent.apply = async (path) => ({ path, status: 'conflict', detail: 'the file changed' });
  await assert.rejects(Promise.resolve(handlers['changes/apply']({ path: 'a.ts' }, c)), /Not applied: a.ts \(the file changed\)/);
});

test('editor-backed handlers pass through, and omit an absent attachment', async () => {
  const { ctx: c } = ctx({ editor: { selection: () => undefined, findFiles: async (q) => [{ path: `${q}.ts`, positions: [0] }] } });
  assert.deepEqual(await handlers['context/selection']({}, c), {});
  assert.deepEqual(await handlers['files/search']({ query: 'abc' }, c), { files: [{ path: 'abc.ts', positions: [0] }] });
});
