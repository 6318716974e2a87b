// The compact delta wire (src/protocol/messages.ts, header): the webview's decoder and
// RPC client on their own, then the whole path host WebviewChannel -> RpcClient ->
// reducer, with several items per flush, completions, a reload and a session switch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Item, HostToWebview } from '../../../src/protocol';
import { WebviewChannel } from '../../../src/host/rpc/webviewChannel';
import { RpcClient, type HostNotification } from '../../../webview/rpc/client';
import { DeltaDecoder, isDeltaPost } from '../../../webview/rpc/deltas';
import { fromNotification, initialState, reducer, type ChatState } from '../../../webview/state/reducer';
import { FakeClock } from '../host/fakes';
import { snapshot } from './fixtures';

const msg = (id: string, text = ''): Item => ({ id, turnId: 't1', type: 'agent_message', text });
const cmd = (id: string, output = ''): Item => ({ id, turnId: 't1', type: 'command_execution', command: 'ls', cwd: '.', output, status: 'in_progress' });

function client() {
  const notes: HostNotification[] = [];
  const rpc = new RpcClient({ postMessage: () => undefined }, (n) => notes.push(n));
  return { rpc, notes, deltas: () => notes.flatMap((n) => (n.method === 'item/updated' ? [{ itemId: n.params.itemId, text: n.params.delta.text }] : [])) };
}

test('isDeltaPost tells compact posts (bare arrays of pairs) from envelopes and junk', () => {
  assert.equal(isDeltaPost([1, 'x']), true);
  assert.equal(isDeltaPost([[1, 'a'], 'x', 2, 'y']), true);
  for (const junk of [null, 'd', [], [1], [1, 'x', 2], { d: [1, 'x'] }, { kind: 'notification', method: 'turn/started' }, { kind: 'response', id: 1 }]) assert.equal(isDeltaPost(junk), false, JSON.stringify(junk));
});

test('several items in one post decode in pair order; bindings persist across posts', () => {
  const { rpc, deltas } = client();
  assert.equal(rpc.handleMessage([[1, 'm1'], 'Hel', [2, 'c1'], '$ ls\n']), true);
  rpc.handleMessage([2, 'a.txt\n', 1, 'lo']);
  assert.deepEqual(deltas(), [
    { itemId: 'm1', text: 'Hel' },
    { itemId: 'c1', text: '$ ls\n' },
    { itemId: 'c1', text: 'a.txt\n' },
    { itemId: 'm1', text: 'lo' },
  ]);
});

test('an unknown handle or a malformed pair is dropped safely; the rest of the post applies', () => {
  const { rpc, deltas } = client();
  const junk = [7, 'no binding', 0, 'x', [0, 'z'], 'x', [1.5, 'z'], 'x', '1', 'x', [1, 'z'], 2, [1, ''], 'x', [1, 5], 'x', [1], 'x', [1, 'a', 'b'], 'x', null, 'x'];
  assert.doesNotThrow(() => rpc.handleMessage([...junk, [3, 'm1'], 'kept', 3, '']));
  assert.deepEqual(deltas(), [{ itemId: 'm1', text: 'kept' }]);
});

test('item/completed unbinds its handle: a bare handle after it is dropped, a new binding reuses it', () => {
  const { rpc, notes } = client();
  rpc.handleMessage([[1, 'm1'], 'abc']);
  rpc.handleMessage({ kind: 'notification', method: 'item/completed', params: { item: msg('m1', ''), streamed: true } });
  rpc.handleMessage([1, 'late']);
  rpc.handleMessage([[1, 'm2'], 'new']);
  assert.deepEqual(
    notes.map((n) => (n.method === 'item/updated' ? `${n.params.itemId}:${n.params.delta.text}` : n.method)),
    ['m1:abc', 'item/completed', 'm2:new'],
  );
  const decoder = new DeltaDecoder();
  decoder.decode([[1, 'x'], 'a', [2, 'y'], 'b']);
  decoder.forget('x');
  assert.equal(decoder.bound, 1);
});

