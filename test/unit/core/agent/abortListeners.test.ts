// A turn's AbortSignal must not gain a listener per round. Each model request, tool call
// or retry sleep that listens to the turn's signal has to stop listening when it ends,
// or a long multi-round turn trips Node's MaxListenersExceededWarning (11 abort
// listeners on one AbortSignal) and keeps every finished request's closures alive.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { Type } from '@sinclair/typebox';
import type { Tool } from '../../../../src/core/tools/types';
import type { ModelClient } from '../../../../src/core/model/types';
import { startFakeModelServer, type FakeModelServer } from '../../../fakes/fakeModelServer';
import { clientFor } from '../model/modelTestUtils';
import { ScriptedClient, makeContext, turnEvents, callsReply, textReply, checkContract, type Step } from './helpers';

const ROUNDS = 20;

/** A tool that listens to the turn's signal while it runs, as shell and search tools do. */
const listeningTool: Tool = {
  name: 'probe',
  description: 'probe',
  mutates: false,
  parameters: Type.Object({ n: Type.Number() }),
  async run(args: { n: number }, ctx) {
    const onAbort = () => undefined;
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    await new Promise((r) => setImmediate(r));
    ctx.signal.removeEventListener('abort', onAbort);
    return { success: true, output: `probe ${args.n}` };
  },
};

/** Runs a ROUNDS-round turn and returns the process warnings it caused and the listeners left. */
async function runRounds(client: ModelClient): Promise<{ warnings: string[]; left: number }> {
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
  process.on('warning', onWarning);
  const controller = new AbortController();
  try {
    const ctx = makeContext({ client, tools: [listeningTool], maxRounds: ROUNDS + 5 });
    const events = await turnEvents(ctx, 'go', controller.signal);
    checkContract(events);
    assert.equal(events.at(-1)?.type, 'turn/completed', JSON.stringify(events.at(-1)));
    // warnings are emitted on a later tick
    await new Promise((r) => setTimeout(r, 20));
  } finally {
    process.off('warning', onWarning);
  }
  return { warnings: warnings.filter((w) => /MaxListeners|listeners added/i.test(w)), left: getEventListeners(controller.signal, 'abort').length };
}

test(`a ${ROUNDS}-round turn with a scripted client leaves no abort listener behind`, async () => {
  const steps: Step[] = [];
  for (let i = 0; i < ROUNDS; i++) steps.push(callsReply([{ name: 'probe', args: { n: i }, id: `c${i}` }]));
  steps.push(textReply('done'));
  const client = new ScriptedClient(steps);
  const r = await runRounds(client);
  assert.equal(client.requests.length, ROUNDS + 1);
  assert.deepEqual(r.warnings, []);
  assert.equal(r.left, 0);
});

let server: FakeModelServer;
before(async () => (server = await startFakeModelServer()));
after(async () => server.close());
beforeEach(() => server.reset());

for (const wire of ['responses', 'chat'] as const) {
  test(`a ${ROUNDS}-round turn through the real ${wire} client (openai SDK) emits no MaxListenersExceededWarning`, async () => {
    for (let i = 0; i < ROUNDS; i++) server.enqueue({ toolCalls: [{ name: 'probe', arguments: { n: i }, callId: `c${i}` }] });
    server.enqueue({ text: 'done' });
    const r = await runRounds(clientFor(server, wire).client);
    assert.equal(server.requests.length, ROUNDS + 1);
    assert.deepEqual(r.warnings, []);
    assert.equal(r.left, 0, 'every request and tool stopped listening to the turn signal');
  });
}
