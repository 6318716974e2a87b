// item/completed of streamed items: the text the webview already has is not sent again,
// and the two cases where it must be (a reload mid-stream, a retried request closing its
// partial with empty text) stay correct.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SessionController } from '../../../src/host/session/sessionController';
import { ApprovalBridge } from '../../../src/host/session/approvalBridge';
import { WebviewChannel } from '../../../src/host/rpc/webviewChannel';
import { SnapshotBuilder } from '../../../src/host/rpc/snapshot';
import { silentLogger } from '../../../src/host/util/log';
import type { SessionEvent } from '../../../src/core/types/events';
import type { Item } from '../../../src/core/types/items';
import type { ConfigView, HostToWebview } from '../../../src/protocol/messages';
import { FakeAgent, FakeClock, settle } from './fakes';
import { DeltaDecoder, isDeltaPost } from '../../../webview/rpc/deltas';

const usage = { inputTokens: 1, cachedInputTokens: 0, outputTokens: 1, reasoningTokens: 0 };
const msg = (text: string, id = 'm1'): Item => ({ id, turnId: 't1', type: 'agent_message', text });
const config = { provider: 'openai', baseUrl: '', model: 'm', models: [], reasoningEffort: 'low', approvalPolicy: 'on-request', contextWindow: 1, trusted: true } as ConfigView;

/** A controller wired to a real channel and snapshot builder; the script waits on `step()`. */
function setup(events: (SessionEvent | 'pause')[]) {
  const clock = new FakeClock();
  const channel = new WebviewChannel(clock);
  const posted: HostToWebview[] = [];
  channel.attach((m) => posted.push(m));
  let release: () => void = () => undefined;
  const agent = new FakeAgent('s1', async function* () {
    for (const e of events) {
      if (e === 'pause') await new Promise<void>((r) => (release = r));
      else yield e;
    }
  });
  const controller = new SessionController({ agent, approvals: new ApprovalBridge(channel), channel, clock, log: silentLogger });
  const snapshots = new SnapshotBuilder({ sessions: controller, config: { peek: () => config } }, channel);
  channel.respond(0, snapshots.take(0));
  posted.length = 0;
  // deltas travel as compact posts: decode them as the webview does
  const notes = (method: string) => {
    const decoder = new DeltaDecoder();
    return posted.flatMap((m): unknown[] => (isDeltaPost(m) ? (method === 'item/updated' ? decoder.decode(m) : []) : m.kind === 'notification' && m.method === method ? [m.params] : []));
  };
  return { clock, posted, controller, snapshots, channel, notes, step: async () => (release(), await settle()) };
}

test('a completed item whose text was streamed is sent without the text, flagged streamed', async () => {
  const h = setup([
    { type: 'turn/started', turnId: 't1' },
    { type: 'item/started', item: msg('') },
    { type: 'item/updated', itemId: 'm1', delta: { kind: 'text', text: 'Hello ' } },
    'pause',
    { type: 'item/updated', itemId: 'm1', delta: { kind: 'text', text: 'world' } },
    { type: 'item/completed', item: msg('Hello world') },
    { type: 'turn/completed', turnId: 't1', usage },
  ]);
  h.controller.send('hi');
  await settle();
  h.clock.advance(100); // the timer posts "Hello "
  await h.step();
  await h.controller.whenIdle();
  assert.deepEqual(h.notes('item/updated'), [{ itemId: 'm1', delta: { text: 'Hello ' } }]);
  // "world" was still pending: it rides in the completion instead of a forced extra post
  assert.deepEqual(h.notes('item/completed'), [{ item: msg('world'), streamed: true }]);
});

test('a reload mid-stream: the snapshot carries the text so far, the completion only the rest', async () => {
  const h = setup([
    { type: 'turn/started', turnId: 't1' },
    { type: 'item/started', item: msg('') },
    { type: 'item/updated', itemId: 'm1', delta: { kind: 'text', text: 'one ' } },
    'pause',
    { type: 'item/updated', itemId: 'm1', delta: { kind: 'text', text: 'two ' } },
    'pause',
    { type: 'item/updated', itemId: 'm1', delta: { kind: 'text', text: 'three' } },
    { type: 'item/completed', item: msg('one two three') },
    { type: 'turn/completed', turnId: 't1', usage },
  ]);
  h.controller.send('hi');
  await settle();
  h.clock.advance(100); // "one " posted
  await h.step(); // "two " pending in the batcher
  // the webview reloads: its new frame attaches and asks for a snapshot
  h.channel.attach((m) => h.posted.push(m));
  h.posted.length = 0;
  const snapshot = h.snapshots.take(7);
  h.channel.respond(7, snapshot);
  assert.equal((snapshot.items.find((i) => i.id === 'm1') as { text: string }).text, 'one two ');
  await h.step();
  await h.controller.whenIdle();
  assert.deepEqual(h.notes('item/updated'), []);
  assert.deepEqual(h.notes('item/completed'), [{ item: msg('three'), streamed: true }]);
});

test('a retried request closes its partial with empty text: sent whole, so the webview drops its copy', async () => {
  const h = setup([
    { type: 'turn/started', turnId: 't1' },
    { type: 'item/started', item: msg('') },
    { type: 'item/updated', itemId: 'm1', delta: { kind: 'text', text: 'Partial ans' } },
    'pause',
    { type: 'item/completed', item: msg('') },
    { type: 'item/started', item: msg('', 'm2') },
    { type: 'item/updated', itemId: 'm2', delta: { kind: 'text', text: 'Full answer' } },
    { type: 'item/completed', item: msg('Full answer', 'm2') },
    { type: 'turn/completed', turnId: 't1', usage },
  ]);
  h.controller.send('hi');
  await settle();
  h.clock.advance(100);
  await h.step();
  await h.controller.whenIdle();
  assert.deepEqual(h.notes('item/completed'), [{ item: msg('') }, { item: msg('Full answer', 'm2') }]);
  assert.deepEqual(h.controller.state().items.map((i) => (i as { text: string }).text), ['', 'Full answer']);
});