/** Host (a WebviewChannel fed the session's events) wired to a webview page (client + reducer), with a host-side model of the text. */
function wire() {
  const clock = new FakeClock();
  const channel = new WebviewChannel(clock);
  const posted: HostToWebview[] = [];
  const host = new Map<string, Item>();
  const page = { state: initialState as ChatState, rpc: undefined as unknown as RpcClient };
  // The view is attached once; a reload swaps the page behind the same channel (VS Code
  // reloads a webview's content without resolving the view again).
  channel.attach((m) => {
    posted.push(JSON.parse(JSON.stringify(m))); // what crosses postMessage is a copy
    page.rpc.handleMessage(posted.at(-1));
  });
  const load = () => {
    // a fresh page: new client, no bindings
    page.state = initialState;
    page.rpc = new RpcClient({ postMessage: () => undefined }, (n) => (page.state = reducer(page.state, fromNotification(n))));
  };
  let requestId = 100;
  /** webview/ready (or session/open): the host builds the snapshot from its model and answers. */
  const takeSnapshot = () => {
    const id = ++requestId;
    const snap = channel.snapshot(id, () => snapshot([...host.values()], { running: true }));
    page.state = reducer(page.state, { type: 'state/snapshot', params: snap }); // the response's result, applied by main.tsx
    channel.respond(id, snap);
  };
  const start = (item: Item) => (host.set(item.id, item), channel.event({ type: 'item/started', item }));
  const push = (id: string, text: string) => {
    const item = host.get(id)!;
    host.set(id, item.type === 'command_execution' ? { ...item, output: item.output + text } : ({ ...item, text: (item as { text: string }).text + text } as Item));
    channel.event({ type: 'item/updated', itemId: id, delta: item.type === 'command_execution' ? { kind: 'output', text, stream: 'stdout' } : { kind: 'text', text } });
  };
  const complete = (id: string) => {
    const item = host.get(id)!;
    const done = item.type === 'command_execution' ? { ...item, status: 'completed' as const } : item;
    host.set(id, done as Item);
    channel.event({ type: 'item/completed', item: done as Item });
  };
  const text = (id: string) => {
    const item = page.state.items[page.state.index.get(id)!];
    return item.type === 'command_execution' ? item.output : (item as { text: string }).text;
  };
  const hostText = (id: string) => {
    const item = host.get(id)!;
    return item.type === 'command_execution' ? item.output : (item as { text: string }).text;
  };
  return { clock, channel, posted, page, host, load, takeSnapshot, start, push, complete, text, hostText };
}

test('host to page: several items per flush, a reload mid-stream, completions and handle reuse keep the text exact', async () => {
  const w = wire();
  w.load();
  w.takeSnapshot();
  w.start(msg('m1'));
  w.start(cmd('c1'));
  w.push('m1', 'Hello ');
  w.push('c1', '$ ls\n');
  w.clock.advance(0);
  await Promise.resolve();
  const first = w.posted.at(-1)!;
  assert.ok(isDeltaPost(first) && first.length === 4, 'one post carries both items');
  for (let i = 0; i < 20; i++) {
    w.push('m1', `w${i} `);
    if (i % 3 === 0) w.push('c1', `f${i}\n`);
    w.clock.advance(7);
    await Promise.resolve();
  }
  assert.equal(w.text('m1'), w.hostText('m1').slice(0, w.text('m1').length));
  // the page reloads with text still pending in the batcher: the snapshot carries it
  w.push('m1', 'pending ');
  w.load();
  w.takeSnapshot();
  assert.equal(w.text('m1'), w.hostText('m1'));
  w.push('m1', 'after reload ');
  w.push('c1', 'g\n');
  w.clock.advance(100);
  await Promise.resolve();
  const rebound = w.posted.at(-1)!;
  assert.ok(isDeltaPost(rebound) && rebound.filter((_, i) => i % 2 === 0).every(Array.isArray), 'the first post after the snapshot binds again');
  // m1 completes with a tail; a new item reuses its handle
  w.push('m1', 'the end.');
  w.complete('m1');
  w.start(msg('m2'));
  w.push('m2', 'Next');
  w.push('c1', 'h\n');
  w.clock.advance(100);
  await Promise.resolve();
  w.complete('c1');
  w.complete('m2');
  for (const id of ['m1', 'c1', 'm2']) assert.equal(w.text(id), w.hostText(id), `${id} on the page`);
  // a session switch: a pushed snapshot restarts the handles, then a new stream binds from 1
  w.host.clear();
  w.host.set('n1', msg('n1'));
  const s2 = snapshot([msg('n1')], { sessionId: 's2', running: true });
  w.channel.pushSnapshot(() => s2);
  w.start(msg('n1'));
  w.push('n1', 'fresh');
  w.clock.advance(100);
  await Promise.resolve();
  assert.deepEqual(w.posted.at(-1), [[1, 'n1'], 'fresh']);
  assert.equal(w.text('n1'), 'fresh');
});

test('every post of a long stream is small: 6 bytes of envelope per post', async () => {
  const w = wire();
  w.load();
  w.takeSnapshot();
  w.start(msg('item_0123456789ab'));
  w.posted.length = 0;
  for (let i = 0; i < 200; i++) {
    w.push('item_0123456789ab', `w${String(i).padStart(4, '0')} `);
    w.clock.advance(5);
    await Promise.resolve();
  }
  w.clock.advance(100);
  await Promise.resolve();
  const posts = w.posted.filter(isDeltaPost);
  const text = posts.reduce((a, p) => a + p.filter((x): x is string => typeof x === 'string').reduce((b, t) => b + t.length, 0), 0);
  const bytes = posts.reduce((a, p) => a + JSON.stringify(p).length, 0);
  assert.equal(text, 200 * 6);
  // the binding costs ["item_0123456789ab"] once: 2 brackets, 2 quotes, a comma and the id
  assert.equal(bytes - text - ('item_0123456789ab'.length + 5), posts.length * 6, `${bytes} B for ${text} chars in ${posts.length} posts`);
});
