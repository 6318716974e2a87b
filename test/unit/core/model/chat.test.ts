// The Chat Completions client through the real `openai` SDK against the fake server.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeModelServer, type FakeModelServer } from '../../../fakes/fakeModelServer';
import { toChatMessages } from '../../../../src/core/model/chat';
import { clientFor, collect, completed, request, textOf, READ_TOOL } from './modelTestUtils';

let server: FakeModelServer;
before(async () => (server = await startFakeModelServer()));
after(async () => server.close());
beforeEach(() => server.reset());

test('streams text and sends instructions as the system message', async () => {
  server.enqueue({ text: 'Hello over chat.', chunkSize: 4 });
  const { client } = clientFor(server, 'chat');
  const events = await collect(client.stream(request('hi')));
  assert.ok(events.filter((e) => e.type === 'text_delta').length >= 4);
  assert.equal(textOf(events, 'text_delta'), 'Hello over chat.');
  assert.deepEqual(completed(events).output, [{ type: 'message', role: 'assistant', content: 'Hello over chat.' }]);
  const body = server.requests[0].body;
  assert.equal(server.requests[0].path, '/v1/chat/completions');
  assert.deepEqual(body.messages, [
    { role: 'system', content: 'You are a test.' },
    { role: 'user', content: 'hi' },
  ]);
  assert.deepEqual(body.stream_options, { include_usage: true });
  assert.equal('reasoning_effort' in body, false, 'reasoning_effort only when configured');
  assert.equal('prompt_cache_key' in body, false);
});

for (const field of ['reasoning_content', 'reasoning'] as const) {
  test(`reasoning deltas from the "${field}" field`, async () => {
    server.enqueue({ reasoning: 'Thinking it over.', text: 'Answer', chatReasoningField: field });
    const { client } = clientFor(server, 'chat');
    const events = await collect(client.stream(request('q', { reasoningEffort: 'low' })));
    assert.equal(textOf(events, 'reasoning_delta'), 'Thinking it over.');
    assert.deepEqual(completed(events).output, [
      { type: 'reasoning', summary: 'Thinking it over.' },
      { type: 'message', role: 'assistant', content: 'Answer' },
    ]);
    assert.equal(server.requests[0].body.reasoning_effort, 'low');
  });
}

test('accumulates several streamed tool calls by index', async () => {
  server.enqueue({
    toolCalls: [
      { name: 'read_file', arguments: { path: 'src/a.ts' }, callId: 'call_A' },
      { name: 'read_file', arguments: { path: 'src/b.ts' }, callId: 'call_B' },
      { name: 'list', arguments: '{}', callId: 'call_C' },
    ],
    chunkSize: 2,
  });
  const { client } = clientFor(server, 'chat');
  const events = await collect(client.stream(request('read', { tools: [READ_TOOL] })));
  assert.deepEqual(completed(events).output, [
    { type: 'function_call', callId: 'call_A', name: 'read_file', arguments: '{"path":"src/a.ts"}' },
    { type: 'function_call', callId: 'call_B', name: 'read_file', arguments: '{"path":"src/b.ts"}' },
    { type: 'function_call', callId: 'call_C', name: 'list', arguments: '{}' },
  ]);
  assert.deepEqual(server.requests[0].body.tools, [
    { type: 'function', function: { name: 'read_file', description: READ_TOOL.description, parameters: READ_TOOL.parameters } },
  ]);
});

test('maps usage from the final chunk', async () => {
  server.enqueue({ text: 'x', usage: { inputTokens: 900, cachedInputTokens: 512, outputTokens: 12, reasoningTokens: 7 } });
  const { client } = clientFor(server, 'chat');
  const events = await collect(client.stream(request('hi')));
  assert.deepEqual(completed(events).usage, { inputTokens: 900, cachedInputTokens: 512, outputTokens: 12, reasoningTokens: 7 });
});

