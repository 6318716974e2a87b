import { test } from 'node:test';
import assert from 'node:assert/strict';
import { handlers } from '../../../src/host/handlers/handlerTable';
import { paramSchemas } from '../../../src/host/rpc/schemas';
import { Router } from '../../../src/host/rpc/router';
import { WebviewChannel } from '../../../src/host/rpc/webviewChannel';
import { FakeClock } from './fakes';
import { silentLogger } from '../../../src/host/util/log';
import type { HandlerMap, HostServices } from '../../../src/host/handlers/types';
import type { HostToWebview } from '../../../src/protocol/messages';

test('the registry has exactly one handler per protocol method', () => {
  assert.deepEqual(Object.keys(handlers).sort(), Object.keys(paramSchemas).sort());
  for (const h of Object.values(handlers)) assert.equal(typeof h, 'function');
});

function setup(overrides: Partial<HandlerMap>) {
  const outbox = new WebviewChannel(new FakeClock());
  const sent: HostToWebview[] = [];
  outbox.attach((m) => sent.push(m));
  const calls: { method: string; params: unknown; requestId: number }[] = [];
  const map = Object.fromEntries(
    Object.keys(paramSchemas).map((m) => [
      m,
      (params: unknown, ctx: { requestId: number }) => {
        calls.push({ method: m, params, requestId: ctx.requestId });
        return { ok: true };
      },
    ]),
  ) as unknown as HandlerMap;
  Object.assign(map, overrides);
  const router = new Router(map, {} as HostServices, outbox, silentLogger);
  return { router, sent, calls, outbox };
}

test('a valid request reaches its handler and is answered with its result', async () => {
  const { router, sent, calls } = setup({ 'files/search': async (p) => ({ files: [{ path: p.query, positions: [] }] }) });
  await router.dispatch({ kind: 'request', id: 3, method: 'files/search', params: { query: 'abc' } });
  await router.dispatch({ kind: 'request', id: 4, method: 'turn/stop' });
  assert.deepEqual(sent, [
    { kind: 'response', id: 3, result: { files: [{ path: 'abc', positions: [] }] } },
    { kind: 'response', id: 4, result: { ok: true } },
  ]);
  assert.deepEqual(calls, [{ method: 'turn/stop', params: {}, requestId: 4 }]);
});

test('an invalid request never reaches a handler and gets an error response', async () => {
  const { router, sent, calls } = setup({});
  await router.dispatch({ kind: 'request', id: 5, method: 'turn/send', params: { text: 1 } });
  await router.dispatch({ kind: 'request', id: 6, method: 'rm/rf', params: {} });
  await router.dispatch({ hello: 'world' }); // nothing to answer
  assert.equal(calls.length, 0);
  assert.equal(sent.length, 2);
  assert.equal(sent[0].kind === 'response' && sent[0].id, 5);
  assert.match((sent[0] as { error: { message: string } }).error.message, /Invalid params for turn\/send/);
  assert.match((sent[1] as { error: { message: string } }).error.message, /Unknown method/);
});

test('a throwing handler is answered with its message', async () => {
  const { router, sent } = setup({
    'turn/retry': () => {
      throw new Error('There is no failed turn to retry.');
    },
  });
  await router.dispatch({ kind: 'request', id: 9, method: 'turn/retry', params: {} });
  assert.deepEqual(sent, [{ kind: 'response', id: 9, error: { message: 'There is no failed turn to retry.' } }]);
});

test('messages dispatched back to back reach their handlers in arrival order (validation loads lazily)', async () => {
  const { router, calls, sent } = setup({});
  const done = [
    router.dispatch({ kind: 'request', id: 1, method: 'turn/stop' }),
    router.dispatch({ kind: 'request', id: 2, method: 'files/search', params: { query: 1 } }),
    router.dispatch({ kind: 'request', id: 3, method: 'files/search', params: { query: 'a' } }),
    router.dispatch({ kind: 'request', id: 4, method: 'turn/stop' }),
  ];
  await Promise.all(done);
  assert.deepEqual(calls.map((c) => c.requestId), [1, 3, 4]);
  // responses go out as handlers finish (ids correlate them), so only their set is fixed
  assert.deepEqual(sent.map((m) => (m.kind === 'response' ? m.id : -1)).sort(), [1, 2, 3, 4]);
  const rejected = sent.find((m) => m.kind === 'response' && m.id === 2) as { error?: { message: string } };
  assert.match(rejected.error?.message ?? '', /Invalid params for files\/search/);
});
