import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Type } from '@sinclair/typebox';
import type { Tool } from '../../../../src/core/tools/types';
import type { HistoryEntry } from '../../../../src/core/model/types';
import { fitEntries, maxRequestTokens, recentUserMessages, TRIMMED_OUTPUT } from '../../../../src/core/agent/compaction';
import { estimateEntriesTokens } from '../../../../src/core/agent/history';
import { COMPACTION_PROMPT, SUMMARY_PREFIX } from '../../../../src/core/agent/prompt';
import { ScriptedClient, makeContext, turnEvents, textReply, callsReply, completedItems, checkContract } from './helpers';

const big = (n: number, ch = 'x') => ch.repeat(n);
const user = (content: string): HistoryEntry => ({ type: 'message', role: 'user', content });
const assistant = (content: string): HistoryEntry => ({ type: 'message', role: 'assistant', content });

const catTool: Tool = {
  name: 'cat',
  description: 'returns a large output',
  mutates: false,
  parameters: Type.Object({ n: Type.Integer() }),
  async run(args: { n: number }) {
    return { success: true, output: big(args.n, 'y') };
  },
};

test('auto-compaction: summary request, new history shape, compaction item, byte-stable prefix', async () => {
  const window = 4000;
  // an earlier conversation of ~3,600 tokens: over 85% of the window
  const earlier = [user('first request: rename foo to bar'), assistant(big(7000)), user('second: also update the docs'), assistant(big(7000))];
  const client = new ScriptedClient([textReply('SUMMARY: renamed foo to bar in src/a.ts; docs remain.'), textReply('All done.')]);
  const ctx = makeContext({ client, contextWindow: window, history: earlier, tools: [catTool] });
  const events = await turnEvents(ctx, 'third: finish up');
  checkContract(events);
  assert.equal(client.requests.length, 2);
  const [compactReq, mainReq] = client.requests;
  // the compaction request: the whole history plus the summary prompt, same prefix
  assert.deepEqual(compactReq.input.at(-1), user(COMPACTION_PROMPT));
  assert.equal(compactReq.instructions, mainReq.instructions);
  assert.equal(JSON.stringify(compactReq.tools), JSON.stringify(mainReq.tools));
  // the new history: the user's messages verbatim, then the summary
  const contents = mainReq.input.map((e) => (e.type === 'message' ? `${e.role}:${e.content.slice(0, 40)}` : e.type));
  assert.deepEqual(contents.slice(0, 3), ['user:first request: rename foo to bar', 'user:second: also update the docs', 'user:third: finish up']);
  const summary = mainReq.input[3] as { role: string; content: string };
  assert.equal(summary.role, 'user');
  assert.ok(summary.content.startsWith(SUMMARY_PREFIX));
  assert.match(summary.content, /SUMMARY: renamed foo to bar in src\/a\.ts; docs remain\./);
  assert.equal(mainReq.input.length, 4);
  const item = completedItems(events).find((i) => i.type === 'compaction');
  assert.ok(item && item.type === 'compaction');
  assert.match(item.summary, /renamed foo to bar/);
  assert.ok(item.tokensAfter < item.tokensBefore, `${item.tokensAfter} < ${item.tokensBefore}`);
  for (const r of client.requests) assert.ok(ctx.history.estimateRequest(r.input) <= maxRequestTokens(window));
});

test('history is append-only between requests of a turn (each request extends the previous one)', async () => {
  const client = new ScriptedClient([callsReply([{ name: 'cat', args: { n: 10 } }]), callsReply([{ name: 'cat', args: { n: 20 } }]), textReply('done')]);
  const ctx = makeContext({ client, tools: [catTool] });
  checkContract(await turnEvents(ctx, 'go'));
  for (let i = 1; i < client.requests.length; i++) {
    const prev = client.requests[i - 1].input;
    assert.deepEqual(client.requests[i].input.slice(0, prev.length), prev);
    assert.equal(client.requests[i].instructions, client.requests[0].instructions);
    assert.equal(JSON.stringify(client.requests[i].tools), JSON.stringify(client.requests[0].tools));
  }
});

test('a tool output that would overflow the window is trimmed before the next request', async () => {
  const window = 3000;
  // the summary request fails to help (the model answers empty), so trimming must save the turn
  const client = new ScriptedClient([callsReply([{ name: 'cat', args: { n: 20_000 } }]), textReply(''), textReply('finished')]);
  const ctx = makeContext({ client, tools: [catTool], contextWindow: window });
  const events = await turnEvents(ctx, 'read the big file');
  checkContract(events);
  assert.equal(events.at(-1)?.type, 'turn/completed');
  for (const r of client.requests) assert.ok(ctx.history.estimateRequest(r.input) <= maxRequestTokens(window), 'request under the window');
  const last = client.requests.at(-1)!;
  const out = last.input.find((e) => e.type === 'function_call_output') as { output: string };
  assert.match(out.output, /^y+\n\[\.\.\. \d+ characters removed to fit the context window \.\.\.\]\ny+$/);
  // the failed compaction was reported, not fatal
  assert.ok(completedItems(events).some((i) => i.type === 'error' && /could not be compacted/.test(i.message)));
});

