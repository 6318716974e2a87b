// The Responses client through the real `openai` SDK against the fake server.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeModelServer, type FakeModelServer } from '../../../fakes/fakeModelServer';
import { toResponsesInput } from '../../../../src/core/model/responses';
import type { HistoryEntry } from '../../../../src/core/model/types';
import { clientFor, collect, completed, request, textOf, READ_TOOL } from './modelTestUtils';

let server: FakeModelServer;
before(async () => (server = await startFakeModelServer()));
after(async () => server.close());
beforeEach(() => server.reset());

test('streams text deltas and completes with the assistant message', async () => {
  server.enqueue({ text: 'Hello from the fake model.', chunkSize: 5 });
  const { client } = clientFor(server, 'responses');
  const events = await collect(client.stream(request('hi')));
  const deltas = events.filter((e) => e.type === 'text_delta');
  assert.ok(deltas.length >= 5, 'text arrives in several deltas');
  assert.equal(textOf(events, 'text_delta'), 'Hello from the fake model.');
  assert.deepEqual(completed(events).output, [{ type: 'message', role: 'assistant', content: 'Hello from the fake model.' }]);
  assert.equal(events.at(-1)?.type, 'completed');
  assert.equal(server.requests[0].path, '/v1/responses');
});

test('streams the reasoning summary and keeps id, summary and encrypted content', async () => {
  server.enqueue({ reasoning: 'Look at the file first.', text: 'Done', encryptedReasoning: 'ENC-1' });
  const { client } = clientFor(server, 'responses');
  const events = await collect(client.stream(request('think', { reasoningEffort: 'high' })));
  assert.equal(textOf(events, 'reasoning_delta'), 'Look at the file first.');
  const [reasoning, message] = completed(events).output;
  assert.equal(reasoning.type, 'reasoning');
  assert.ok(reasoning.type === 'reasoning' && /^rs_/.test(reasoning.id ?? ''));
  assert.equal(reasoning.type === 'reasoning' && reasoning.summary, 'Look at the file first.');
  assert.equal(reasoning.type === 'reasoning' && reasoning.encryptedContent, 'ENC-1');
  assert.deepEqual(message, { type: 'message', role: 'assistant', content: 'Done' });
  const body = server.requests[0].body;
  assert.deepEqual(body.reasoning, { effort: 'high', summary: 'auto' });
  assert.equal(body.store, false);
  assert.deepEqual(body.include, ['reasoning.encrypted_content']);
  assert.equal(body.stream, true);
});

test('several tool calls in one response become function_call entries with call ids', async () => {
  server.enqueue({
    text: 'Reading two files.',
    toolCalls: [
      { name: 'read_file', arguments: { path: 'a.ts' }, callId: 'call_A' },
      { name: 'read_file', arguments: { path: 'b.ts' }, callId: 'call_B' },
    ],
    chunkSize: 3,
  });
  const { client } = clientFor(server, 'responses');
  const events = await collect(client.stream(request('read', { tools: [READ_TOOL] })));
  const calls = completed(events).output.filter((e) => e.type === 'function_call');
  assert.deepEqual(calls, [
    { type: 'function_call', callId: 'call_A', name: 'read_file', arguments: '{"path":"a.ts"}' },
    { type: 'function_call', callId: 'call_B', name: 'read_file', arguments: '{"path":"b.ts"}' },
  ]);
  assert.deepEqual(server.requests[0].body.tools, [
    { type: 'function', name: 'read_file', description: READ_TOOL.description, parameters: READ_TOOL.parameters, strict: false },
  ]);
});

test('maps usage including cached and reasoning tokens', async () => {
  server.enqueue({ text: 'x', usage: { inputTokens: 1200, cachedInputTokens: 1024, outputTokens: 33, reasoningTokens: 20 } });
  const { client } = clientFor(server, 'responses');
  const events = await collect(client.stream(request('hi')));
  assert.deepEqual(completed(events).usage, { inputTokens: 1200, cachedInputTokens: 1024, outputTokens: 33, reasoningTokens: 20 });
});