test('a tool round trip: calls merge into one assistant message, outputs become tool messages', async () => {
  server.enqueue(
    { text: 'Let me look.', reasoning: 'hmm', toolCalls: [{ name: 'read_file', arguments: { path: 'a' }, callId: 'c1' }, { name: 'read_file', arguments: { path: 'b' }, callId: 'c2' }] },
    { text: 'Both read.' },
  );
  const { client } = clientFor(server, 'chat');
  const history = [{ type: 'message' as const, role: 'user' as const, content: 'read a and b' }];
  const first = completed(await collect(client.stream(request(history, { tools: [READ_TOOL] }))));
  const next = [
    ...history,
    ...first.output,
    { type: 'function_call_output' as const, callId: 'c1', output: 'A' },
    { type: 'function_call_output' as const, callId: 'c2', output: 'B' },
  ];
  await collect(client.stream(request(next, { tools: [READ_TOOL] })));
  assert.deepEqual(server.requests[1].body.messages, [
    { role: 'system', content: 'You are a test.' },
    { role: 'user', content: 'read a and b' },
    {
      role: 'assistant',
      content: 'Let me look.',
      tool_calls: [
        { id: 'c1', type: 'function', function: { name: 'read_file', arguments: '{"path":"a"}' } },
        { id: 'c2', type: 'function', function: { name: 'read_file', arguments: '{"path":"b"}' } },
      ],
    },
    { role: 'tool', tool_call_id: 'c1', content: 'A' },
    { role: 'tool', tool_call_id: 'c2', content: 'B' },
  ]);
});

test('function calls without a preceding assistant message get one with null content', () => {
  const messages = toChatMessages('sys', [
    { type: 'message', role: 'user', content: 'u' },
    { type: 'reasoning', summary: 'dropped', encryptedContent: 'x' },
    { type: 'function_call', callId: 'c', name: 'n', arguments: '{}' },
    { type: 'function_call_output', callId: 'c', output: 'o' },
    { type: 'message', role: 'assistant', content: 'end' },
  ]);
  assert.deepEqual(messages, [
    { role: 'system', content: 'sys' },
    { role: 'user', content: 'u' },
    { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'n', arguments: '{}' } }] },
    { role: 'tool', tool_call_id: 'c', content: 'o' },
    { role: 'assistant', content: 'end' },
  ]);
});

test('an error object in the stream is retried, then surfaces as a plain ModelError', async () => {
  server.enqueue(
    { text: 'a', streamError: { message: 'model crashed' } },
    { text: 'b', streamError: { message: 'model crashed' } },
  );
  const { client, sleeps } = clientFor(server, 'chat', { maxRetries: 1 });
  await assert.rejects(collect(client.stream(request('hi'))), (err: any) => {
    assert.equal(err.name, 'ModelError');
    assert.match(err.message, /model crashed/);
    return true;
  });
  assert.equal(server.requests.length, 2);
  assert.equal(sleeps.length, 1);
});

test("Mistral's thinking models: content arrays of thinking and text parts are reasoning and text", async () => {
  server.enqueue({ reasoning: 'Okay, the user is asking for 17 * 23. That is 391.', text: '391', chatContentParts: true, chunkSize: 5 });
  const { client } = clientFor(server, 'chat');
  const events = await collect(client.stream(request('17*23?')));
  assert.equal(textOf(events, 'reasoning_delta'), 'Okay, the user is asking for 17 * 23. That is 391.');
  assert.equal(textOf(events, 'text_delta'), '391');
  const done = completed(events);
  assert.deepEqual(done.output, [
    { type: 'reasoning', summary: 'Okay, the user is asking for 17 * 23. That is 391.' },
    { type: 'message', role: 'assistant', content: '391' },
  ]);
  assert.equal(done.warnings, undefined);
});

test('a content part of any other shape is left out and reported, never stringified', async () => {
  server.enqueue({
    text: 'ok',
    chatContentParts: true,
    chatRawContent: [[{ type: 'image_url', image_url: { url: 'data:x' } }], [{ type: 'image_url', image_url: { url: 'data:y' } }], [42], { type: 'text', text: '!' }],
  });
  const { client } = clientFor(server, 'chat');
  const events = await collect(client.stream(request('hi')));
  const done = completed(events);
  assert.deepEqual(done.output, [{ type: 'message', role: 'assistant', content: 'ok!' }]);
  assert.doesNotMatch(JSON.stringify(events), /\[object Object\]/);
  assert.deepEqual(done.warnings, [
    'The model sent a content part of type "image_url" that Tandem cannot use (2 times); it was left out of the answer.',
    'The model sent a content part Tandem cannot read: 42; it was left out of the answer.',
  ]);
});
