import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Outbox } from '../../../src/host/rpc/outbox';
import type { HostToWebview } from '../../../src/protocol/messages';

const delta = (text: string) => ({ itemId: 'i', text });

test('notifications are dropped until the webview has taken a snapshot', () => {
  const outbox = new Outbox();
  const sent: HostToWebview[] = [];
  outbox.notify('item/delta', delta('lost: no view'));
  outbox.attach((m) => sent.push(m));
  outbox.notify('item/delta', delta('lost: not synced'));
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
  assert.deepEqual(
    sent.map((m) => (m.kind === 'response' ? `response ${m.id}` : (m.params as { text: string }).text)),
    ['response 2', 'response 1', 'a', 'b', 'c'],
  );
});

test('a failed snapshot request leaves the webview unsynced', () => {
  const outbox = new Outbox();
  const sent: HostToWebview[] = [];
  outbox.attach((m) => sent.push(m));
  outbox.holdUntilResponse(1);
  outbox.notify('item/delta', delta('a'));
  outbox.respond(1, undefined, { message: 'version mismatch' });
  outbox.notify('item/delta', delta('b'));
  assert.deepEqual(sent, [{ kind: 'response', id: 1, error: { message: 'version mismatch' } }]);
});

test('detach of an old view does not detach a newer one', () => {
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
  assert.equal(old.length, 0);
  assert.equal(fresh.length, 2);
});
