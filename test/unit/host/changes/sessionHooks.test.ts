// The SessionManager additions the editor features use: onDidChangeCurrent (so pending
// changes follow the open session) and startNew (focused sessions; read-only for Explain).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SessionManager } from '../../../../src/host/session/sessionManager';
import { silentLogger } from '../../../../src/host/util/log';
import type { AgentOptions } from '../../../../src/core/agent/types';
import { FakeAgent, FakeClock, RecordingNotifier, scripted } from '../fakes';

function setup() {
  let seq = 0;
  const agents: FakeAgent[] = [];
  let stored: string | undefined;
  const clock = new FakeClock();
  const manager = new SessionManager({
    core: {
      createAgent: async (options) => {
        const agent = new FakeAgent(options.sessionId ?? `s${++seq}`, scripted([]));
        agents.push(agent);
        return agent;
      },
      listSessions: async () => [],
      deleteSession: async () => undefined,
    },
    agentOptions: async () => ({ model: { model: 'm' }, workspace: {} as AgentOptions['workspace'], storageDir: '/store', trusted: true }),
    storageDir: '/store',
    cwd: () => '/ws',
    openSession: { get: () => stored, set: async (v) => void (stored = v) },
    channel: new RecordingNotifier(),
    clock,
    log: silentLogger,
  });
  return { manager, agents, stored: () => stored };
}

test('startNew replaces the open session, notifies, and can make it read-only', async () => {
  const { manager, agents, stored } = setup();
  const seen: (string | undefined)[] = [];
  const sub = manager.onDidChangeCurrent(() => seen.push(manager.current?.sessionId));

  const first = await manager.startNew();
  assert.equal(first.sessionId, 's1');
  assert.equal(agents[0].policy, undefined, 'a normal session keeps the configured policy');
  const explain = await manager.startNew({ readOnly: true });
  assert.equal(explain.sessionId, 's2');
  assert.equal(agents[1].policy, 'read-only');
  assert.equal(agents[0].disposed, true, 'the previous session was closed');
  assert.equal(stored(), 's2', 'the new session is the one a reload reopens');
  assert.equal(manager.current, explain);

  await manager.newSession();
  assert.deepEqual(seen, ['s1', 's2', undefined]);
  sub.dispose();
  await manager.startNew();
  assert.equal(seen.length, 3, 'no events after dispose');
});
