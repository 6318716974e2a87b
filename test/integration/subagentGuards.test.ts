// A subagent's turn has guards too (issue 17 under issue 11): the stuck-loop guard, the
// session's limits, and without a session maxRounds a cap of its own
// (DEFAULT_SUBAGENT_MAX_ROUNDS). The parent reads why a child stopped in wait_agent's
// report. Children are scripted apart from the parent on the fake model server.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createAgent, createNodeWorkspace, DEFAULT_SUBAGENT_MAX_ROUNDS, type Approvals } from '../../src/core/index';
import { startFakeModelServer, type FakeModelServer } from '../fakes/fakeModelServer';
import { makeRepo, tempDir } from './harness';
import { call, spawningParent, taskOf } from './subagentScript';

const servers: FakeModelServer[] = [];
after(async () => {
  for (const s of servers) await s.close();
});

const allowAll: Approvals = { request: async () => ({ decision: 'allow_once' }) };

async function setup(extra: { maxRounds?: number } = {}) {
  const s = await startFakeModelServer();
  servers.push(s);
  const agent = await createAgent({
    model: { model: 'fake-model', baseUrl: s.baseUrl, apiKey: 'sk-test', wire: 'responses', maxRetries: 0 },
    workspace: await createNodeWorkspace(makeRepo({ 'a.txt': 'one\n' })),
    storageDir: tempDir('tandem-it-guards-'),
    approvals: allowAll,
    globalInstructionsDir: tempDir('tandem-it-global-'),
    sandbox: 'off',
    ...extra,
  });
  return { s, agent };
}

/** Children: "stuck" repeats one failing call; "busy" reads a new missing file every round, forever. */
function childReply(task: string, round: number) {
  if (task.startsWith('stuck')) return { toolCalls: [call('read_file', { path: 'missing.txt' })] };
  return { toolCalls: [call('read_file', { path: `missing-${round}.txt` })] };
}

test('a child stuck on one failing call stops with the stuck-loop message; one that never ends stops at the subagent cap', async () => {
  const { s, agent } = await setup();
  const parent = spawningParent([{ message: 'stuck: read missing.txt' }, { message: 'busy: read every file' }]);
  const rounds = new Map<string, number>();
  s.setHandler(async (r) => {
    if (r.conversation === agent.sessionId) return parent.reply(r);
    const task = taskOf(r);
    rounds.set(task, (rounds.get(task) ?? 0) + 1);
    return childReply(task, r.conversationIndex);
  });

  const result = await agent.run('Start two helpers.');
  assert.equal(result.status, 'completed', result.error);
  const reports = parent.waits.flatMap((w) => (JSON.parse(w) as { agents: { agent_id: string; state: string; error?: string }[] }).agents);
  const stuck = reports.find((a) => a.agent_id === parent.ids[0] && a.state === 'failed');
  const busy = reports.find((a) => a.agent_id === parent.ids[1] && a.state === 'failed');
  assert.match(stuck?.error ?? '', /the same read_file call failed 5 times in a row/);
  assert.match(busy?.error ?? '', new RegExp(`stopped after ${DEFAULT_SUBAGENT_MAX_ROUNDS} model requests`));
  assert.equal(rounds.get('stuck: read missing.txt'), 5);
  assert.equal(rounds.get('busy: read every file'), DEFAULT_SUBAGENT_MAX_ROUNDS);
  await agent.dispose();
});

test("the session's maxRounds is each child turn's cap, and the children's tokens count in the parent's turn", async () => {
  const { s, agent } = await setup({ maxRounds: 7 });
  const parent = spawningParent([{ message: 'busy: read every file' }]);
  let childRequests = 0;
  s.setHandler(async (r) => {
    if (r.conversation === agent.sessionId) return { ...parent.reply(r), usage: { inputTokens: 1, outputTokens: 0 } };
    childRequests++;
    return { ...childReply(taskOf(r), r.conversationIndex), usage: { inputTokens: 1000, outputTokens: 0 } };
  });

  const result = await agent.run('Start a helper.');
  assert.equal(result.status, 'completed', result.error);
  assert.equal(childRequests, 7);
  const report = parent.waits.flatMap((w) => (JSON.parse(w) as { agents: { state: string; error?: string }[] }).agents).find((a) => a.state === 'failed');
  assert.match(report?.error ?? '', /stopped after 7 model requests/);
  // the parent's turn includes the child's 7 requests (1,000 tokens each), each once
  const parentRequests = s.requests.filter((r) => r.conversation === agent.sessionId).length;
  assert.equal(result.usage.inputTokens, parentRequests + 7 * 1000);
  await agent.dispose();
});
