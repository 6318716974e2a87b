// The background review's trigger: after a turn of the open session that staged enough
// new lines (setting), the staged changes are reviewed; a new turn stops a running
// review; switching sessions forgets the old one's; staged updates reach the findings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeHunks, countChanges, publicHunk } from '../../../../src/core/staging/hunks';
import type { StagedChange } from '../../../../src/core/staging/types';
import type { SessionEvent } from '../../../../src/core/types/events';
import { AgentReviewTrigger } from '../../../../src/host/codeReview/agentReview';
import { DEFAULT_REVIEW_SETTINGS, type ReviewSettings } from '../../../../src/host/codeReview/settings';
import type { StagedSource } from '../../../../src/host/codeReview/reviewService';
import { silentLogger } from '../../../../src/host/util/log';
import { FakeAgent, scripted, settle } from '../fakes';

function staged(path: string, changedLines: number): StagedChange {
  const old = Array.from({ length: 20 }, (_, i) => `l${i}\n`).join('');
  const next = old.replace('l5\n', `${Array.from({ length: changedLines }, (_, i) => `new${i}\n`).join('')}l5\n`);
  const hunks = computeHunks(old, next).map(publicHunk);
  return { path, kind: 'modify', binary: false, ...countChanges(hunks), hunks, stale: false };
}

const TURN: SessionEvent[] = [
  { type: 'turn/started', turnId: 't1' },
  { type: 'turn/completed', turnId: 't1', usage: { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, reasoningTokens: 0 } },
];

function setup(settings: Partial<ReviewSettings> = {}) {
  const log: string[] = [];
  const agent = new FakeAgent('s1', scripted(TURN));
  const listeners = new Set<() => void>();
  const sessions = { current: { sessionId: 's1', agent } as { sessionId: string; agent: FakeAgent } | undefined, onDidChangeCurrent: (l: () => void) => (listeners.add(l), { dispose: () => listeners.delete(l) }) };
  const pendingListeners = new Set<() => void>();
  const pending = { changes: [] as StagedChange[], sessionId: 's1' as string | undefined, onDidChange: (l: () => void) => (pendingListeners.add(l), { dispose: () => pendingListeners.delete(l) }) };
  const reviews = {
    reviewStaged: (s: StagedSource) => {
      log.push(`review ${s.sessionId}: ${s.changes.map((c) => c.path).join(',')}${s.staging === sessions.current?.agent.staging ? ' (its staging)' : ''}`);
      return { runId: 'r1', done: Promise.resolve({} as never) };
    },
    cancelAgent: (id?: string) => void log.push(`cancel ${id}`),
    sessionChanged: (id?: string) => void log.push(`session ${id}`),
    stagedChanged: (id: string, c: readonly StagedChange[]) => void log.push(`staged ${id}: ${c.length}`),
  };
  const trigger = new AgentReviewTrigger({ sessions, pending, reviews, settings: () => ({ ...DEFAULT_REVIEW_SETTINGS, ...settings }), log: silentLogger });
  const turn = async (after: StagedChange[]) => {
    agent.staging.setChanges(after);
    for await (const _ of agent.runStreamed('go')) void _;
    await settle();
    await settle();
  };
  return { log, agent, sessions, pending, trigger, turn, switchTo: () => listeners.forEach((l) => l()), pendingChanged: () => pendingListeners.forEach((l) => l()) };
}

test('a turn that staged enough new lines is reviewed with the agent\'s staging; a small one is not', async () => {
  const t = setup({ minChangedLines: 5 });
  assert.deepEqual(t.log, ['session s1']);
  t.log.length = 0;
  await t.turn([staged('a.ts', 2)]);
  assert.deepEqual(t.log, ['cancel s1'], 'two lines: below the setting');
  t.log.length = 0;
  t.pending.changes = [staged('a.ts', 2)];
  await t.turn([staged('a.ts', 2), staged('b.ts', 6)]);
  assert.deepEqual(t.log, ['cancel s1', 'staged s1: 2', 'review s1: a.ts,b.ts (its staging)'], 'b.ts is new; a.ts was pending before');
  t.trigger.dispose();
});

test('off: no review; another session: the old review is forgotten and the new agent followed', async () => {
  const off = setup({ agentChanges: 'off' });
  await off.turn([staged('a.ts', 10)]);
  assert.ok(!off.log.some((l) => l.startsWith('review')));
  off.trigger.dispose();

  const t = setup();
  const other = new FakeAgent('s2', scripted(TURN));
  t.sessions.current = { sessionId: 's2', agent: other };
  t.switchTo();
  assert.deepEqual(t.log.slice(-1), ['session s2']);
  t.log.length = 0;
  await t.turn([staged('a.ts', 10)]); // a turn of the old agent: not followed any more
  assert.deepEqual(t.log, []);
  t.pending.sessionId = 's2';
  t.pending.changes = [staged('c.ts', 1)];
  t.pendingChanged();
  assert.deepEqual(t.log, ['staged s2: 1'], 'staged updates reach the findings');
  t.trigger.dispose();
});

test('a subagent\'s turns inside the session\'s turn neither stop nor start a review; the review after the turn covers what it merged', async () => {
  const usage = { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, reasoningTokens: 0 };
  const withChild: SessionEvent[] = [
    { type: 'turn/started', turnId: 't1' },
    { type: 'turn/started', turnId: 'c1', agentId: 'w1' },
    { type: 'turn/completed', turnId: 'c1', usage, agentId: 'w1' },
    { type: 'turn/failed', turnId: 'c2', error: { message: 'boom' }, agentId: 'w2' },
    { type: 'turn/completed', turnId: 't1', usage },
  ];
  const t = setup({ minChangedLines: 5 });
  const agent = new FakeAgent('s1', scripted(withChild));
  t.sessions.current = { sessionId: 's1', agent };
  t.switchTo();
  t.log.length = 0;
  agent.staging.setChanges([{ ...staged('by-worker.ts', 8), agents: ['w1'] }]);
  for await (const _ of agent.runStreamed('split the work')) void _;
  await settle();
  await settle();
  assert.deepEqual(t.log, ['cancel s1', 'staged s1: 1', 'review s1: by-worker.ts (its staging)'], 'one cancel at the session\'s turn start, one review at its end');
  t.trigger.dispose();
});