test('encrypted reasoning from request N is carried in request N+1', async () => {
  server.enqueue(
    { reasoning: 'plan', toolCalls: [{ name: 'read_file', arguments: { path: 'a' }, callId: 'call_1' }], encryptedReasoning: 'SECRET-BLOB' },
    { text: 'All done.' },
  );
  const { client } = clientFor(server, 'responses');
  const history: HistoryEntry[] = [{ type: 'message', role: 'user', content: 'go' }];
  const first = completed(await collect(client.stream(request(history, { tools: [READ_TOOL] }))));
  history.push(...first.output, { type: 'function_call_output', callId: 'call_1', output: 'file a' });
  await collect(client.stream(request(history, { tools: [READ_TOOL] })));
  const input = server.requests[1].body.input;
  assert.deepEqual(input, [
    { type: 'message', role: 'user', content: 'go' },
    { type: 'reasoning', summary: [{ type: 'summary_text', text: 'plan' }], encrypted_content: 'SECRET-BLOB' },
    { type: 'function_call', call_id: 'call_1', name: 'read_file', arguments: '{"path":"a"}' },
    { type: 'function_call_output', call_id: 'call_1', output: 'file a' },
  ]);
});

test('sends prompt_cache_key and byte-identical instructions and tools across requests', async () => {
  server.enqueue({ text: 'one' }, { text: 'two' });
  const { client } = clientFor(server, 'responses');
  await collect(client.stream(request('a', { promptCacheKey: 'session-123', tools: [READ_TOOL] })));
  await collect(client.stream(request('b', { promptCacheKey: 'session-123', tools: [READ_TOOL] })));
  const [a, b] = server.requests.map((r) => r.body);
  assert.equal(a.prompt_cache_key, 'session-123');
  assert.equal(b.prompt_cache_key, 'session-123');
  assert.equal(JSON.stringify([a.instructions, a.tools]), JSON.stringify([b.instructions, b.tools]));
});

test('history maps to input items exactly; unreplayable reasoning is skipped', () => {
  const items = toResponsesInput([
    { type: 'message', role: 'user', content: 'u' },
    { type: 'reasoning', id: 'rs_1', summary: 'no blob' },
    { type: 'message', role: 'assistant', content: 'a' },
    { type: 'function_call', callId: 'c', name: 'n', arguments: '{}' },
    { type: 'function_call_output', callId: 'c', output: 'o' },
  ]);
  assert.deepEqual(items, [
    { type: 'message', role: 'user', content: 'u' },
    { type: 'message', role: 'assistant', content: 'a' },
    { type: 'function_call', call_id: 'c', name: 'n', arguments: '{}' },
    { type: 'function_call_output', call_id: 'c', output: 'o' },
  ]);
});

test('non-reasoning models get neither reasoning nor include', async () => {
  server.enqueue({ text: 'ok' });
  const { client } = clientFor(server, 'responses');
  await collect(client.stream(request('hi', { model: 'gpt-4.1' })));
  const body = server.requests[0].body;
  assert.equal(body.model, 'gpt-4.1');
  assert.equal('reasoning' in body, false);
  assert.equal('include' in body, false);
});

test('response.failed with a non-transient code is a plain ModelError, not retried', async () => {
  server.enqueue({ text: 'partial', streamError: { code: 'invalid_prompt', message: 'The prompt was flagged.' } });
  const { client, sleeps } = clientFor(server, 'responses');
  await assert.rejects(collect(client.stream(request('hi'))), (err: any) => {
    assert.equal(err.name, 'ModelError');
    assert.match(err.message, /The model failed: The prompt was flagged\./);
    assert.equal(err.options.code, 'invalid_prompt');
    return true;
  });
  assert.equal(server.requests.length, 1);
  assert.deepEqual(sleeps, []);
});

test('response.failed with server_error is retried', async () => {
  server.enqueue({ streamError: { code: 'server_error', message: 'boom' } }, { text: 'recovered' });
  const { client } = clientFor(server, 'responses');
  const events = await collect(client.stream(request('hi')));
  assert.equal(events.filter((e) => e.type === 'retrying').length, 1);
  assert.deepEqual(completed(events).output, [{ type: 'message', role: 'assistant', content: 'recovered' }]);
  assert.equal(server.requests.length, 2);
});
