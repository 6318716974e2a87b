// The guards that replaced the fixed request cap: no cap by default, a configurable
// one, a token budget, and the stuck-loop guard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Type } from '@sinclair/typebox';
import type { Tool } from '../../../../src/core/tools/types';
import type { SessionEvent } from '../../../../src/core/types/events';
import { StuckLoopGuard, turnLimitsOf } from '../../../../src/core/agent/loopGuard';
import { ScriptedClient, callsReply, checkContract, makeContext, tempDir, textReply, turnEvents, usage } from './helpers';

/** `step`: succeeds unless v starts with "bad"; it reports what it saw. */
const step: Tool = {
  name: 'step',
  description: 'one step',
  mutates: false,
  parameters: Type.Object({ v: Type.String() }),
  async run(args: { v: string }) {
    return { success: !args.v.startsWith('bad'), output: `step ${args.v}` };
  },
};

const failure = (events: SessionEvent[]) => {
  checkContract(events);
  const end = events[events.length - 1];
  assert.equal(end.type, 'turn/failed');
  return end.type === 'turn/failed' ? end.error.message : '';
};

test('no cap by default: 150 different steps run to the end in one turn', async () => {
  const replies = Array.from({ length: 150 }, (_, i) => callsReply([{ name: 'step', args: { v: String(i) } }]));
  const client = new ScriptedClient([...replies, textReply('all done')]);
  const events = await turnEvents(makeContext({ client, tools: [step], maxRounds: undefined }), 'go');
  checkContract(events);
  assert.equal(events[events.length - 1].type, 'turn/completed');
  assert.equal(client.requests.length, 151);
});

test('the same failing call five rounds in a row ends the turn with the stuck-loop message', async () => {
  // varying text around the same failing call: only the failing-call rule can see it
  const replies = Array.from({ length: 10 }, (_, i) => [
    { type: 'text_delta' as const, text: `try ${i}` },
    { type: 'completed' as const, output: [{ type: 'message' as const, role: 'assistant' as const, content: `try ${i}` }, { type: 'function_call' as const, callId: `c${i}`, name: 'step', arguments: '{"v":"bad"}' }], usage: usage() },
  ]);
  const client = new ScriptedClient(replies);
  const message = failure(await turnEvents(makeContext({ client, tools: [step], maxRounds: undefined }), 'go'));
  assert.match(message, /same step call failed 5 times in a row \(\{"v":"bad"\}\)/);
  assert.match(message, /stuck/);
  assert.equal(client.requests.length, 5);
});

test('the same response five times in a row ends the turn, even when its call succeeds; a change resets the count', async () => {
  const same = () => callsReply([{ name: 'step', args: { v: 'poll' } }]);
  const client = new ScriptedClient([same(), same(), same(), same(), callsReply([{ name: 'step', args: { v: 'other' } }]), same(), same(), same(), same(), same(), same()]);
  const message = failure(await turnEvents(makeContext({ client, tools: [step], maxRounds: undefined }), 'go'));
  assert.match(message, /same response 5 times in a row, calling step \{"v":"poll"\}/);
  assert.equal(client.requests.length, 10);
});

test('an unknown tool called again and again counts as a failing call', async () => {
  const client = new ScriptedClient(Array.from({ length: 8 }, () => callsReply([{ name: 'nope', args: {} }])));
  const message = failure(await turnEvents(makeContext({ client, tools: [step], maxRounds: undefined, repeatLimit: 3 }), 'go'));
  assert.match(message, /same nope call failed 3 times/);
  assert.equal(client.requests.length, 3);
});

test('repeatLimit 0 turns the guard off (the cap still applies)', async () => {
  const client = new ScriptedClient(Array.from({ length: 9 }, () => callsReply([{ name: 'step', args: { v: 'bad' } }])));
  const message = failure(await turnEvents(makeContext({ client, tools: [step], maxRounds: 8, repeatLimit: 0 }), 'go'));
  assert.match(message, /stopped after 8 model requests: the limit for one turn/);
});

test('a token budget ends the turn before the request that would exceed it', async () => {
  const replies = Array.from({ length: 10 }, (_, i) => callsReply([{ name: 'step', args: { v: String(i) } }], usage(1000, 100)));
  const client = new ScriptedClient(replies);
  const message = failure(await turnEvents(makeContext({ client, tools: [step], maxRounds: undefined, maxTurnTokens: 3000 }), 'go'));
  assert.match(message, /this turn used 3,300 tokens, its budget is 3,000/);
  assert.equal(client.requests.length, 3);
});

