import { test } from 'node:test';
import assert from 'node:assert/strict';
import { warmUpAfterFirstResponse } from '../../../../src/core/agent/warmUp';
import type { ModelRequest } from '../../../../src/core/model/types';
import { ScriptedClient, textReply } from './helpers';

const request = (): ModelRequest => ({ model: 'm', instructions: '', input: [], tools: [], signal: new AbortController().signal });

test('the warm-up starts once, after the first response began, and later requests go straight through', async () => {
  const log: string[] = [];
  const inner = new ScriptedClient([textReply('one'), textReply('two')]);
  const client = warmUpAfterFirstResponse(inner, async () => void log.push('warm'));
  assert.equal(client.wire, 'responses');
  for await (const e of client.stream(request())) log.push(e.type);
  assert.deepEqual(log, ['text_delta', 'completed'], 'not before the first event, not on the critical path');
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(log, ['text_delta', 'completed', 'warm']);
  for await (const e of client.stream(request())) log.push(e.type);
  await new Promise((r) => setImmediate(r));
  assert.equal(log.filter((x) => x === 'warm').length, 1);
  assert.equal(inner.requests.length, 2);
});

test('a failing warm-up is swallowed (the command path loads on demand)', async () => {
  const client = warmUpAfterFirstResponse(new ScriptedClient([textReply('x')]), async () => {
    throw new Error('no wasm');
  });
  for await (const e of client.stream(request())) void e;
  await new Promise((r) => setImmediate(r));
});

test('a client that reports the response start lets the warm-up run before any event (a tool call that streams nothing)', async () => {
  const log: string[] = [];
  let release: () => void = () => {};
  const gate = new Promise<void>((r) => (release = r));
  const inner = {
    wire: 'responses' as const,
    async *stream(request: ModelRequest) {
      request.onResponseStart?.();
      await gate; // the model is thinking
      yield { type: 'completed' as const, output: [], usage: { inputTokens: 1, cachedInputTokens: 0, outputTokens: 1, reasoningTokens: 0 } };
    },
  };
  let seenByCaller = 0;
  const client = warmUpAfterFirstResponse(inner, async () => void log.push('warm'));
  const consumed = (async () => {
    for await (const e of client.stream({ ...request(), onResponseStart: () => seenByCaller++ })) log.push(e.type);
  })();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(log, ['warm'], 'warm while the model thinks');
  assert.equal(seenByCaller, 1, "the caller's own callback still runs");
  release();
  await consumed;
  assert.deepEqual(log, ['warm', 'completed']);
});
