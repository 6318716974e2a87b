// Resuming a session after its process was killed while subagents worked: the finished
// child's result and the interrupted child's staged work are both there, attributed,
// and each child's transcript reads back from its own log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createAgent, createNodeWorkspace, listSessions, type SubagentItem } from '../../src/core/index';
import { startFakeModelServer, type RecordedRequest } from '../fakes/fakeModelServer';
import { makeRepo, read, tempDir, until, ROOT } from './harness';
import { call, lastOutputs, patchOf, taskOf } from './subagentScript';

test('resume after a killed process shows the children: results, interrupted work merged, transcripts', async () => {
  const s = await startFakeModelServer();
  const repo = makeRepo({ 'a.txt': 'a\n', 'b.txt': 'b\n' });
  const storage = tempDir('tandem-it-resume-');
  let parentId = '';
  let parentHung = false;
  let childHung = false;
  s.setHandler((r: RecordedRequest) => {
    const task = taskOf(r);
    if (task.startsWith('task A')) return r.conversationIndex === 0 ? { toolCalls: [call('apply_patch', { patch: patchOf('a.txt', 'a', 'A') })] } : { text: 'A done.' };
    if (task.startsWith('task B')) {
      if (r.conversationIndex === 0) return { toolCalls: [call('apply_patch', { patch: patchOf('b.txt', 'b', 'B') })] };
      childHung = true;
      return { text: '…', hangMs: 'forever' };
    }
    parentId = r.conversation;
    if (r.conversationIndex === 0) return { toolCalls: [call('spawn_agent', { message: 'task A: a.txt' }), call('spawn_agent', { message: 'task B: b.txt' })] };
    if (r.conversationIndex === 1) {
      const ids = lastOutputs(r).map((o) => JSON.parse(o).agent_id as string);
      return { toolCalls: [call('wait_agent', { ids: [ids[0]] })] };
    }
    parentHung = true;
    return { text: '…', hangMs: 'forever' };
  });
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'subagentRunner.ts'), repo, storage, s.baseUrl, 'Two workers, please.'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (b) => (err += b));
  const exited = new Promise((r) => child.on('close', r));
  try {
    await until(() => parentHung && childHung);
    child.kill('SIGKILL');
    await exited;
    assert.equal(err, '');

    assert.deepEqual((await listSessions(storage)).map((x) => x.id), [parentId], 'children are not sessions of their own in History');
    const reopen = async () =>
      createAgent({
        model: { model: 'fake-model', baseUrl: s.baseUrl, apiKey: 'sk-test', wire: 'responses' },
        workspace: await createNodeWorkspace(repo),
        storageDir: storage,
        globalInstructionsDir: storage,
        approvals: { request: async () => ({ decision: 'deny' }) },
        sessionId: parentId,
      });
    const agent = await reopen();
    const cards = agent.items().filter((i): i is SubagentItem => i.type === 'subagent');
    assert.equal(cards.length, 2);
    const [a, b] = [cards.find((c) => c.task.startsWith('task A'))!, cards.find((c) => c.task.startsWith('task B'))!];
    assert.equal(a.state, 'completed');
    assert.equal(a.finalMessage, 'A done.');
    assert.deepEqual(a.changes, [{ path: 'a.txt', kind: 'modify', added: 1, removed: 1 }]);
    assert.equal(b.state, 'failed');
    assert.match(b.error ?? '', /interrupted/);
    assert.deepEqual(b.changes, [{ path: 'b.txt', kind: 'modify', added: 1, removed: 1 }], 'the interrupted child\'s staged work is merged, not lost');
    const changes = await agent.changes();
    assert.deepEqual(changes.map((c) => [c.path, c.agents]), [['a.txt', [a.agentId]], ['b.txt', [b.agentId]]]);
    assert.equal(read(repo, 'a.txt'), 'a\n');
    // transcripts from the children's own logs
    const aItems = await agent.subagentItems(a.agentId);
    assert.ok(aItems.some((i) => i.type === 'agent_message' && i.text === 'A done.'));
    const bItems = await agent.subagentItems(b.agentId);
    assert.ok(bItems.some((i) => i.type === 'file_change'));
    // reopening again does not merge twice or change the cards
    const again = await reopen();
    assert.deepEqual(again.items().filter((i) => i.type === 'subagent'), cards);
    assert.deepEqual((await again.changes()).map((c) => c.path), ['a.txt', 'b.txt']);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await s.close();
  }
});
