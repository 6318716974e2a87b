// Retries, failures and abort, for both wire formats, through the real SDK and server.
import { test, describe, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeModelServer, type FakeModelServer } from '../../../fakes/fakeModelServer';
import { parseRetryAfter, realSleep, backoffDelay, withAttemptSignal } from '../../../../src/core/model/retry';
import type { ModelEvent } from '../../../../src/core/model/types';
import { WIRES, clientFor, collect, completed, request } from './modelTestUtils';
import { getEventListeners } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let server: FakeModelServer;
before(async () => (server = await startFakeModelServer()));
after(async () => server.close());
beforeEach(() => server.reset());

const messageText = (events: ModelEvent[]) => {
  const first = completed(events).output[0];
  return first?.type === 'message' ? first.content : undefined;
};

for (const wire of WIRES) {
  describe(`${wire}: retries`, () => {
    test('429 with Retry-After waits exactly that long, then succeeds', async () => {
      server.enqueue({ status: 429, retryAfter: 7, message: 'Slow down.' }, { text: 'after rate limit' });
      const { client, sleeps } = clientFor(server, wire);
      const events = await collect(client.stream(request('hi')));
      assert.deepEqual(sleeps, [7000]);
      const retrying = events.find((e) => e.type === 'retrying');
      assert.deepEqual(retrying && { ...retrying, reason: undefined }, { type: 'retrying', attempt: 1, delayMs: 7000, reason: undefined });
      assert.match((retrying as any).reason, /rate limiting.*Slow down\./);
      assert.equal(messageText(events), 'after rate limit');
      assert.equal(server.requests.length, 2);
    });

    test('retry-after-ms wins over Retry-After', async () => {
      server.enqueue({ status: 429, retryAfter: 30, retryAfterMs: 250 }, { text: 'ok' });
      const { client, sleeps } = clientFor(server, wire);
      await collect(client.stream(request('hi')));
      assert.deepEqual(sleeps, [250]);
    });

    test('500 then success backs off exponentially (no header)', async () => {
      server.enqueue({ status: 500 }, { status: 503 }, { text: 'third time' });
      const { client, sleeps } = clientFor(server, wire);
      const events = await collect(client.stream(request('hi')));
      // random() is 0.5 in tests: 75% of 500 ms, then of 1000 ms.
      assert.deepEqual(sleeps, [375, 750]);
      assert.deepEqual(events.filter((e) => e.type === 'retrying').map((e) => (e as any).attempt), [1, 2]);
      assert.equal(messageText(events), 'third time');
      assert.equal(server.requests.length, 3);
    });

    test('a stream cut mid-response is retried from the start after a retrying event', async () => {
      // Enough events to be well into the text, not past it.
      const cut = wire === 'responses' ? 6 : 3;
      server.enqueue({ text: 'partial output here', chunkSize: 4, cutAfterChunks: cut }, { text: 'full answer' });
      const { client } = clientFor(server, wire);
      const events = await collect(client.stream(request('hi')));
      const retryIndex = events.findIndex((e) => e.type === 'retrying');
      assert.ok(retryIndex > 0, 'partial deltas arrive before the retrying event');
      assert.ok(events.slice(0, retryIndex).every((e) => e.type === 'text_delta'));
      assert.match((events[retryIndex] as any).reason, /broke mid-response/);
      const after = events.slice(retryIndex + 1);
      assert.equal(after.map((e) => (e.type === 'text_delta' ? e.text : '')).join(''), 'full answer');
      assert.equal(messageText(events), 'full answer');
      assert.equal(server.requests.length, 2);
    });

    test('401 is not retried and becomes a plain sentence', async () => {
      server.enqueue({ status: 401, message: 'Incorrect API key provided: sk-xx.' });
      const { client, sleeps } = clientFor(server, wire);
      await assert.rejects(collect(client.stream(request('hi'))), (err: any) => {
        assert.equal(err.name, 'ModelError');
        assert.equal(err.message, 'The API key was rejected (401). Set a valid key.');
        assert.equal(err.options.status, 401);
        return true;
      });
      assert.equal(server.requests.length, 1);
      assert.deepEqual(sleeps, []);
    });

    test('404 names the model; 400 carries the server message; neither is retried', async () => {
      server.enqueue({ status: 404, message: 'The model does not exist.' }, { status: 400, message: 'Invalid schema for tool x.' });
      const { client } = clientFor(server, wire);
      await assert.rejects(collect(client.stream(request('hi', { model: 'no-such-model' }))), /^ModelError: Model not found: no-such-model/);
      await assert.rejects(collect(client.stream(request('hi'))), (err: any) => {
        assert.equal(err.message, 'The server rejected the request (400). Invalid schema for tool x.');
        return true;
      });
      assert.equal(server.requests.length, 2);
    });

    test('gives up after maxRetries with the last failure and the attempt count', async () => {
      server.enqueue({ status: 502 }, { status: 502 }, { status: 502 });
      const { client, sleeps } = clientFor(server, wire, { maxRetries: 2 });
      await assert.rejects(collect(client.stream(request('hi'))), (err: any) => {
        assert.match(err.message, /^The server failed to answer \(502\)\..*Gave up after 3 attempts\.$/);
        assert.equal(err.options.retryable, true);
        return true;
      });
      assert.equal(sleeps.length, 2);
      assert.equal(server.requests.length, 3);
    });

    test('abort mid-stream rejects with AbortError and the server sees the connection close', async () => {
      server.enqueue({ text: 'first words then nothing', chunkSize: 5, hangMs: 'forever' });
      const { client, sleeps } = clientFor(server, wire);
      const controller = new AbortController();
      const seen: ModelEvent[] = [];
      await assert.rejects(
        (async () => {
          for await (const event of client.stream(request('hi', { signal: controller.signal }))) {
            seen.push(event);
            if (event.type === 'text_delta') controller.abort();
          }
        })(),
        (err: any) => err.name === 'AbortError',
      );
      assert.equal(await server.closed(0), true, 'the client closed the connection');
      assert.equal(seen.length, 1);
      assert.equal(server.requests.length, 1, 'never retried');
      assert.deepEqual(sleeps, []);
    });

    test('abort during the backoff wait stops at once with AbortError', async () => {
      server.enqueue({ status: 503 }, { text: 'never requested' });
      const controller = new AbortController();
      const { client } = clientFor(server, wire, {
        sleep: (ms, signal) => {
          controller.abort();
          return realSleep(ms, signal);
        },
      });
      await assert.rejects(collect(client.stream(request('hi', { signal: controller.signal }))), { name: 'AbortError' });
      assert.equal(server.requests.length, 1);
    });
  });
}

