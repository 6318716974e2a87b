// The webview channel: what reaches the webview, in what order, and in how few bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WebviewChannel } from '../../../src/host/rpc/webviewChannel';
import type { HostToWebview, Item, SessionEvent, Snapshot } from '../../../src/protocol';
import { FakeClock } from './fakes';

const msg = (id: string, text = ''): Item => ({ id, turnId: 't', type: 'agent_message', text });
const cmd = (id: string, output = ''): Item => ({ id, turnId: 't', type: 'command_execution', command: 'ls', cwd: '.', output, status: 'in_progress' });
const usage = { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, reasoningTokens: 0 };
const snapshotOf = (items: Item[]): Snapshot => ({ items } as unknown as Snapshot);

function setup() {
  const clock = new FakeClock();
  const channel = new WebviewChannel(clock);
  const sent: HostToWebview[] = [];
  return { clock, channel, sent };
}

/** A synced channel recording what it posts. */
function synced() {
  const h = setup();
  h.channel.attach((m) => h.sent.push(m));
  h.channel.snapshot(0, () => snapshotOf([]));
  h.channel.respond(0, {});
  h.sent.length = 0;
  const ev = (e: SessionEvent) => h.channel.event(e);
  const start = (...items: Item[]) => items.forEach((item) => ev({ type: 'item/started', item }));
  const delta = (itemId: string, text: string) => ev({ type: 'item/updated', itemId, delta: { kind: 'text', text } });
  /** Lets the batcher's timer post. */
  const flush = () => h.clock.advance(100);
  return { ...h, ev, start, delta, flush };
}

/** One line per post: `response N`, a notification's method, or a DeltaPost's entries as JSON. */
const show = (m: HostToWebview) => (!Array.isArray(m) && m.kind === 'response' ? `response ${m.id}` : !Array.isArray(m) && m.kind === 'notification' ? m.method : JSON.stringify(m));

test('nothing is sent until the webview has taken a snapshot', () => {
  const { channel, sent, clock } = setup();
  channel.event({ type: 'item/started', item: msg('i') });
  channel.event({ type: 'item/updated', itemId: 'i', delta: { kind: 'text', text: 'lost: no view' } });
  channel.attach((m) => sent.push(m));
  channel.event({ type: 'item/updated', itemId: 'i', delta: { kind: 'text', text: 'lost: not synced' } });
  channel.event({ type: 'turn/started', turnId: 't' });
  clock.advance(100);
  assert.equal(sent.length, 0);
});

test('events after the snapshot wait for its response, then follow in order', () => {
  const { channel, sent, clock } = setup();
  channel.attach((m) => sent.push(m));
  channel.event({ type: 'item/started', item: msg('i') });
  channel.snapshot(1, () => snapshotOf([msg('i')]));
  channel.event({ type: 'item/updated', itemId: 'i', delta: { kind: 'text', text: 'a' } });
  clock.advance(100);
  channel.respond(2, { ok: true }); // another request's response does not release
  channel.event({ type: 'item/updated', itemId: 'i', delta: { kind: 'text', text: 'b' } });
  clock.advance(100);
  channel.respond(1, { snapshot: true });
  channel.event({ type: 'item/updated', itemId: 'i', delta: { kind: 'text', text: 'c' } });
  clock.advance(100);
  assert.deepEqual(sent.map(show), ['response 2', 'response 1', '[[1,"i"],"a"]', '[1,"b"]', '[1,"c"]']);
});

test('a failed snapshot request leaves the webview unsynced', () => {
  const { channel, sent, clock } = setup();
  channel.attach((m) => sent.push(m));
  channel.event({ type: 'item/started', item: msg('i') });
  channel.snapshot(1, () => snapshotOf([msg('i')]));
  channel.event({ type: 'item/updated', itemId: 'i', delta: { kind: 'text', text: 'a' } });
  channel.respond(1, undefined, { message: 'version mismatch' });
  channel.event({ type: 'item/updated', itemId: 'i', delta: { kind: 'text', text: 'b' } });
  clock.advance(100);
  assert.deepEqual(sent, [{ kind: 'response', id: 1, error: { message: 'version mismatch' } }]);
});

test('detach of an old view does not detach a newer one', () => {
  const { channel, clock } = setup();
  const old: HostToWebview[] = [];
  const fresh: HostToWebview[] = [];
  const sendOld = (m: HostToWebview) => old.push(m);
  channel.attach(sendOld);
  channel.attach((m) => fresh.push(m));
  channel.detach(sendOld);
  channel.snapshot(1, () => snapshotOf([]));
  channel.respond(1, {});
  channel.event({ type: 'item/started', item: msg('x') });
  channel.event({ type: 'item/updated', itemId: 'x', delta: { kind: 'text', text: 'x' } });
  clock.advance(100);
  assert.equal(old.length, 0);
  assert.equal(fresh.length, 3);
});

