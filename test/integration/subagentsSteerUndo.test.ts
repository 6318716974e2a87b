// Working beside a running agent (issue 13) while it has subagents (issue 11), against
// the fake model server with the parent and each child scripted apart: a message
// steered while the parent waits for a child reaches the parent at once; undo of a turn
// takes back what its subagents merged (and keeps the earlier turn's attribution); a
// subagent's images live in its session's image store.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Item } from '../../src/core/index';
import type { FakeModelServer, RecordedRequest } from '../fakes/fakeModelServer';
import { makeImage } from '../fakes/images';
import { until } from './harness';
import { subagentSession, call, patchOf, spawningParent, taskOf } from './subagentScript';

const servers: FakeModelServer[] = [];
after(async () => {
  for (const s of servers) await s.close();
});

const setup = (files: Record<string, string>, extra: { maxAgentDepth?: number } = {}) => subagentSession(servers, files, extra);

const lines = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}`).join('\n') + '\n';

/** The user messages of a request, in order. */
const userTexts = (r: RecordedRequest) => r.input.flatMap((e) => (e.type === 'message' && e.role === 'user' ? [e.content] : []));

test('a message steered while the parent waits for a subagent reaches the parent at once, before the subagent ends', { timeout: 120_000 }, async () => {
  const { s, agent, events } = await setup({ 'a.txt': lines(3) });
  const parent = spawningParent([{ message: 'work: change a.txt' }], 'Done, tests minded.');
  let releaseChild!: () => void;
  const childGate = new Promise<void>((r) => (releaseChild = r));
  s.setHandler(async (r) => {
    if (r.conversation === agent.sessionId) return parent.reply(r);
    if (r.conversationIndex === 0) {
      await childGate; // the child works until the parent has read the steer
      return { toolCalls: [call('apply_patch', { patch: patchOf('a.txt', 'line 1', 'line one') })] };
    }
    return { text: 'Changed a.txt.' };
  });
  const run = agent.run('Delegate the change.');
  // the parent is in wait_agent (an hour's timeout) while the child waits for its answer
  await until(() => events.some((e) => e.type === 'item/started' && !e.agentId && e.item.type === 'tool_call' && e.item.name === 'wait_agent'));
  const m = await agent.steer('Also mind the tests.');
  assert.equal(m.mode, 'steer');
  await until(() => s.modelRequests().some((r) => r.conversation === agent.sessionId && userTexts(r).includes('Also mind the tests.')));
  const steered = s.modelRequests().find((r) => r.conversation === agent.sessionId && userTexts(r).includes('Also mind the tests.'))!;
  // the wait ended early and says why; the child is still running
  const outputs = steered.input.flatMap((e) => (e.type === 'function_call_output' ? [e.output] : []));
  assert.equal(steered.input.at(-1)?.type, 'message'); // the steer follows the wait's output
  const waitOut = JSON.parse(outputs.at(-1)!) as { agents: { state: string }[]; interrupted?: string };
  assert.equal(waitOut.agents[0].state, 'running');
  assert.match(waitOut.interrupted ?? '', /the user sent a message/);
  assert.equal(s.modelRequests().filter((r) => taskOf(r) === 'work: change a.txt' && r.conversationIndex > 0).length, 0); // the child has had no answer yet
  releaseChild();
  const result = await run;
  assert.equal(result.status, 'completed', result.error);
  assert.equal(result.finalResponse, 'Done, tests minded.');
  const user = agent.items().filter((i) => i.type === 'user_message');
  assert.deepEqual(user.map((u) => (u.type === 'user_message' ? [u.text, u.steered ?? false] : [])), [['Delegate the change.', false], ['Also mind the tests.', true]]);
  assert.deepEqual((await agent.changes()).map((c) => c.path), ['a.txt']);
  await agent.dispose();
});

test('a message steered while the turn waits for its subagents to settle is read before they end', { timeout: 120_000 }, async () => {
  const { s, agent, events } = await setup({ 'a.txt': lines(3) });
  let releaseChild!: () => void;
  const childGate = new Promise<void>((r) => (releaseChild = r));
  s.setHandler(async (r) => {
    if (r.conversation === agent.sessionId) {
      if (r.conversationIndex === 0) return { toolCalls: [call('spawn_agent', { message: 'work: slow' })] };
      if (r.conversationIndex === 1) return { text: 'Started it; it reports when done.' }; // ends without waiting
      if (userTexts(r).at(-1) === 'Stop and summarise.') return { text: 'Summary while it works.' };
      return { text: 'All done.' };
    }
    if (r.conversationIndex === 0) await childGate;
    return { text: 'slow work done' };
  });
  const run = agent.run('Start the slow work.');
  await until(() => events.some((e) => e.type === 'item/completed' && !e.agentId && e.item.type === 'agent_message' && e.item.text === 'Started it; it reports when done.'));
  await agent.steer('Stop and summarise.');
  await until(() => s.modelRequests().some((r) => r.conversation === agent.sessionId && userTexts(r).at(-1) === 'Stop and summarise.'));
  assert.equal(s.modelRequests().filter((r) => taskOf(r) === 'work: slow' && r.conversationIndex > 0).length, 0); // the child has had no answer yet
  releaseChild();
  const result = await run;
  assert.equal(result.status, 'completed', result.error);
  // the turn still ended only after the child, with its result seen
  assert.equal(result.finalResponse, 'All done.');
  await agent.dispose();
});

test("undo of a turn takes back what its subagents merged; the earlier turn's subagent work stays, attributed", { timeout: 120_000 }, async () => {
  const { s, agent, repo } = await setup({ 'a.txt': lines(3), 'b.txt': lines(3) });
  const turns = [spawningParent([{ message: 'work A: change a.txt' }], 'A merged.'), spawningParent([{ message: 'work B: change a.txt and b.txt' }], 'B merged.')];
  let turn = 0;
  let base = 0;
  s.setHandler((r) => {
    if (r.conversation === agent.sessionId) return turns[turn].reply({ ...r, conversationIndex: r.conversationIndex - base });
    const task = taskOf(r);
    if (r.conversationIndex === 0 && task.startsWith('work A')) return { toolCalls: [call('apply_patch', { patch: patchOf('a.txt', 'line 1', 'line one (A)') })] };
    if (r.conversationIndex === 0) {
      return { toolCalls: [call('apply_patch', { patch: `${patchOf('a.txt', 'line 3', 'line three (B)').replace('\n*** End Patch', '')}\n*** Update File: b.txt\n@@\n-line 2\n+line two (B)\n*** End Patch` })] };
    }
    return { text: `${task.slice(0, 6)} done.` };
  });
  const first = await agent.run('Turn one.');
  assert.equal(first.status, 'completed', first.error);
  const afterOne = await agent.changes();
  const stagedA = await agent.staging.readFile('a.txt');
  assert.deepEqual(afterOne.map((c) => [c.path, c.agents]), [['a.txt', [turns[0].ids[0]]]]);
  turn = 1;
  base = s.modelRequests().filter((r) => r.conversation === agent.sessionId).length;
  const second = await agent.run('Turn two.');
  assert.equal(second.status, 'completed', second.error);
  assert.deepEqual((await agent.changes()).map((c) => c.path), ['a.txt', 'b.txt']);

  const turnIds = agent.items().filter((i): i is Extract<Item, { type: 'user_message' }> => i.type === 'user_message').map((i) => i.turnId);
  const undone = await agent.undoTurn(turnIds[1]);
  assert.deepEqual(undone.restored, ['a.txt', 'b.txt']);
  const afterUndo = await agent.changes();
  assert.deepEqual(afterUndo.map((c) => [c.path, c.agents]), [['a.txt', [turns[0].ids[0]]]]);
  assert.deepEqual(await agent.staging.readFile('a.txt'), stagedA);
  // the user's files are untouched
  assert.equal(readFileSync(path.join(repo, 'a.txt'), 'utf8'), lines(3));
  await agent.dispose();
});

test("a subagent's view_image goes to its model and into its session's image store, which the editor reads", { timeout: 120_000 }, async () => {
  const { s, agent, repo } = await setup({ 'a.txt': lines(3) });
  writeFileSync(path.join(repo, 'shot.png'), await makeImage('image/png', 8, 8));
  const parent = spawningParent([{ message: 'look: the screenshot', agent_type: 'explorer' }], 'It is a tiny image.');
  s.setHandler((r) => {
    if (r.conversation === agent.sessionId) return parent.reply(r);
    if (r.conversationIndex === 0) return { toolCalls: [call('view_image', { path: 'shot.png' })] };
    return { text: 'An 8×8 image.' };
  });
  const result = await agent.run('What does shot.png show?');
  assert.equal(result.status, 'completed', result.error);
  const childSecond = s.modelRequests().find((r) => taskOf(r) === 'look: the screenshot' && r.conversationIndex === 1)!;
  const sent = childSecond.input.flatMap((e) => (e.type === 'message' && e.role === 'user' ? (e.images ?? []) : []));
  assert.equal(sent.length, 1);
  const childItems = await agent.subagentItems(parent.ids[0]);
  const shown = childItems.flatMap((i) => (i.type === 'tool_call' ? (i.images ?? []) : []));
  assert.deepEqual(shown.map((i) => i.hash), [sent[0].hash]);
  assert.match(await agent.imageDataUrl(shown[0]), /^data:image\/png;base64,/);
  await agent.dispose();
});
