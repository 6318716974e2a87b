import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { WebviewToHost } from '../../../src/protocol';
import { RpcClient, RpcError, type HostNotification } from '../../../webview/rpc/client';

function setup() {
  const sent: WebviewToHost[] = [];
  const notes: HostNotification[] = [];
  const rpc = new RpcClient({ postMessage: (m) => sent.push(m) }, (n) => notes.push(n));
  return { rpc, sent, notes };
}

test('requests get distinct ids and resolve with the matching response', async () => {
  const { rpc, sent } = setup();
  const a = rpc.request('files/search', { query: 'a' });
  const b = rpc.request('session/list', {});
  assert.equal(sent.length, 2);
  assert.notEqual(sent[0].id, sent[1].id);
  assert.deepEqual(sent[0], { kind: 'request', id: sent[0].id, method: 'files/search', params: { query: 'a' } });
  // answered out of order
  rpc.handleMessage({ kind: 'response', id: sent[1].id, result: { sessions: [] } });
  rpc.handleMessage({ kind: 'response', id: sent[0].id, result: { files: ['x.ts'] } });
  assert.deepEqual(await a, { files: ['x.ts'] });
  assert.deepEqual(await b, { sessions: [] });
  assert.equal(rpc.pendingCount, 0);
});

test('an error response rejects with the host message', async () => {
  const { rpc, sent } = setup();
  const p = rpc.request('turn/send', { text: 'hi' });
  rpc.handleMessage({ kind: 'response', id: sent[0].id, error: { message: 'No model configured' } });
  await assert.rejects(p, (err: unknown) => err instanceof RpcError && err.message === 'No model configured' && err.method === 'turn/send');
});

test('notifications are dispatched in order; junk and unknown ids are ignored', () => {
  const { rpc, notes } = setup();
  assert.equal(rpc.handleMessage({ kind: 'notification', method: 'turn/started', params: { turnId: 't' } }), true);
  assert.equal(rpc.handleMessage({ kind: 'notification', method: 'usage/updated', params: { contextTokens: 1, contextWindow: 2 } }), true);
  assert.equal(rpc.handleMessage('hello'), false);
  assert.equal(rpc.handleMessage(null), false);
  assert.equal(rpc.handleMessage({ kind: 'response', id: 'x' }), false);
  assert.equal(rpc.handleMessage({ kind: 'response', id: 404, result: 1 }), true);
  assert.deepEqual(notes.map((n) => n.method), ['turn/started', 'usage/updated']);
});

test('a duplicate response does not resolve twice; dispose rejects what is pending', async () => {
  const { rpc, sent } = setup();
  const first = rpc.request('turn/stop', {});
  rpc.handleMessage({ kind: 'response', id: sent[0].id, result: { ok: true } });
  rpc.handleMessage({ kind: 'response', id: sent[0].id, error: { message: 'late' } });
  assert.deepEqual(await first, { ok: true });
  const second = rpc.request('turn/retry', {});
  rpc.dispose('closed');
  await assert.rejects(second, /closed/);
  assert.equal(rpc.pendingCount, 0);
});

test('a failing transport rejects the request instead of throwing', async () => {
  const rpc = new RpcClient({ postMessage: () => { throw new Error('gone'); } }, () => undefined);
  await assert.rejects(rpc.request('turn/stop', {}), /Could not send turn\/stop/);
  assert.equal(rpc.pendingCount, 0);
});
