// Steering and queueing through the real agent (createAgent) with a scripted model:
// where a steered message lands, how queued messages become turns, edits of the queue,
// stop keeping the queue, and the queue surviving a new process (resume).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createAgent } from '../../../../src/core/agent/createAgent';
import { createNodeWorkspace } from '../../../../src/core/workspace/nodeWorkspace';
import { denyAll } from '../../../../src/core/approvals/types';
import { readSessionRecords } from '../../../../src/core/session/store';
import type { ModelEvent, ModelRequest } from '../../../../src/core/model/types';
import type { SessionEvent } from '../../../../src/core/types/events';
import { ScriptedClient, callsReply, tempDir, textReply, type Step } from './helpers';

const shell = { sandboxed: false, run: async () => { throw new Error('no commands here'); } };

async function setup(steps: Step[]) {
  const root = tempDir('tandem-ws-');
  mkdirSync(path.join(root, '.git'));
  const storage = tempDir('tandem-store-');
  const client = new ScriptedClient(steps);
  const options = { model: { model: 'm' }, workspace: await createNodeWorkspace(root), storageDir: storage, approvals: denyAll, shell, modelClient: client, globalInstructionsDir: tempDir('g-') };
  return { client, options, storage, agent: await createAgent(options) };
}

/** A step that waits for `gate` before answering (the turn is "running" meanwhile). */
function gated(gate: Promise<void>, events: ModelEvent[]): Step {
  return async function* (req: ModelRequest) {
    void req;
    await gate;
    yield* events;
  };
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const userTexts = (req: ModelRequest) => req.input.flatMap((e) => (e.type === 'message' && e.role === 'user' ? [e.content] : []));

test('a steering message lands before the next request of the running turn, marked steered', async () => {
  const gate = deferred();
  const { agent, client, storage } = await setup([gated(gate.promise, callsReply([{ name: 'list_dir', args: { path: '.' } }])), textReply('Done, in blue.')]);
  const events: SessionEvent[] = [];
  agent.subscribe((e) => events.push(e));
  const run = agent.run('Paint it');
  while (client.requests.length === 0) await new Promise((r) => setImmediate(r));
  const msg = await agent.steer('Use blue');
  assert.equal(msg.mode, 'steer');
  // on disk before it is acknowledged
  const records = await readSessionRecords(storage, agent.sessionId);
  assert.deepEqual(records.filter((r) => r.t === 'queue').at(-1), { t: 'queue', messages: [msg] });
  gate.resolve();
  const result = await run;
  assert.equal(result.status, 'completed');
  assert.deepEqual(userTexts(client.requests[1]), ['Paint it', 'Use blue']);
  // the steered message comes after the tool output: it landed between the two requests
  assert.equal(client.requests[1].input.at(-1)?.type, 'message');
  const users = result.items.filter((i) => i.type === 'user_message');
  assert.deepEqual(users.map((u) => [u.text, u.type === 'user_message' && u.steered === true]), [['Paint it', false], ['Use blue', true]]);
  assert.deepEqual(agent.queued(), []);
  assert.deepEqual(events.filter((e) => e.type === 'queue/updated').at(-1), { type: 'queue/updated', messages: [] });
});

test('a steer sent while the model gives its final answer makes the turn ask once more', async () => {
  const gate = deferred();
  const { agent, client } = await setup([gated(gate.promise, textReply('Painted red.')), textReply('Repainted blue.')]);
  const run = agent.run('Paint it');
  while (client.requests.length === 0) await new Promise((r) => setImmediate(r));
  await agent.steer('Actually, blue');
  gate.resolve();
  const result = await run;
  assert.equal(client.requests.length, 2);
  assert.deepEqual(userTexts(client.requests[1]), ['Paint it', 'Actually, blue']);
  assert.equal(result.finalResponse, 'Repainted blue.');
  assert.equal(new Set(result.items.map((i) => i.turnId)).size, 1, 'one turn');
});

test('queued messages become the next turns in order, after edits, moves and removals', async () => {
  const gate = deferred();
  const { agent, client } = await setup([gated(gate.promise, textReply('one')), textReply('two'), textReply('three')]);
  const events: SessionEvent[] = [];
  agent.subscribe((e) => events.push(e));
  const run = agent.run('first');
  while (client.requests.length === 0) await new Promise((r) => setImmediate(r));
  const a = await agent.queue('second');
  const b = await agent.queue('thrid');
  const c = await agent.queue('dropped');
  await agent.updateQueued(b.id, { text: 'third' });
  await agent.removeQueued(c.id);
  await agent.moveQueued(b.id, 0);
  assert.deepEqual(agent.queued().map((m) => m.text), ['third', 'second']);
  assert.equal(a.mode, 'queue');
  gate.resolve();
  const result = await run;
  assert.equal(result.finalResponse, 'three');
  assert.deepEqual(client.requests.map((r) => userTexts(r).at(-1)), ['first', 'third', 'second']);
  assert.equal(events.filter((e) => e.type === 'turn/started').length, 3);
  assert.deepEqual(agent.queued(), []);
});

test('stop keeps the queue and undelivered steers; runQueued sends them later; the queue survives a resume', async () => {
  const { agent, client, options } = await setup([
    async function* (req: ModelRequest) {
      await new Promise<void>((_, reject) => req.signal.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' }))));
      yield* textReply('never');
    },
    textReply('queued answer'),
  ]);
  const controller = new AbortController();
  const run = agent.run('long task', { signal: controller.signal });
  while (client.requests.length === 0) await new Promise((r) => setImmediate(r));
  await agent.queue('later');
  await agent.steer('steer that never lands');
  controller.abort();
  const result = await run;
  assert.equal(result.status, 'aborted');
  assert.equal(client.requests.length, 1, 'stop does not send the queue');
  assert.deepEqual(agent.queued().map((m) => [m.text, m.mode]), [['later', 'queue'], ['steer that never lands', 'queue']]);

  // a new process finds the same queue
  const resumed = await createAgent({ ...options, sessionId: agent.sessionId });
  assert.deepEqual(resumed.queued().map((m) => m.text), ['later', 'steer that never lands']);
  const removed = resumed.queued()[1];
  await resumed.removeQueued(removed.id);
  const next = await resumed.runQueued();
  assert.equal(next.finalResponse, 'queued answer');
  assert.deepEqual(userTexts(client.requests[1]).at(-1), 'later');
  assert.deepEqual(resumed.queued(), []);
  await assert.rejects(resumed.runQueued(), /No message is queued/);
});

test('a steer with no turn running is queued, and empty messages are refused', async () => {
  const { agent } = await setup([]);
  const m = await agent.steer('hello');
  assert.equal(m.mode, 'queue');
  await assert.rejects(agent.queue('   '), /Type a message first/);
  await assert.rejects(agent.updateQueued('nope', { text: 'x' }), /No queued message/);
});