test('the deltas of one flush are one compact post, whatever the number of items', () => {
  const { sent, start, delta, flush } = synced();
  start(msg('m1'), cmd('c1'), msg('m2'));
  sent.length = 0;
  delta('m1', 'Hel');
  delta('c1', '$ ls\n');
  delta('m1', 'lo');
  delta('m2', ''); // nothing to say: no entry, no binding
  assert.equal(sent.length, 0, 'not posted synchronously');
  flush();
  assert.deepEqual(sent, [[[1, 'm1'], 'Hello', [2, 'c1'], '$ ls\n']]);
  // the next flush: handles only, no ids
  delta('m1', ' world');
  delta('c1', 'a.txt\n');
  flush();
  assert.deepEqual(sent[1], [1, ' world', 2, 'a.txt\n']);
  assert.equal(JSON.stringify(sent[1]).length - ' world'.length - 'a.txt\n'.length, 12, 'a few bytes: [1,"",2,""] plus the escaped newline');
});

test('a completion carries its pending text; a turn end posts what is pending first (order on the wire = order of events)', () => {
  const { sent, ev, start, delta, flush, channel } = synced();
  start(msg('m1'), msg('m2'));
  delta('m1', 'head ');
  flush();
  delta('m1', 'tail');
  ev({ type: 'item/completed', item: msg('m1', 'head tail') });
  delta('m2', 'x');
  channel.respond(5, { ok: true });
  ev({ type: 'turn/completed', turnId: 't', usage });
  assert.deepEqual(sent.map(show), ['item/started', 'item/started', '[[1,"m1"],"head "]', 'item/completed', 'response 5', '[[1,"m2"],"x"]', 'turn/completed']);
  assert.deepEqual((sent[3] as { params: unknown }).params, { item: msg('m1', 'tail'), streamed: true });
});

test('item/completed frees the handle: a later item reuses it with an explicit binding', () => {
  const { sent, ev, start, delta, flush } = synced();
  start(msg('m1'), msg('m2'), msg('m3'));
  sent.length = 0;
  delta('m1', 'a');
  delta('m2', 'b');
  flush();
  ev({ type: 'item/completed', item: msg('m1', 'a') });
  delta('m3', 'c');
  delta('m2', 'd');
  flush();
  assert.deepEqual(sent.map(show), ['[[1,"m1"],"a",[2,"m2"],"b"]', 'item/completed', '[[1,"m3"],"c",2,"d"]']);
});

test('every snapshot restarts the handles: the first delta after it binds again', () => {
  const { sent, start, delta, flush, channel } = synced();
  start(msg('m1'), msg('m2'));
  sent.length = 0;
  delta('m1', 'a');
  delta('m2', 'b');
  flush();
  // a reload: webview/ready's snapshot; m2's pending text is in it (dropped from the batcher)
  delta('m2', 'before');
  channel.snapshot(9, () => snapshotOf([msg('m1', 'a'), msg('m2', 'bbefore')]));
  delta('m2', 'after');
  flush();
  channel.respond(9, { snapshot: true });
  // a pushed snapshot (session switched) restarts them too
  channel.pushSnapshot(() => snapshotOf([msg('m1', 'a'), msg('m2', 'bbeforeafter')]));
  delta('m2', 'new');
  flush();
  assert.deepEqual(sent.map(show), ['[[1,"m1"],"a",[2,"m2"],"b"]', 'response 9', '[[1,"m2"],"after"]', 'state/snapshot', '[[1,"m2"],"new"]']);
});

test('a reattached view starts with no bindings and no pending text', () => {
  const { sent, start, delta, flush, channel } = synced();
  start(msg('m1'));
  sent.length = 0;
  delta('m1', 'a');
  channel.attach((m) => sent.push(m)); // the view came back: pending text is in its next snapshot
  channel.snapshot(3, () => snapshotOf([msg('m1', 'a')]));
  channel.respond(3, {});
  delta('m1', 'b');
  flush();
  assert.deepEqual(sent.map(show), ['response 3', '[[1,"m1"],"b"]']);
});

test('a completion is sent whole whenever it does not extend what the webview holds', () => {
  const { sent, ev, start, delta, flush } = synced();
  const complete = (item: Item) => {
    sent.length = 0;
    ev({ type: 'item/completed', item });
    return (sent[0] as { params: unknown }).params;
  };
  const done = (output: string) => ({ ...(cmd('c', output) as object), status: 'completed', exitCode: 0 }) as Item;
  start(cmd('c'));
  delta('c', 'a\n');
  flush();
  assert.deepEqual(complete(done('a\nb\n')), { item: { ...done('a\nb\n'), output: 'b\n' } as never, streamed: true });
  start(cmd('c'));
  delta('c', 'x');
  flush();
  assert.deepEqual(complete(done('a\nb\n')), { item: done('a\nb\n') as never }); // rewritten
  assert.deepEqual(complete(done('a\nb\n')), { item: done('a\nb\n') as never }); // never started here
  start(msg('m'));
  delta('m', 'a');
  flush();
  delta('m', 'b');
  assert.deepEqual(complete(msg('m', 'ab')), { item: msg('m', 'b') as never, streamed: true });
  const tool: Item = { id: 'x', turnId: 't', type: 'tool_call', name: 'n', arguments: '{}', output: 'o', status: 'completed' };
  start({ ...tool, output: '' } as Item);
  assert.deepEqual(complete(tool), { item: tool as never }); // nothing streamed: whole
});
