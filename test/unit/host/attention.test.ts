// The attention tee: passes everything through, counts approvals and changes for the
// badge, announces each approval once, and announces only turns longer than the threshold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AttentionTee, type AttentionSink } from '../../../src/host/session/attention';
import { FakeClock, RecordingNotifier } from './fakes';
import type { SessionEvent } from '../../../src/core/types/events';
import type { ChangedFileSummary } from '../../../src/protocol/messages';

const usage = { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, reasoningTokens: 0 };
const change = (path: string): ChangedFileSummary => ({ path, kind: 'modify', added: 1, removed: 0, stale: false, binary: false, hunks: [] });

function setup() {
  const clock = new FakeClock();
  const notifier = new RecordingNotifier();
  const calls: unknown[][] = [];
  const sink: AttentionSink = {
    badge: (a, c) => calls.push(['badge', a, c]),
    approvalNeeded: (a) => calls.push(['approval', a.requestId]),
    turnEnded: (o, s, d) => calls.push(['ended', o, s, d]),
    thresholdMs: () => 30_000,
  };
  const events: SessionEvent[] = [];
  const channel = { notify: notifier.notify.bind(notifier), event: (e: SessionEvent) => void events.push(e) };
  return { tee: new AttentionTee(channel, clock, sink), clock, notifier, calls, events };
}

test('approvals and changes make the badge; each approval is announced once', () => {
  const { tee, calls, notifier } = setup();
  const approval = { requestId: 'a1', type: 'read' as const, path: '.env', why: 'secret' };
  tee.notify('approval/requested', approval);
  tee.notify('approval/requested', approval);
  tee.notify('changes/updated', { changes: [change('a.ts'), change('b.ts')] });
  tee.notify('approval/resolved', { requestId: 'a1' });
  assert.deepEqual(calls, [['approval', 'a1'], ['badge', 1, 0], ['badge', 1, 2], ['badge', 0, 2]]);
  assert.equal(notifier.of('approval/requested').length, 2, 'everything still reaches the webview');
});

test('only turns longer than the threshold are announced, with how they ended', () => {
  const { tee, clock, calls, events } = setup();
  tee.event({ type: 'turn/started', turnId: 't1' });
  clock.advance(5_000);
  tee.event({ type: 'turn/completed', turnId: 't1', usage });
  tee.event({ type: 'turn/started', turnId: 't2' });
  clock.advance(45_000);
  tee.event({ type: 'turn/failed', turnId: 't2', error: { message: 'HTTP 500' } });
  tee.event({ type: 'turn/started', turnId: 't3' });
  clock.advance(31_000);
  tee.event({ type: 'turn/completed', turnId: 't3', usage, aborted: true });
  assert.deepEqual(calls, [['ended', 'failed', 45, 'HTTP 500'], ['ended', 'stopped', 31, undefined]]);
  assert.equal(events.length, 6);
});
