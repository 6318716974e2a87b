import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Type } from '@sinclair/typebox';
import type { Tool } from '../../../../src/core/tools/types';
import { PathOutsideWorkspaceError } from '../../../../src/core/workspace/types';
import { ModelError, type ModelEvent } from '../../../../src/core/model/types';
import type { SessionEvent } from '../../../../src/core/types/events';
import { foldTurn } from '../../../../src/core/agent/fold';
import { runTurn } from '../../../../src/core/agent/turn';
import { parseRecords } from '../../../../src/core/session/records';
import { ScriptedClient, makeContext, turnEvents, textReply, callsReply, completedItems, checkContract, fakeStaging, usage } from './helpers';

const tick = () => new Promise<void>((r) => setImmediate(r));

/** Tools that record how many of them run at once, and in which order they finish. */
function probeTools() {
  const log: string[] = [];
  let active = 0;
  let maxActive = 0;
  const make = (name: string, mutates: boolean): Tool => ({
    name,
    description: name,
    mutates,
    parameters: Type.Object({ v: Type.String() }),
    async run(args: { v: string }) {
      active++;
      maxActive = Math.max(maxActive, active);
      for (let i = 0; i < 5; i++) await tick();
      active--;
      log.push(`${name}:${args.v}`);
      return { success: true, output: `${name} saw ${args.v}` };
    },
  });
  return { log, max: () => maxActive, reset: () => (maxActive = 0), read: make('read', false), write: make('write', true) };
}

test('a text-only turn: contract, final answer, history and session log', async () => {
  const client = new ScriptedClient([textReply('Hello there.')]);
  const ctx = makeContext({ client });
  const events = await turnEvents(ctx, 'hi');
  checkContract(events);
  const items = completedItems(events);
  assert.deepEqual(items.map((i) => i.type), ['user_message', 'agent_message']);
  assert.equal((items[1] as { text: string }).text, 'Hello there.');
  assert.deepEqual(ctx.history.entries(), [
    { type: 'message', role: 'user', content: 'hi' },
    { type: 'message', role: 'assistant', content: 'Hello there.' },
  ]);
  const records = parseRecords(readFileSync(ctx.logFile, 'utf8'));
  assert.deepEqual(records.map((r) => r.t), ['header', 'turn_started', 'item', 'history', 'item', 'history', 'usage', 'turn_ended']);
  assert.equal(client.requests[0].promptCacheKey, 's1');
});

test('independent read-only calls of one response run in parallel; outputs keep call order', async () => {
  const p = probeTools();
  const client = new ScriptedClient([callsReply([{ name: 'read', args: { v: 'a' } }, { name: 'read', args: { v: 'b' } }, { name: 'read', args: { v: 'c' } }]), textReply('done')]);
  const ctx = makeContext({ client, tools: [p.read, p.write] });
  const events = await turnEvents(ctx, 'go');
  checkContract(events);
  assert.equal(p.max(), 3, 'all three reads were in flight together');
  const outputs = client.requests[1].input.filter((e) => e.type === 'function_call_output').map((e) => (e as { output: string }).output);
  assert.deepEqual(outputs, ['read saw a', 'read saw b', 'read saw c']);
  const toolItems = completedItems(events).filter((i) => i.type === 'tool_call');
  assert.equal(toolItems.length, 3);
});

test('mutating calls run one at a time, in order, with reads between them after the write', async () => {
  const p = probeTools();
  const client = new ScriptedClient([
    callsReply([{ name: 'write', args: { v: '1' } }, { name: 'read', args: { v: '2' } }, { name: 'write', args: { v: '3' } }, { name: 'write', args: { v: '4' } }]),
    textReply('done'),
  ]);
  const ctx = makeContext({ client, tools: [p.read, p.write] });
  checkContract(await turnEvents(ctx, 'go'));
  assert.deepEqual(p.log, ['write:1', 'read:2', 'write:3', 'write:4']);
  assert.equal(p.max(), 1);
});

