// Long sessions: a snapshot carries only the newest items; session/items pages older
// ones in, in order, without gaps or repeats.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SessionController, SNAPSHOT_ITEMS } from '../../../src/host/session/sessionController';
import { ApprovalBridge } from '../../../src/host/session/approvalBridge';
import { buildSnapshot } from '../../../src/host/rpc/snapshot';
import { handlers } from '../../../src/host/handlers/handlerTable';
import { validateInbound } from '../../../src/host/rpc/validate';
import { silentLogger } from '../../../src/host/util/log';
import type { HostServices, RequestContext } from '../../../src/host/handlers/types';
import type { ConfigView } from '../../../src/protocol/messages';
import type { Item } from '../../../src/core/types/items';
import { FakeAgent, FakeClock, RecordingNotifier, scripted } from './fakes';

const OUTPUT = 'x'.repeat(3000);
function longItems(n: number): Item[] {
  return Array.from({ length: n }, (_, i): Item =>
    i % 2 === 0
      ? { id: `i${i}`, turnId: `t${Math.floor(i / 20)}`, type: 'user_message', text: `message ${i}` }
      : { id: `i${i}`, turnId: `t${Math.floor(i / 20)}`, type: 'command_execution', command: 'ls', cwd: '.', output: OUTPUT, status: 'completed', exitCode: 0 } as Item,
  );
}

function controllerWith(items: Item[]) {
  const clock = new FakeClock();
  const notifier = new RecordingNotifier();
  const agent = new FakeAgent('s1', scripted([]), items);
  return new SessionController({ agent, approvals: new ApprovalBridge(notifier), channel: notifier, clock, log: silentLogger });
}

const config = { trusted: true } as ConfigView;

test('a snapshot of a 5,000-item session carries only the newest items and counts the rest', () => {
  const items = longItems(5000);
  const controller = controllerWith(items);
  const snap = buildSnapshot({ sessions: controller, config: { peek: () => config } });
  assert.equal(snap.items.length, SNAPSHOT_ITEMS);
  assert.equal(snap.olderItems, 5000 - SNAPSHOT_ITEMS);
  assert.deepEqual(snap.items.map((i) => i.id), items.slice(-SNAPSHOT_ITEMS).map((i) => i.id));
  // bounded by the window, not by the session: ~1/25 of the whole
  const whole = JSON.stringify(items).length;
  assert.ok(JSON.stringify(snap).length < whole / 20, `snapshot ${JSON.stringify(snap).length} of ${whole}`);
});

test('a short session is sent whole with olderItems 0', () => {
  const snap = buildSnapshot({ sessions: controllerWith(longItems(10)), config: { peek: () => config } });
  assert.equal(snap.items.length, 10);
  assert.equal(snap.olderItems ?? 0, 0);
});

function ctxFor(controller: SessionController | undefined): RequestContext {
  return { sessions: { current: controller, whenReady: async () => controller }, requestId: 1 } as unknown as HostServices as RequestContext;
}

test('session/items pages back to the first item: contiguous, in order, no repeats', async () => {
  const items = longItems(1234);
  const controller = controllerWith(items);
  const snap = buildSnapshot({ sessions: controller, config: { peek: () => config } });
  let held = snap.items.map((i) => i.id);
  let older = snap.olderItems ?? 0;
  let pages = 0;
  while (older > 0) {
    const page = await handlers['session/items']({ sessionId: 's1', before: held[0], limit: 300 }, ctxFor(controller));
    assert.ok(page.items.length <= 300 && page.items.length > 0);
    assert.equal(page.olderItems, older - page.items.length);
    held = [...page.items.map((i) => i.id), ...held];
    older = page.olderItems;
    pages++;
  }
  assert.equal(pages, Math.ceil((1234 - SNAPSHOT_ITEMS) / 300));
  assert.deepEqual(held, items.map((i) => i.id));
  // before the first item: nothing older
  assert.deepEqual(await handlers['session/items']({ sessionId: 's1', before: 'i0', limit: 50 }, ctxFor(controller)), { items: [], olderItems: 0 });
});

test('an agent holding only its newest items: the snapshot counts the log, pages come from it, no gap or repeat', async () => {
  const items = longItems(1000);
  const agent = new FakeAgent('s1', scripted([]), items.slice(-250));
  agent.logOnly = items.slice(0, -250);
  const controller = new SessionController({ agent, approvals: new ApprovalBridge(new RecordingNotifier()), channel: new RecordingNotifier(), clock: new FakeClock(), log: silentLogger });
  const snap = buildSnapshot({ sessions: controller, config: { peek: () => config } });
  assert.equal(snap.olderItems, 1000 - SNAPSHOT_ITEMS);
  let held = snap.items.map((i) => i.id);
  let older = snap.olderItems ?? 0;
  while (older > 0) {
    // 70 reaches across the window's start on the first page
    const page = await handlers['session/items']({ sessionId: 's1', before: held[0], limit: 70 }, ctxFor(controller));
    assert.ok(page.items.length > 0);
    assert.equal(page.olderItems, older - page.items.length);
    held = [...page.items.map((i) => i.id), ...held];
    older = page.olderItems;
  }
  assert.deepEqual(held, items.map((i) => i.id));
});

test('session/items refuses another session, no session and an unknown item', async () => {
  const controller = controllerWith(longItems(300));
  await assert.rejects(async () => handlers['session/items']({ sessionId: 'other', before: 'i100', limit: 10 }, ctxFor(controller)), /no longer open/);
  await assert.rejects(async () => handlers['session/items']({ sessionId: 's1', before: 'i100', limit: 10 }, ctxFor(undefined)), /No session is open/);
  await assert.rejects(async () => handlers['session/items']({ sessionId: 's1', before: 'nope', limit: 10 }, ctxFor(controller)), /no item "nope"/);
});

test('session/items params are validated (limit is bounded, before is required)', () => {
  assert.equal(validateInbound({ kind: 'request', id: 1, method: 'session/items', params: { sessionId: 's', before: 'i1', limit: 100 } }).ok, true);
  assert.equal(validateInbound({ kind: 'request', id: 2, method: 'session/items', params: { sessionId: 's', before: 'i1', limit: 100_000 } }).ok, false);
  assert.equal(validateInbound({ kind: 'request', id: 3, method: 'session/items', params: { sessionId: 's', limit: 10 } }).ok, false);
});
