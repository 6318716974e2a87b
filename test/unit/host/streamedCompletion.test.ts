// item/completed of streamed items: the text the webview already has is not sent again,
// and the two cases where it must be (a reload mid-stream, a retried request closing its
// partial with empty text) stay correct.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SessionController } from '../../../src/host/session/sessionController';
import { ApprovalBridge } from '../../../src/host/session/approvalBridge';
import { completionParams } from '../../../src/host/session/completion';
import { DeltaBatcher } from '../../../src/host/rpc/batcher';
import { Outbox } from '../../../src/host/rpc/outbox';
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

/** A controller wired to a real outbox, batcher and snapshot builder; the script waits on `step()`. */
function setup(events: (SessionEvent | 'pause')[]) {
  const clock = new FakeClock();
  const outbox = new Outbox();
  const posted: HostToWebview[] = [];
  outbox.attach((m) => posted.push(m));
  outbox.holdUntilResponse(0);
  outbox.respond(0, {});
  posted.length = 0;
  const batcher = new DeltaBatcher((itemId, text) => outbox.notify('item/delta', { itemId, text }), clock);
  let release: () => void = () => undefined;
  const agent = new FakeAgent('s1', async function* () {
    for (const e of events) {
      if (e === 'pause') await new Promise<void>((r) => (release = r));
      else yield e;
    }
  });
  const controller = new SessionController({ agent, approvals: new ApprovalBridge(outbox), notifier: outbox, batcher, clock, log: silentLogger });
  const snapshots = new SnapshotBuilder({ sessions: controller, config: { peek: () => config } }, outbox, batcher);
  // deltas travel as compact posts: decode them as the webview does
  const notes = (method: string) => {
    const decoder = new DeltaDecoder();
    return posted.flatMap((m) => (isDeltaPost(m) ? (method === 'item/delta' ? decoder.decode(m) : []) : m.kind === 'notification' && m.method === method ? [m.params] : []));
  };
  return { clock, posted, controller, snapshots, outbox, notes, step: async () => (release(), await settle()) };
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
  assert.deepEqual(h.notes('item/delta'), [{ itemId: 'm1', text: 'Hello ' }]);
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
  h.outbox.attach((m) => h.posted.push(m));
  h.posted.length = 0;
  const snapshot = h.snapshots.take(7);
  h.outbox.respond(7, snapshot);
  assert.equal((snapshot.items.find((i) => i.id === 'm1') as { text: string }).text, 'one two ');
  await h.step();
  await h.controller.whenIdle();
  assert.deepEqual(h.notes('item/delta'), []);
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

test('completionParams sends whole whatever does not extend what was streamed', () => {
  const cmd = (output: string): Item => ({ id: 'c', turnId: 't', type: 'command_execution', command: 'ls', cwd: '.', output, status: 'in_progress' });
  const done = { ...(cmd('a\nb\n') as object), status: 'completed', exitCode: 0 } as Item;
  assert.deepEqual(completionParams(cmd('a\n'), done, ''), { item: { ...done, output: 'b\n' } as never, streamed: true });
  assert.deepEqual(completionParams(cmd('a\nb\n'), done, 'b\n'), { item: { ...done, output: 'b\n' } as never, streamed: true });
  assert.deepEqual(completionParams(cmd('x'), done, ''), { item: done as never }); // rewritten
  assert.deepEqual(completionParams(undefined, done, ''), { item: done as never }); // never started here
  assert.deepEqual(completionParams(msg('ab'), msg('ab'), 'b'), { item: msg('b') as never, streamed: true });
  const tool: Item = { id: 'x', turnId: 't', type: 'tool_call', name: 'n', arguments: '{}', output: 'o', status: 'completed' };
  assert.deepEqual(completionParams(tool, tool, ''), { item: tool as never });
});
