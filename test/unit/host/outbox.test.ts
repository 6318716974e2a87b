import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Outbox } from '../../../src/host/rpc/outbox';
import type { Item, HostToWebview } from '../../../src/protocol';

const delta = (text: string, itemId = 'i') => ({ itemId, text });
const msg = (id: string, text = ''): Item => ({ id, turnId: 't', type: 'agent_message', text });

/** A synced outbox recording what it posts. */
function synced() {
  const outbox = new Outbox();
  const sent: HostToWebview[] = [];
  outbox.attach((m) => sent.push(m));
  outbox.holdUntilResponse(0);
  outbox.respond(0, {});
  sent.length = 0;
  return { outbox, sent };
}

/** One line per post: `response N`, a notification's method, or a DeltaPost's entries as JSON. */
const show = (m: HostToWebview) => (m.kind === 'response' ? `response ${m.id}` : m.kind === 'notification' ? m.method : JSON.stringify(m));

test('notifications are dropped until the webview has taken a snapshot', async () => {
  const outbox = new Outbox();
  const sent: HostToWebview[] = [];
  outbox.notify('item/delta', delta('lost: no view'));
  outbox.attach((m) => sent.push(m));
  outbox.notify('item/delta', delta('lost: not synced'));
  outbox.notify('turn/started', { turnId: 't' });
  await Promise.resolve();
  assert.equal(sent.length, 0);
});

test('notifications after the snapshot wait for its response, then follow in order', () => {
  const outbox = new Outbox();
  const sent: HostToWebview[] = [];
  outbox.attach((m) => sent.push(m));
  outbox.holdUntilResponse(1);
  outbox.notify('item/delta', delta('a'));
  outbox.respond(2, { ok: true }); // another request's response does not release
  outbox.notify('item/delta', delta('b'));
  outbox.respond(1, { snapshot: true });
  outbox.notify('item/delta', delta('c'));
  outbox.flush();
  assert.deepEqual(sent.map(show), ['response 2', 'response 1', '[[1,"i"],"a"]', '[1,"b"]', '[1,"c"]']);
});

test('a failed snapshot request leaves the webview unsynced', async () => {
  const outbox = new Outbox();
  const sent: HostToWebview[] = [];
  outbox.attach((m) => sent.push(m));
  outbox.holdUntilResponse(1);
  outbox.notify('item/delta', delta('a'));
  outbox.respond(1, undefined, { message: 'version mismatch' });
  outbox.notify('item/delta', delta('b'));
  await Promise.resolve();
  assert.deepEqual(sent, [{ kind: 'response', id: 1, error: { message: 'version mismatch' } }]);
});

test('detach of an old view does not detach a newer one', async () => {
  const outbox = new Outbox();
  const old: HostToWebview[] = [];
  const fresh: HostToWebview[] = [];
  const sendOld = (m: HostToWebview) => old.push(m);
  outbox.attach(sendOld);
  outbox.attach((m) => fresh.push(m));
  outbox.detach(sendOld);
  outbox.holdUntilResponse(1);
  outbox.respond(1, {});
  outbox.notify('item/delta', delta('x'));
  await Promise.resolve();
  assert.equal(old.length, 0);
  assert.equal(fresh.length, 2);
});

test('deltas of one synchronous run (one batcher flush) are one compact post, posted at the end of the run', async () => {
  const { outbox, sent } = synced();
  outbox.notify('item/delta', delta('Hel', 'm1'));
  outbox.notify('item/delta', delta('$ ls\n', 'c1'));
  outbox.notify('item/delta', delta('lo', 'm1'));
  outbox.notify('item/delta', delta('', 'm2')); // nothing to say: no entry, no binding
  assert.equal(sent.length, 0, 'not posted synchronously');
  await Promise.resolve();
  assert.deepEqual(sent, [[[1, 'm1'], 'Hello', [2, 'c1'], '$ ls\n']]);
  // the next run: handles only, no ids
  outbox.notify('item/delta', delta(' world', 'm1'));
  outbox.notify('item/delta', delta('a.txt\n', 'c1'));
  await Promise.resolve();
  assert.deepEqual(sent[1], [1, ' world', 2, 'a.txt\n']);
  assert.equal(JSON.stringify(sent[1]).length - ' world'.length - 'a.txt\n'.length, 12, 'a few bytes: [1,"",2,""] plus the escaped newline');
});

test('buffered deltas go out before any later notification or response (order on the wire = order of notify)', () => {
  const { outbox, sent } = synced();
  outbox.notify('item/delta', delta('tail', 'm1'));
  outbox.notify('item/completed', { item: msg('m1', ''), streamed: true });
  outbox.notify('item/delta', delta('x', 'm2'));
  outbox.respond(5, { ok: true });
  outbox.notify('turn/ended', { turnId: 't', status: 'completed' });
  assert.deepEqual(sent.map(show), ['[[1,"m1"],"tail"]', 'item/completed', '[[1,"m2"],"x"]', 'response 5', 'turn/ended']);
});

test('item/completed frees the handle: a later item reuses it with an explicit binding', () => {
  const { outbox, sent } = synced();
  outbox.notify('item/delta', delta('a', 'm1'));
  outbox.notify('item/delta', delta('b', 'm2'));
  outbox.flush();
  outbox.notify('item/completed', { item: msg('m1', 'a') });
  outbox.notify('item/delta', delta('c', 'm3'));
  outbox.notify('item/delta', delta('d', 'm2'));
  outbox.flush();
  assert.deepEqual(sent.map(show), ['[[1,"m1"],"a",[2,"m2"],"b"]', 'item/completed', '[[1,"m3"],"c",2,"d"]']);
});

test('every snapshot restarts the handles: the first delta after it binds again', () => {
  const { outbox, sent } = synced();
  outbox.notify('item/delta', delta('a', 'm1'));
  outbox.notify('item/delta', delta('b', 'm2'));
  outbox.flush();
  // a reload: webview/ready's snapshot; m2's pending text was notified before it was built
  outbox.notify('item/delta', delta('before', 'm2'));
  outbox.holdUntilResponse(9);
  outbox.notify('item/delta', delta('after', 'm2'));
  outbox.respond(9, { snapshot: true });
  outbox.flush();
  // a pushed snapshot (session switched) restarts them too
  outbox.notify('state/snapshot', {} as never);
  outbox.notify('item/delta', delta('new', 'm2'));
  outbox.flush();
  assert.deepEqual(sent.map(show), [
    '[[1,"m1"],"a",[2,"m2"],"b"]',
    '[2,"before"]',
    'response 9',
    '[[1,"m2"],"after"]',
    'state/snapshot',
    '[[1,"m2"],"new"]',
  ]);
});

test('a reattached view starts with no bindings and no buffered deltas', async () => {
  const { outbox, sent } = synced();
  outbox.notify('item/delta', delta('a', 'm1'));
  outbox.attach((m) => sent.push(m)); // the view came back: buffered text is in its next snapshot
  outbox.holdUntilResponse(3);
  outbox.respond(3, {});
  outbox.notify('item/delta', delta('b', 'm1'));
  await Promise.resolve();
  assert.deepEqual(sent.map(show), ['response 3', '[[1,"m1"],"b"]']);
});
