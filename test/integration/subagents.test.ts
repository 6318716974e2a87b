// Subagents against the fake model server, the parent and each child scripted apart
// (requests routed by conversation): parallel workers whose staged work merges into
// the parent's staging area with attribution and reported conflicts, the role and depth
// limits, abort, and resume after a killed process (subagentsResume.test.ts).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createAgent, createNodeWorkspace, type SubagentItem } from '../../src/core/index';
import { startFakeModelServer, type FakeModelServer, type RecordedRequest } from '../fakes/fakeModelServer';
import { makeRepo, read, tempDir, until } from './harness';
import { subagentSession, call, lastOutputs, patchOf, spawningParent, taskOf } from './subagentScript';

const servers: FakeModelServer[] = [];
after(async () => {
  for (const s of servers) await s.close();
});

const setup = (files: Record<string, string>, extra: { maxAgentDepth?: number } = {}) => subagentSession(servers, files, extra);

const lines = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}`).join('\n') + '\n';

test('three workers spawned in one response run in parallel; clean changes merge with attribution, the overlap is a reported conflict', async () => {
  const { s, agent, repo, events } = await setup({ 'a.txt': lines(10), 'b.txt': lines(10), 'c.txt': lines(10) });
  const parent = spawningParent([{ message: 'task A: change line 2 of a.txt' }, { message: 'task B: change line 5 of b.txt' }, { message: 'task C: change line 2 of a.txt too' }]);
  const firsts: RecordedRequest[] = [];
  let release: () => void = () => {};
  const allThree = new Promise<void>((r) => (release = r));
  s.setHandler(async (r) => {
    if (r.conversation === agent.sessionId) return parent.reply(r);
    const task = taskOf(r);
    if (r.conversationIndex === 0) {
      // a barrier: no child gets its first answer before all three asked
      firsts.push(r);
      if (firsts.length === 3) release();
      await allThree;
      if (task.startsWith('task A')) return { toolCalls: [call('apply_patch', { patch: patchOf('a.txt', 'line 2', 'line two (A)') })] };
      if (task.startsWith('task B')) return { toolCalls: [call('apply_patch', { patch: patchOf('b.txt', 'line 5', 'line five (B)') })] };
      return { toolCalls: [call('apply_patch', { patch: patchOf('a.txt', 'line 2', 'line 2 by C') })] };
    }
    return { text: `${task.slice(0, 6)} done.` };
  });

  const result = await agent.run('Split the work between three workers.');
  assert.equal(result.status, 'completed', result.error);
  assert.equal(result.finalResponse, 'All merged.');

  // overlap: every child's first request arrived before any of them was answered
  assert.equal(firsts.length, 3);
  assert.equal(new Set(firsts.map((r) => r.conversation)).size, 3);
  const lastArrival = Math.max(...firsts.map((r) => r.receivedAt));
  for (const r of firsts) assert.ok(r.endedAt !== undefined && r.endedAt > lastArrival, 'the three first requests were in flight together');

  // the cards: one per child, completed with their results
  const cards = result.items.filter((i): i is SubagentItem => i.type === 'subagent');
  assert.equal(cards.length, 3);
  const byTask = (p: string) => cards.find((c) => c.task.startsWith(p))!;
  for (const c of cards) {
    assert.equal(c.state, 'completed');
    assert.match(c.finalMessage ?? '', /done\./);
    assert.ok(c.usage.inputTokens > 0);
  }
  // A and C changed the same line: whichever merged second is the conflict
  const [a, b, cc] = [byTask('task A'), byTask('task B'), byTask('task C')];
  const conflicted = [a, cc].filter((c) => c.conflicts?.length);
  const clean = [a, cc].find((c) => !c.conflicts?.length)!;
  assert.equal(conflicted.length, 1);
  assert.equal(conflicted[0].conflicts![0].path, 'a.txt');
  assert.deepEqual(b.changes, [{ path: 'b.txt', kind: 'modify', added: 1, removed: 1 }]);

  // the merged staging: both clean changes, each attributed to its child; the overlap is a conflict
  const changes = await agent.changes();
  const stagedA = changes.find((c) => c.path === 'a.txt')!;
  const stagedB = changes.find((c) => c.path === 'b.txt')!;
  assert.deepEqual(stagedB.agents, [b.agentId]);
  assert.deepEqual(stagedA.agents, [clean.agentId, conflicted[0].agentId]);
  assert.equal(stagedA.conflict?.kind, 'markers');
  assert.deepEqual(stagedA.conflict?.agents, [conflicted[0].agentId]);
  const stagedText = new TextDecoder().decode(await agent.staging.readFile('a.txt'));
  assert.match(stagedText, /<<<<<<< .*\nline two \(A\)|<<<<<<< .*\nline 2 by C/);
  assert.match(stagedText, /line two \(A\)/);
  assert.match(stagedText, /line 2 by C/);
  // nothing reached the user's files
  assert.equal(read(repo, 'a.txt'), lines(10));
  assert.equal(read(repo, 'b.txt'), lines(10));

  // the conflict reached the parent in wait_agent's result
  assert.ok(parent.waits.some((w) => /"conflicts":\[\{"path":"a.txt"/.test(w)), parent.waits.join('\n'));

  // children's events reached subscribers tagged with their ids; the parent's items hold none of them
  const ids = new Set(cards.map((c) => c.agentId));
  const tagged = events.filter((e) => 'agentId' in e && e.agentId);
  assert.deepEqual(new Set(tagged.map((e) => (e as { agentId: string }).agentId)), ids);
  for (const id of ids) {
    assert.ok(tagged.some((e) => e.type === 'turn/completed' && e.agentId === id));
    assert.ok(tagged.some((e) => e.type === 'item/completed' && e.agentId === id && e.item.type === 'file_change'));
  }
  assert.ok(!result.items.some((i) => i.type === 'file_change'), 'child items stay out of the parent');
  // children's tokens count in the session's usage
  const childTokens = cards.reduce((n, c) => n + c.usage.inputTokens, 0);
  const parentRequests = s.modelRequests().filter((r) => r.conversation === agent.sessionId).length;
  assert.ok(result.usage.inputTokens >= childTokens, 'turn usage includes the children');
  assert.ok(parentRequests >= 3);
  // each child's transcript is its own, read back through the parent
  const aItems = await agent.subagentItems(a.agentId);
  assert.ok(aItems.some((i) => i.type === 'user_message' && i.text.startsWith('task A')));
  assert.ok(aItems.some((i) => i.type === 'file_change'));
  await agent.dispose();
});

test('an explorer cannot patch, and a worker cannot spawn at depth 1: both refused as tool errors', async () => {
  const { s, agent } = await setup({ 'a.txt': lines(3) });
  const parent = spawningParent([{ message: 'explore: look at a.txt', agent_type: 'explorer' }, { message: 'work: delegate further' }], 'Checked.');
  const refusals = new Map<string, string>();
  s.setHandler((r) => {
    if (r.conversation === agent.sessionId) return parent.reply(r);
    const task = taskOf(r);
    if (r.conversationIndex === 0) {
      if (task.startsWith('explore')) return { toolCalls: [call('apply_patch', { patch: patchOf('a.txt', 'line 1', 'x') })] };
      return { toolCalls: [call('spawn_agent', { message: 'grandchild task' })] };
    }
    refusals.set(task.slice(0, 7), lastOutputs(r)[0]);
    return { text: 'could not' };
  });
  const result = await agent.run('Try the limits.');
  assert.equal(result.status, 'completed', result.error);
  assert.match(refusals.get('explore')!, /apply_patch is not available: you are an explorer subagent/);
  assert.match(refusals.get('work: d')!, /spawn_agent is not available: subagents cannot start agents of their own here \(the depth limit is 1\)/);
  assert.equal(s.modelRequests().filter((r) => taskOf(r) === 'grandchild task').length, 0);
  assert.deepEqual(await agent.changes(), []);
  // the explorer's tool list is read-only; the worker's has no multi-agent tools
  const toolsOf = (p: string) => (s.modelRequests().find((r) => taskOf(r).startsWith(p))!.body.tools as { name: string }[]).map((t) => t.name);
  assert.deepEqual(toolsOf('explore'), ['read_file', 'list_dir', 'search', 'shell', 'update_plan', 'view_image']);
  assert.ok(!toolsOf('work').includes('spawn_agent'));
  await agent.dispose();
});

/** Pids of live processes whose command line contains `needle` (Linux /proc). */
function processesWith(needle: string): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (cmd.includes(needle) && Number(name) !== process.pid) out.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

test('aborting the parent ends every child stream and command before the abort resolves', { skip: process.platform !== 'linux' }, async () => {
  const { s, agent } = await setup({ 'a.txt': lines(3) });
  const marker = `${Date.now() % 100000}.${process.pid}`;
  const parent = spawningParent([{ message: 'stream: think forever' }, { message: 'command: run the slow one' }]);
  let hanging: RecordedRequest | undefined;
  s.setHandler((r) => {
    if (r.conversation === agent.sessionId) return parent.reply(r);
    if (taskOf(r).startsWith('stream')) {
      hanging = r;
      return { text: 'never finishes', hangMs: 'forever' };
    }
    if (r.conversationIndex === 0) return { toolCalls: [call('shell', { command: `sleep 3${marker}` })] };
    return { text: 'slept' };
  });
  const controller = new AbortController();
  const run = agent.run('Start two slow workers.', { signal: controller.signal });
  await until(() => hanging !== undefined && processesWith(`sleep 3${marker}`).length > 0);
  controller.abort();
  const result = await run;
  assert.equal(result.status, 'aborted');
  // state, not time: once the abort resolved, the stream is closed and the command is gone
  assert.equal(await s.closed(hanging!.index), true);
  assert.deepEqual(processesWith(`sleep 3${marker}`), []);
  const cards = result.items.filter((i): i is SubagentItem => i.type === 'subagent');
  assert.equal(cards.length, 2);
  for (const c of cards) {
    assert.equal(c.state, 'closed');
    assert.notEqual(c.status, 'in_progress');
  }
  await agent.dispose();
});

test('limits, follow-ups, close, fork_context, labelled approvals, and results the parent did not wait for', async () => {
  const s = await startFakeModelServer();
  servers.push(s);
  const repo = makeRepo({ 'a.txt': lines(3) });
  const asked: { label?: string; type: string }[] = [];
  const agent = await createAgent({
    model: { model: 'fake-model', baseUrl: s.baseUrl, apiKey: 'sk-test', wire: 'responses', maxRetries: 0 },
    workspace: await createNodeWorkspace(repo),
    storageDir: tempDir('tandem-it-agents-'),
    globalInstructionsDir: tempDir('tandem-it-global-'),
    approvals: { request: async (r) => (asked.push({ label: r.label, type: r.type }), { decision: 'deny', reason: 'not now' }) },
    maxAgents: 1,
  });
  const outputs: string[] = [];
  let id = '';
  s.setHandler((r) => {
    if (r.conversation === agent.sessionId) {
      outputs.push(...lastOutputs(r));
      const last = r.input.at(-1);
      switch (r.conversationIndex) {
        case 0: // two at once with a limit of one
          return { toolCalls: [call('spawn_agent', { message: 'first: fork me', fork_context: true }), call('spawn_agent', { message: 'second: refused' })] };
        case 1:
          id = JSON.parse(outputs[0]).agent_id;
          return { toolCalls: [call('wait_agent', { ids: [id] })] };
        case 2:
          return { toolCalls: [call('send_message', { id, message: 'follow-up: once more' })] };
        case 3: // answers without waiting: the turn waits and then reports the child's result
          return { text: 'I will not wait.' };
        case 4:
          assert.equal(last?.type === 'message' && last.role === 'user' && last.content.startsWith('[Subagents]'), true);
          return { toolCalls: [call('close_agent', { id })] };
        case 5:
          return { toolCalls: [call('send_message', { id, message: 'after close' })] };
        default:
          return { text: 'Finished.' };
      }
    }
    // the one child (forked: its first user message is the parent's)
    if (r.conversationIndex === 0) return { toolCalls: [call('shell', { command: 'curl example.com', escalation: 'network', justification: 'fetch' })] };
    return { text: `reply ${r.conversationIndex}` };
  });
  const result = await agent.run('Use one helper at a time.');
  assert.equal(result.status, 'completed', result.error);
  assert.match(outputs[1], /At most 1 subagents can run at once/);
  // fork_context: the child saw the parent's conversation, without the unanswered calls
  const first = s.modelRequests().find((r) => taskOf(r) === 'Use one helper at a time.' && r.conversation !== agent.sessionId)!;
  assert.ok(first, 'the forked child starts from the parent conversation');
  assert.ok(!first.input.some((e) => e.type === 'function_call'));
  assert.equal(first.input.at(-1)?.type === 'message' && (first.input.at(-1) as { content: string }).content, 'first: fork me');
  // the approval the child needed was labelled with its task
  assert.deepEqual(asked, [{ label: `worker ${id}: first: fork me`, type: 'command' }]);
  // the follow-up ran as a second card; close reported; messaging a closed agent is refused
  const cards = result.items.filter((i): i is SubagentItem => i.type === 'subagent');
  assert.deepEqual(cards.map((c) => [c.task, c.state]), [['first: fork me', 'completed'], ['follow-up: once more', 'completed']]);
  assert.match(outputs.find((o) => o.includes('previous_state'))!, /"previous_state":"completed"/);
  assert.match(outputs.at(-1)!, /is closed; start a new one/);
  await agent.dispose();
});