test('bad calls become tool errors the model reads; the loop goes on', async () => {
  const outside: Tool = {
    name: 'peek',
    description: 'peek',
    mutates: false,
    parameters: Type.Object({ path: Type.String() }),
    async run(args: { path: string }) {
      throw new PathOutsideWorkspaceError(args.path);
    },
  };
  const crash: Tool = { name: 'crash', description: 'crash', mutates: false, parameters: Type.Object({}), async run() { throw new Error('boom'); } };
  const p = probeTools();
  const client = new ScriptedClient([
    callsReply([
      { name: 'read', args: '{not json' },
      { name: 'nope', args: {} },
      { name: 'read', args: { v: 42 } },
      { name: 'peek', args: { path: '../../etc/passwd' } },
      { name: 'crash', args: {} },
    ]),
    textReply('recovered'),
  ]);
  const ctx = makeContext({ client, tools: [p.read, outside, crash] });
  const events = await turnEvents(ctx, 'go');
  checkContract(events);
  assert.equal(events[events.length - 1].type, 'turn/completed');
  const outputs = client.requests[1].input.filter((e) => e.type === 'function_call_output').map((e) => (e as { output: string }).output);
  assert.match(outputs[0], /not valid JSON/);
  assert.match(outputs[1], /Unknown tool "nope"\. Available tools: read, peek, crash/);
  assert.match(outputs[2], /Invalid arguments for read: \/v: /);
  assert.match(outputs[3], /outside the workspace/);
  assert.match(outputs[4], /crash failed: boom/);
  assert.equal(p.log.length, 0, 'the invalid read never ran');
  const failed = completedItems(events).filter((i) => i.type === 'tool_call' && i.status === 'failed');
  assert.equal(failed.length, 5);
});

test('a read-only session refuses mutating tools with a clear output', async () => {
  const p = probeTools();
  const client = new ScriptedClient([callsReply([{ name: 'write', args: { v: 'x' } }]), textReply('ok')]);
  const ctx = makeContext({ client, tools: [p.read, p.write], policy: 'read-only' });
  checkContract(await turnEvents(ctx, 'go'));
  assert.equal(p.log.length, 0);
  const out = client.requests[1].input.find((e) => e.type === 'function_call_output') as { output: string };
  assert.match(out.output, /read-only/);
});

test('a retried request discards its partial text: no duplicated text in items or history', async () => {
  const steps: ModelEvent[] = [
    { type: 'reasoning_delta', text: 'thinking' },
    { type: 'text_delta', text: 'Hel' },
    { type: 'retrying', attempt: 1, delayMs: 0, reason: 'stream dropped' },
    { type: 'text_delta', text: 'Hello' },
    { type: 'completed', output: [{ type: 'message', role: 'assistant', content: 'Hello' }], usage: usage() },
  ];
  const client = new ScriptedClient([steps]);
  const ctx = makeContext({ client });
  const events = await turnEvents(ctx, 'hi');
  checkContract(events);
  const messages = completedItems(events).filter((i) => i.type === 'agent_message');
  assert.deepEqual(messages.map((m) => (m as { text: string }).text), ['', 'Hello']);
  const reasoning = completedItems(events).filter((i) => i.type === 'reasoning');
  assert.deepEqual(reasoning.map((m) => (m as { text: string }).text), ['']);
  // what run() returns and what the log keeps: only the final text
  const result = await foldTurn((async function* () { yield* events; })());
  assert.deepEqual(result.items.map((i) => i.type), ['user_message', 'agent_message']);
  assert.equal(result.finalResponse, 'Hello');
  const logged = parseRecords(readFileSync(ctx.logFile, 'utf8')).filter((r) => r.t === 'item');
  assert.equal(logged.length, 2);
  assert.equal(ctx.history.entries().filter((e) => e.type === 'message' && e.role === 'assistant').length, 1);
});

