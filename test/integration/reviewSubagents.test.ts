// The background review covers subagents' staged work: the session's agent runs two
// workers one after the other, each staging an edit. A worker's turn ends inside the
// session's turn (its events carry its agentId) and is not taken for the session's, even
// when the first worker's edit is already merged; when the session's turn ends the
// reviewer (the real core through the host's lazy door, against the fake model server)
// reviews the merged staged changes once, and its finding sits on the worker's hunk.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createAgent, createNodeWorkspace, type Approvals, type StagedChange } from '../../src/core/index';
import { startFakeModelServer, type FakeModelServer, type RecordedRequest } from '../fakes/fakeModelServer';
import { makeRepo, read, tempDir, until } from './harness';
import { call, lastOutputs, taskOf } from './subagentScript';
import { createLazyCore } from '../../src/host/coreAccess/lazyCore';
import { AgentReviewTrigger } from '../../src/host/codeReview/agentReview';
import { ReviewService } from '../../src/host/codeReview/reviewService';
import { DEFAULT_REVIEW_SETTINGS } from '../../src/host/codeReview/settings';
import { silentLogger } from '../../src/host/util/log';

const servers: FakeModelServer[] = [];
after(async () => {
  for (const s of servers) await s.close();
});

const allowAll: Approvals = { request: async () => ({ decision: 'allow_once' }) };
const CODE = Array.from({ length: 10 }, (_, i) => `export const v${i} = ${i};`).join('\n') + '\n';
const addSix = (file: string, after: string, line: (i: number) => string) =>
  ['*** Begin Patch', `*** Update File: ${file}`, '@@', ` ${after}`, ...Array.from({ length: 6 }, (_, i) => `+${line(i)}`), '*** End Patch'].join('\n');
const PATCH_A = addSix('src/values.ts', 'export const v4 = 4;', (i) => `export const w${i} = v${i} / 0;`);
const PATCH_B = addSix('src/more.ts', 'export const m = 1;', (i) => `export const m${i} = m + ${i};`);

/** Spawns worker A, waits for it, then worker B, waits, then answers. */
function sequentialParent() {
  const ids: string[] = [];
  const steps = [
    () => ({ toolCalls: [call('spawn_agent', { message: 'task A: add the w constants to src/values.ts' })] }),
    () => ({ toolCalls: [call('wait_agent', { ids: [ids[0]], timeout_ms: 60_000 })] }),
    () => ({ toolCalls: [call('spawn_agent', { message: 'task B: add the m constants to src/more.ts' })] }),
    () => ({ toolCalls: [call('wait_agent', { ids: [ids[1]], timeout_ms: 60_000 })] }),
    () => ({ text: 'Both merged.' }),
  ];
  const reply = (r: RecordedRequest) => {
    for (const out of lastOutputs(r)) {
      const id = /"agent_id":\s*"([^"]+)"/.exec(out)?.[1];
      if (id && !ids.includes(id) && !out.includes('"agents"')) ids.push(id);
    }
    return steps[r.conversationIndex]();
  };
  return { ids, reply };
}

test("subagents' staged edits are reviewed after the session's turn, once, with the finding on a worker's hunk", async () => {
  const s = await startFakeModelServer();
  servers.push(s);
  const repo = makeRepo({ 'src/values.ts': CODE, 'src/more.ts': 'export const m = 1;\n' });
  const model = { model: 'fake-model', baseUrl: s.baseUrl, apiKey: 'sk-test', wire: 'responses' as const, maxRetries: 0 };
  const agent = await createAgent({ model, workspace: await createNodeWorkspace(repo), storageDir: tempDir('tandem-it-review-agents-'), approvals: allowAll, globalInstructionsDir: tempDir('tandem-it-global-') });

  const parent = sequentialParent();
  const reviewerRequests: RecordedRequest[] = [];
  let parentDone = false;
  let early = false;
  const finding = { path: 'src/values.ts', start_line: 6, priority: 1, title: 'Division by zero: every w is Infinity.', body: 'v / 0.', confidence: 0.9 };
  s.setHandler(async (r) => {
    if (r.conversation === agent.sessionId) {
      const reply = parent.reply(r);
      if ('text' in reply) parentDone = true;
      return reply;
    }
    const task = taskOf(r);
    if (task.startsWith('task ')) {
      if (r.conversationIndex > 0) return { text: `${task.slice(0, 6)} done.` };
      return { toolCalls: [call('apply_patch', { patch: task.startsWith('task A') ? PATCH_A : PATCH_B })] };
    }
    reviewerRequests.push(r);
    if (!parentDone) early = true;
    return { toolCalls: [call('submit_review', { findings: [finding], summary: 'Divides by zero.', overall_correctness: 'needs changes', overall_confidence: 0.8 })] };
  });

  const reviews = new ReviewService({ core: createLazyCore(), root: () => repo, model: async () => model, rgPath: async () => undefined, settings: () => DEFAULT_REVIEW_SETTINGS, log: silentLogger });
  // every review started, as the service announces it (a mid-turn one would be replaced, so count them all)
  const started = new Set<string>();
  const sub = reviews.onDidChange(() => reviews.views().forEach((v) => started.add(v.id)));
  const none = { dispose() {} };
  const pending = { changes: [] as StagedChange[], sessionId: agent.sessionId as string | undefined, onDidChange: () => none };
  const trigger = new AgentReviewTrigger({ sessions: { current: { sessionId: agent.sessionId, agent }, onDidChangeCurrent: () => none }, pending, reviews, settings: () => DEFAULT_REVIEW_SETTINGS, log: silentLogger });
  try {
    const result = await agent.run('Have two workers add the constants, one after the other.');
    assert.equal(result.status, 'completed', result.error);
    assert.equal(result.finalResponse, 'Both merged.');
    const changes = await agent.changes();
    assert.deepEqual(changes.map((c) => [c.path, c.agents]), [['src/more.ts', [parent.ids[1]]], ['src/values.ts', [parent.ids[0]]]], 'each change is its worker\'s');
    const values = changes.find((c) => c.path === 'src/values.ts')!;

    await until(() => reviews.views().some((v) => v.source === 'agent' && v.status !== 'running'));
    const [run] = reviews.views();
    assert.equal(run.status, 'done', run.error);
    assert.equal(run.sessionId, agent.sessionId);
    assert.equal(started.size, 1, 'one review: no worker\'s turn end started one');
    assert.equal(early, false, 'the reviewer was asked only after the session\'s turn');
    assert.equal(reviewerRequests.length, 1);
    const seen = JSON.stringify(reviewerRequests[0].input);
    assert.match(seen, /w0 = v0 \/ 0/, 'the reviewer saw worker A\'s change');
    assert.match(seen, /m0 = m \+ 0/, 'and worker B\'s');
    assert.deepEqual(run.findings.map((f) => [f.path, f.startLine, f.hunkId]), [['src/values.ts', 6, values.hunks[0].id]]);
    assert.equal(read(repo, 'src/values.ts'), CODE, 'nothing applied');
  } finally {
    sub.dispose();
    trigger.dispose();
    reviews.dispose();
    await agent.dispose();
  }
});