test('fitEntries empties oldest outputs first, then drops oldest entries, keeping calls paired', () => {
  const entries: HistoryEntry[] = [
    user('u1'),
    { type: 'function_call', callId: 'a', name: 'cat', arguments: '{}' },
    { type: 'function_call_output', callId: 'a', output: big(4000) },
    user('u2'),
    { type: 'function_call', callId: 'b', name: 'cat', arguments: '{}' },
    { type: 'function_call_output', callId: 'b', output: big(400) },
  ];
  const trimmed = fitEntries(entries, 0, 400)!;
  assert.equal((trimmed[2] as { output: string }).output, TRIMMED_OUTPUT);
  assert.equal((trimmed[5] as { output: string }).output, big(400));
  assert.ok(estimateEntriesTokens(trimmed) <= 400);
  const dropped = fitEntries(entries, 0, 150)!;
  assert.ok(estimateEntriesTokens(dropped) <= 150);
  const ids = (t: string) => dropped.filter((e) => e.type === t).map((e) => (e as { callId: string }).callId);
  assert.deepEqual(ids('function_call'), ids('function_call_output'));
  assert.equal(fitEntries(entries, 10_000, 5_000), undefined, 'nothing fits when the prefix alone is too big');
});

test('recentUserMessages keeps the newest user messages within budget, skipping notes and summaries', () => {
  const entries: HistoryEntry[] = [user('old ' + big(2000)), user('[Review] applied'), user(`${SUMMARY_PREFIX}\nold summary`), user('recent one'), assistant('x'), user('recent two')];
  const kept = recentUserMessages(entries, 100);
  assert.deepEqual(kept.map((e) => (e as { content: string }).content), ['recent one', 'recent two']);
  const cut = recentUserMessages([user(big(10_000))], 100);
  assert.match((cut[0] as { content: string }).content, /truncated to fit/);
  assert.ok(estimateEntriesTokens(cut) <= 100);
});

test('a request that cannot fit even after compaction fails the turn with a clear error', async () => {
  const client = new ScriptedClient([textReply('summary')]);
  const ctx = makeContext({ client, contextWindow: 50, instructions: big(1000) });
  const events = await turnEvents(ctx, 'hello');
  checkContract(events);
  const end = events.at(-1)!;
  assert.equal(end.type, 'turn/failed');
  assert.match(end.type === 'turn/failed' ? end.error.message : '', /context window/);
  assert.ok(completedItems(events).some((i) => i.type === 'error'));
});

test('the tool output that triggers compaction is cut to fit the summary request, not emptied as old', async () => {
  const window = 3000;
  const client = new ScriptedClient([callsReply([{ name: 'cat', args: { n: 20_000 } }]), textReply('SUMMARY: read the big file'), textReply('finished')]);
  const ctx = makeContext({ client, tools: [catTool], contextWindow: window, history: [user('earlier'), { type: 'function_call', callId: 'old', name: 'cat', arguments: '{}' }, { type: 'function_call_output', callId: 'old', output: big(3000, 'o') }] });
  const events = await turnEvents(ctx, 'read the big file');
  checkContract(events);
  const summaryReq = client.requests[1];
  assert.deepEqual(summaryReq.input.at(-1), user(COMPACTION_PROMPT));
  const outputs = summaryReq.input.filter((e) => e.type === 'function_call_output') as { callId: string; output: string }[];
  const newest = outputs.at(-1)!;
  assert.notEqual(newest.callId, 'old');
  // the model has never seen this output: its head and tail reach the summary request
  assert.match(newest.output, /^y+\n\[\.\.\. \d+ characters removed to fit the context window \.\.\.\]\ny+$/);
  // older outputs (already seen) are emptied first, as before
  assert.equal(outputs.find((o) => o.callId === 'old')?.output, TRIMMED_OUTPUT);
  assert.ok(ctx.history.estimateRequest(summaryReq.input) <= maxRequestTokens(window));
});

test('fitEntries cuts the last round\'s outputs even when a message follows them', () => {
  const entries: HistoryEntry[] = [
    user('u1'),
    { type: 'function_call', callId: 'a', name: 'cat', arguments: '{}' },
    { type: 'function_call_output', callId: 'a', output: big(400) },
    { type: 'function_call', callId: 'b', name: 'cat', arguments: '{}' },
    { type: 'function_call_output', callId: 'b', output: big(4000) },
    user('[Review] the user applied a.ts'),
    user(COMPACTION_PROMPT),
  ];
  const fitted = fitEntries(entries, 0, 600)!;
  assert.equal((fitted[2] as { output: string }).output, TRIMMED_OUTPUT);
  assert.match((fitted[4] as { output: string }).output, /^x+\n\[\.\.\. \d+ characters removed/);
  assert.deepEqual(fitted.slice(5), entries.slice(5));
  assert.ok(estimateEntriesTokens(fitted) <= 600);
});