test('abort mid-stream: turn completes aborted, partial text kept once, items completed', async () => {
  const controller = new AbortController();
  const client = new ScriptedClient([
    (req) =>
      (async function* () {
        yield { type: 'text_delta', text: 'Working on' } as ModelEvent;
        if (!req.signal.aborted) await new Promise<void>((r) => req.signal.addEventListener('abort', () => r(), { once: true }));
        throw Object.assign(new Error('aborted'), { name: 'AbortError' });
      })(),
  ]);
  const ctx = makeContext({ client });
  const events = await turnEvents(ctx, 'go', controller.signal, (e) => {
    if (e.type === 'item/updated') controller.abort();
  });
  checkContract(events);
  const end = events[events.length - 1];
  assert.equal(end.type, 'turn/completed');
  assert.equal(end.type === 'turn/completed' && end.aborted, true);
  assert.equal((completedItems(events).find((i) => i.type === 'agent_message') as { text: string }).text, 'Working on');
  assert.deepEqual(ctx.history.entries().at(-1), { type: 'message', role: 'assistant', content: 'Working on' });
  const ended = parseRecords(readFileSync(ctx.logFile, 'utf8')).find((r) => r.t === 'turn_ended');
  assert.equal(ended?.t === 'turn_ended' && ended.status, 'aborted');
});

test('abort while a tool ignores the signal: the turn still ends, calls get aborted outputs', async () => {
  const controller = new AbortController();
  let release: () => void = () => {};
  const stuck: Tool = {
    name: 'stuck',
    description: 'never honours the signal',
    mutates: true,
    parameters: Type.Object({}),
    run: () => new Promise((r) => (release = () => r({ success: true, output: 'late' }))),
  };
  const client = new ScriptedClient([callsReply([{ name: 'stuck', args: {} }])]);
  const ctx = makeContext({ client, tools: [stuck] });
  const events = await turnEvents(ctx, 'go', controller.signal, (e) => {
    if (e.type === 'item/started' && e.item.type === 'tool_call') controller.abort();
  });
  checkContract(events);
  const end = events[events.length - 1];
  assert.equal(end.type === 'turn/completed' && end.aborted, true);
  const lastEntry = ctx.history.entries().at(-1) as { type: string; output: string };
  assert.equal(lastEntry.type, 'function_call_output');
  assert.match(lastEntry.output, /interrupted/);
  const length = ctx.history.length;
  release();
  await tick();
  assert.equal(ctx.history.length, length, 'a straggler does not touch the history after the turn ended');
});

test('a model failure becomes an error item and turn/failed with the retryable flag', async () => {
  const client = new ScriptedClient([
    () => {
      throw new ModelError('The server is overloaded (HTTP 503). Try again in a minute.', { status: 503, retryable: true });
    },
  ]);
  const ctx = makeContext({ client });
  const events = await turnEvents(ctx, 'go');
  checkContract(events);
  const end = events[events.length - 1];
  assert.equal(end.type, 'turn/failed');
  assert.deepEqual(end.type === 'turn/failed' && end.error, { message: 'The server is overloaded (HTTP 503). Try again in a minute.', retryable: true });
  const err = completedItems(events).find((i) => i.type === 'error');
  assert.equal(err?.type === 'error' && err.retryable, true);
});

test('retry after a failed turn asks again from the same history: the user message is sent once', async () => {
  const client = new ScriptedClient([
    () => {
      throw new ModelError('The server had an error (HTTP 500).', { status: 500, retryable: true });
    },
    textReply('recovered'),
  ]);
  const ctx = makeContext({ client });
  const failed = await turnEvents(ctx, 'flaky please');
  assert.equal(failed[failed.length - 1].type, 'turn/failed');
  const events: SessionEvent[] = [];
  await runTurn(ctx, { text: '', retry: true }, (e) => events.push(e), { completed: () => {} });
  checkContract(events);
  assert.equal(events[events.length - 1].type, 'turn/completed');
  assert.equal(completedItems(events).filter((i) => i.type === 'user_message').length, 0, 'no second user bubble');
  const userMessages = client.requests[1].input.filter((e) => e.type === 'message' && e.role === 'user');
  assert.equal(userMessages.length, 1);
  assert.match(JSON.stringify(userMessages[0]), /flaky please/);
});

