// Subagents with the session's MCP tools and skills (a real MCP server from npm, the fake
// model server): children start no servers of their own and share the parent's tools by
// role (an explorer only the tools the server marks read-only), the skills list and
// load_skill; a child's MCP approval is labelled with the child, `allow_always` holds
// for the whole session (parent and siblings), and `cannot_ask` refuses the call
// without blaming the user.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createAgent, createNodeWorkspace, type ApprovalDecision, type ApprovalRequest, type SubagentItem } from '../../src/core/index';
import type { RecordedRequest } from '../fakes/fakeModelServer';
import { fakeModelServers, makeRepo, tempDir } from './harness';
import { childPids, everythingStdio } from './mcpHarness';
import { call, lastOutputs, taskOf } from './subagentScript';

const server = fakeModelServers();
const disposers: (() => Promise<void>)[] = [];
after(async () => {
  for (const d of disposers) await d();
});

const toolNames = (r: RecordedRequest): string[] => (r.body.tools as { name: string }[]).map((t) => t.name);
const ECHO = 'mcp__everything__echo';
/** Not marked read-only by server-everything. */
const TOGGLE = 'mcp__everything__toggle-simulated-logging';

test('children share the MCP tools and skills by role; their MCP approvals are labelled, allow_always holds for the session, cannot_ask refuses', async () => {
  const s = await server();
  const repo = makeRepo({ 'a.txt': 'a\n' });
  mkdirSync(path.join(repo, '.agents', 'skills', 'greet'), { recursive: true });
  writeFileSync(path.join(repo, '.agents', 'skills', 'greet', 'SKILL.md'), '---\nname: greet\ndescription: Greet politely\n---\nGREET-BODY: say hello.\n');

  const asked: ApprovalRequest[] = [];
  const answers: ApprovalDecision[] = [{ decision: 'allow_always' }, { decision: 'cannot_ask', reason: 'the test has no one to ask' }];
  const before = childPids().length;
  const agent = await createAgent({
    model: { model: 'fake-model', baseUrl: s.baseUrl, apiKey: 'sk-test', wire: 'responses', maxRetries: 0 },
    workspace: await createNodeWorkspace(repo),
    storageDir: tempDir('tandem-it-agents-'),
    globalInstructionsDir: tempDir('tandem-it-global-'),
    skills: { tandemHome: tempDir('tandem-it-th-'), userHome: tempDir('tandem-it-uh-') },
    sandbox: 'off',
    approvals: {
      async request(r) {
        asked.push(r);
        return answers.shift() ?? { decision: 'deny', reason: 'unexpected question' };
      },
    },
    mcp: { servers: [everythingStdio()] },
  });
  disposers.push(() => agent.dispose());

  // the parent: an explorer first, then (once it is reported) a worker
  const ids: string[] = [];
  s.setHandler((r) => {
    if (r.conversation === agent.sessionId) {
      for (const out of lastOutputs(r)) {
        const id = /"agent_id":"([^"]+)"/.exec(out)?.[1];
        if (id && out.startsWith('{"agent_id"')) ids.push(id);
      }
      switch (r.conversationIndex) {
        case 0:
          return { toolCalls: [call('spawn_agent', { message: 'explore: echo something', agent_type: 'explorer' })] };
        case 1:
          return { toolCalls: [call('wait_agent', { ids: [ids[0]], timeout_ms: 60_000 })] };
        case 2:
          return { toolCalls: [call('spawn_agent', { message: 'work: echo, then toggle logging', agent_type: 'worker' })] };
        case 3:
          return { toolCalls: [call('wait_agent', { ids: [ids[1]], timeout_ms: 60_000 })] };
        case 4:
          return { toolCalls: [call(ECHO, { message: 'parent' })] };
        default:
          return { text: 'done' };
      }
    }
    const task = taskOf(r);
    if (task.startsWith('explore')) {
      if (r.conversationIndex === 0) return { toolCalls: [call(ECHO, { message: 'from the explorer' }), call(TOGGLE, {})] };
      return { text: 'explored' };
    }
    if (r.conversationIndex === 0) return { toolCalls: [call(ECHO, { message: 'from the worker' })] };
    if (r.conversationIndex === 1) return { toolCalls: [call(TOGGLE, {})] };
    return { text: 'worked' };
  });

  const result = await agent.run('Use two subagents.');
  assert.equal(result.status, 'completed', result.error);
  assert.equal(result.finalResponse, 'done');
  const cards = result.items.filter((i): i is SubagentItem => i.type === 'subagent');
  assert.deepEqual(cards.map((c) => [c.agentType, c.state]), [['explorer', 'completed'], ['worker', 'completed']]);
  const [explorerId, workerId] = cards.map((c) => c.agentId);

  const requests = s.modelRequests();
  const parentFirst = requests.find((r) => r.conversation === agent.sessionId)!;
  const explorerFirst = requests.find((r) => taskOf(r).startsWith('explore'))!;
  const workerFirst = requests.find((r) => taskOf(r).startsWith('work'))!;
  // tools by role: the worker gets the parent's MCP tools; the explorer only read-only ones
  const parentTools = toolNames(parentFirst);
  assert.ok(parentTools.includes(ECHO) && parentTools.includes(TOGGLE) && parentTools.includes('load_skill'));
  const workerTools = toolNames(workerFirst);
  for (const t of parentTools.filter((n) => n.startsWith('mcp__'))) assert.ok(workerTools.includes(t), `worker has ${t}`);
  assert.ok(workerTools.includes('load_skill') && workerTools.includes('apply_patch'));
  const explorerTools = toolNames(explorerFirst);
  assert.ok(explorerTools.includes(ECHO) && explorerTools.includes('load_skill'));
  assert.ok(!explorerTools.includes(TOGGLE) && !explorerTools.includes('apply_patch'), 'an explorer gets no tool that may change things');
  // the skills list reaches the children through the shared instructions
  for (const r of [explorerFirst, workerFirst]) assert.match(r.instructions, /- greet: Greet politely/);

  // the explorer's call asked, labelled; allow_always then covered the worker's and the parent's calls
  assert.equal(asked.length, 2, JSON.stringify(asked.map((a) => [a.type, a.label])));
  const [first, second] = asked;
  assert.equal(first.type, 'mcp_tool');
  assert.equal(first.type === 'mcp_tool' && first.tool, 'echo');
  assert.match(first.label ?? '', new RegExp(`^explorer ${explorerId}: explore: echo something$`));
  const explorerOutputs = lastOutputs(requests.find((r) => taskOf(r).startsWith('explore') && r.conversationIndex === 1)!);
  assert.deepEqual(explorerOutputs[0], 'Echo: from the explorer');
  assert.match(explorerOutputs[1], /explorer subagent and only read/);
  const workerEcho = lastOutputs(requests.find((r) => taskOf(r).startsWith('work') && r.conversationIndex === 1)!);
  assert.deepEqual(workerEcho, ['Echo: from the worker']);
  assert.deepEqual(lastOutputs(requests.find((r) => r.conversation === agent.sessionId && r.conversationIndex === 5)!), ['Echo: parent']);

  // the worker's call to a tool that may change things asked, labelled, and no one could answer
  assert.equal(second.type === 'mcp_tool' && second.tool, 'toggle-simulated-logging');
  assert.match(second.label ?? '', new RegExp(`^worker ${workerId}: work: `));
  const [refused] = lastOutputs(requests.find((r) => taskOf(r).startsWith('work') && r.conversationIndex === 2)!);
  assert.match(refused, /needs the user's approval, and none could be given: the test has no one to ask\. No one was asked\./);
  assert.doesNotMatch(refused, /declined/);

  // one MCP server for the whole session: the children started none of their own
  assert.equal(childPids().length - before, 1);
});