test('a real 1 s Retry-After is honoured end to end', async () => {
  server.enqueue({ status: 429, retryAfter: 1 }, { text: 'waited' });
  const { client, sleeps } = clientFor(server, 'responses', { sleep: realSleep });
  const events = await collect(client.stream(request('hi')));
  assert.deepEqual(sleeps, [1000]);
  assert.equal(server.requests.length, 2);
  assert.equal(messageText(events), 'waited');
});

test('an unreachable server is retried, then reported plainly', async () => {
  const dead = await startFakeModelServer();
  await dead.close(); // nothing listens on this port any more
  const { client, sleeps } = clientFor(dead, 'chat', { maxRetries: 1 });
  await assert.rejects(collect(client.stream(request('hi'))), (err: any) => {
    assert.match(err.message, new RegExp(`^The server at ${dead.baseUrl.replace(/\./g, '\\.')} is not reachable\\.`));
    return true;
  });
  assert.equal(sleeps.length, 1);
});

test('parseRetryAfter reads ms, seconds and HTTP dates', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  assert.equal(parseRetryAfter(new Headers({ 'retry-after-ms': '1500' }), now), 1500);
  assert.equal(parseRetryAfter(new Headers({ 'retry-after': '2' }), now), 2000);
  assert.equal(parseRetryAfter(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }), now), 5000);
  assert.equal(parseRetryAfter(new Headers({ 'retry-after': 'soon' }), now), undefined);
  assert.equal(parseRetryAfter(new Headers(), now), undefined);
});

test('backoff doubles per retry, jitters, and is capped', () => {
  const opts = { baseDelayMs: 500, maxDelayMs: 4000 };
  assert.equal(backoffDelay(0, { ...opts, random: () => 1 }), 500);
  assert.equal(backoffDelay(2, { ...opts, random: () => 1 }), 2000);
  assert.equal(backoffDelay(2, { ...opts, random: () => 0 }), 1000);
  assert.equal(backoffDelay(9, { ...opts, random: () => 1 }), 4000);
});

// The SDK leaves an abort listener on the signal it is given. withAttemptSignal gives it
// a signal of its own, unlinked when the attempt ends, so a finished request is not kept
// alive by the turn's long-lived signal (AbortSignal.any was: nodejs/node#55351).
test('withAttemptSignal: aborts with the turn, unlinks when the attempt ends, and retains nothing', async () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const turn = new AbortController();
  const refs: WeakRef<AbortSignal>[] = [];
  const request = { model: 'm', instructions: '', input: [], tools: [], signal: turn.signal };
  for (let i = 0; i < 3; i++) {
    const events: number[] = [];
    for await (const e of withAttemptSignal(request, async function* (r) {
      assert.notEqual(r.signal, turn.signal);
      r.signal.addEventListener('abort', () => undefined); // as the SDK does, never removed
      refs.push(new WeakRef(r.signal));
      yield i;
    })) events.push(e);
    assert.deepEqual(events, [i]);
    assert.equal(getEventListeners(turn.signal, 'abort').length, 0);
  }
  await new Promise((r) => setImmediate(r)); // WeakRef targets live until the job ends
  gc();
  assert.deepEqual(refs.map((r) => r.deref()), [undefined, undefined, undefined]);

  // a turn abort reaches the attempt in progress
  let seen: AbortSignal | undefined;
  const it = withAttemptSignal(request, async function* (r) {
    seen = r.signal;
    yield 1;
    yield 2;
  });
  await it.next();
  turn.abort(new Error('stop'));
  assert.equal(seen?.aborted, true);
  assert.equal((seen?.reason as Error).message, 'stop');
  await it.return(undefined);
});