test('retry with an empty history fails with a plain sentence', async () => {
  const ctx = makeContext({ client: new ScriptedClient([]) });
  const events: SessionEvent[] = [];
  await runTurn(ctx, { text: '', retry: true }, (e) => events.push(e), { completed: () => {} });
  const end = events[events.length - 1];
  assert.equal(end.type, 'turn/failed');
  assert.match(end.type === 'turn/failed' ? end.error.message : '', /nothing to retry/);
});

test('the round cap ends a runaway turn with a clear error', async () => {
  const p = probeTools();
  const client = new ScriptedClient(Array.from({ length: 5 }, (_, i) => callsReply([{ name: 'read', args: { v: String(i) } }])));
  const ctx = makeContext({ client, tools: [p.read], maxRounds: 3 });
  const events = await turnEvents(ctx, 'loop forever');
  checkContract(events);
  const end = events[events.length - 1];
  assert.equal(end.type, 'turn/failed');
  assert.match(end.type === 'turn/failed' ? end.error.message : '', /stopped after 3 model requests/);
  assert.equal(client.requests.length, 3);
});

test('pending review decisions reach the model before the new message, as an item too', async () => {
  const staging = fakeStaging();
  staging.decisions.push('applied 2 of 3 hunks in src/a.ts; rejected 1 (reason: keep the old name)');
  const client = new ScriptedClient([textReply('noted')]);
  const ctx = makeContext({ client, staging });
  const events = await turnEvents(ctx, 'continue');
  const items = completedItems(events);
  assert.deepEqual(items.map((i) => i.type).slice(0, 2), ['review_decision', 'user_message']);
  const input = client.requests[0].input;
  assert.equal(input[0].type === 'message' && input[0].role, 'user');
  assert.match(input[0].type === 'message' ? input[0].content : '', /^\[Review\].*keep the old name/s);
  assert.deepEqual(input[1], { type: 'message', role: 'user', content: 'continue' });
});

test('attachments are rendered into the text the model sees; the item keeps them raw', async () => {
  const staging = fakeStaging({ 'src/a.ts': 'line1\nline2\nline3\n' });
  const client = new ScriptedClient([textReply('ok')]);
  const ctx = makeContext({ client, staging });
  const events: import('../../../../src/core/types/events').SessionEvent[] = [];
  await runTurn(ctx, { text: 'explain', attachments: [{ type: 'file', path: 'src/a.ts', range: { startLine: 2, endLine: 3 } }, { type: 'diagnostics', text: 'a.ts:2 error' }] }, (e) => events.push(e), { completed: () => {} });
  const sent = client.requests[0].input[0] as { content: string };
  assert.match(sent.content, /^explain\n\n<attachments>\nFile src\/a\.ts \(lines 2-3\):\n```\nline2\nline3\n```/);
  assert.match(sent.content, /Diagnostics:\na\.ts:2 error/);
  const user = completedItems(events).find((i) => i.type === 'user_message');
  assert.equal(user?.type === 'user_message' && user.text, 'explain');
  assert.equal(user?.type === 'user_message' && user.attachments?.length, 2);
});

test('parts of a response the client could not use become error items, outside the history', async () => {
  const reply: ModelEvent[] = [
    { type: 'text_delta', text: 'Done.' },
    { type: 'completed', output: [{ type: 'message', role: 'assistant', content: 'Done.' }], usage: usage(), warnings: ['The model sent a content part of type "x" that Tandem cannot use; it was left out of the answer.'] },
  ];
  const client = new ScriptedClient([reply]);
  const ctx = makeContext({ client });
  const events = await turnEvents(ctx, 'go');
  checkContract(events);
  assert.equal(events.at(-1)?.type, 'turn/completed');
  const errors = completedItems(events).filter((i) => i.type === 'error');
  assert.deepEqual(errors.map((e) => e.type === 'error' && [e.message, e.retryable]), [['The model sent a content part of type "x" that Tandem cannot use; it was left out of the answer.', false]]);
  assert.doesNotMatch(JSON.stringify(ctx.history.entries()), /content part/);
});