test('limits: 0 means none, negative or fractional values are refused', () => {
  assert.deepEqual(turnLimitsOf({ maxRounds: 0, maxTurnTokens: 0 }), { maxRounds: undefined, maxTurnTokens: undefined, repeatLimit: undefined });
  assert.deepEqual(turnLimitsOf({ maxRounds: 5, repeatLimit: 0 }), { maxRounds: 5, maxTurnTokens: undefined, repeatLimit: 0 });
  assert.throws(() => turnLimitsOf({ maxRounds: -1 }), /maxRounds must be a whole number/);
  assert.throws(() => turnLimitsOf({ maxTurnTokens: 1.5 }), /maxTurnTokens/);
});

test('the guard: parallel calls, only calls failing in every round count', () => {
  const g = new StuckLoopGuard(3);
  const call = (args: string) => ({ type: 'function_call' as const, callId: 'x', name: 't', arguments: args });
  assert.equal(g.afterRound([call('a'), call('b')], [{ name: 't', arguments: 'a', success: false }, { name: 't', arguments: 'b', success: true }]), undefined);
  assert.equal(g.afterRound([call('a'), call('c')], [{ name: 't', arguments: 'a', success: true }, { name: 't', arguments: 'c', success: true }]), undefined);
  assert.equal(g.afterRound([call('a'), call('d')], [{ name: 't', arguments: 'a', success: false }, { name: 't', arguments: 'd', success: true }]), undefined);
  assert.equal(g.afterRound([call('a'), call('e')], [{ name: 't', arguments: 'a', success: false }, { name: 't', arguments: 'e', success: true }]), undefined);
  assert.match(g.afterRound([call('a'), call('f')], [{ name: 't', arguments: 'a', success: false }, { name: 't', arguments: 'f', success: true }]) ?? '', /same t call failed 3 times/);
});

test("a turn a guard ended reports the tokens its requests used (run() and a subagent's count in its parent's)", async () => {
  const { foldTurn } = await import('../../../../src/core/agent/fold');
  const replies = Array.from({ length: 6 }, () => callsReply([{ name: 'step', args: { v: 'bad' } }]));
  const client = new ScriptedClient(replies);
  const events = await turnEvents(makeContext({ client, tools: [step], maxRounds: undefined }), 'go');
  const result = await foldTurn((async function* () {
    yield* events;
  })());
  assert.equal(result.status, 'failed');
  const reported = events.flatMap((e) => (e.type === 'usage/updated' ? [e.usage.inputTokens] : []));
  assert.equal(reported.length, 5);
  assert.equal(result.usage.inputTokens, reported.reduce((a, b) => a + b, 0));
  assert.ok(result.usage.inputTokens > 0);
});

test('a message steered into the turn starts the stuck count afresh; the request cap still counts every round', async () => {
  const { createAgent } = await import('../../../../src/core/agent/createAgent');
  const { createNodeWorkspace } = await import('../../../../src/core/workspace/nodeWorkspace');
  const { denyAll } = await import('../../../../src/core/approvals/types');
  const make = async (maxRounds?: number) => {
    const client = new ScriptedClient(Array.from({ length: 12 }, () => callsReply([{ name: 'step', args: { v: 'bad' } }])));
    const agent = await createAgent({
      model: { model: 'm', contextWindow: 1_000_000 },
      workspace: await createNodeWorkspace(tempDir('tandem-ws-')),
      storageDir: tempDir('tandem-store-'),
      globalInstructionsDir: tempDir('g-'),
      approvals: denyAll,
      tools: [step],
      modelClient: client,
      ...(maxRounds ? { maxRounds } : {}),
    });
    // the user steers once the third answer is in (delivered before the fourth request)
    let answers = 0;
    agent.subscribe((e) => {
      if (e.type === 'usage/updated' && ++answers === 3) void agent.steer('Stop reading that file; try the other one.');
    });
    return { agent, client };
  };

  const { agent, client } = await make();
  const result = await agent.run('go');
  assert.equal(result.status, 'failed');
  assert.match(result.error ?? '', /same step call failed 5 times in a row/);
  // 3 rounds before the steer, then 5 more in a row after it
  assert.equal(client.requests.length, 8);
  assert.ok(agent.items().some((i) => i.type === 'user_message' && i.steered === true));

  const capped = await make(6);
  const r = await capped.agent.run('go');
  assert.match(r.error ?? '', /stopped after 6 model requests/);
  assert.equal(capped.client.requests.length, 6);
});
