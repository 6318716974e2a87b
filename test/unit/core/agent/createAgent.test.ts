import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { createAgent, listSessions, deleteSession } from '../../../../src/core/agent/createAgent';
import { createNodeWorkspace } from '../../../../src/core/workspace/nodeWorkspace';
import { denyAll } from '../../../../src/core/approvals/types';
import { ScriptedClient, textReply, tempDir } from './helpers';

const shell = { sandboxed: false, run: async () => { throw new Error('no commands here'); } };

async function setup() {
  const root = tempDir('tandem-ws-');
  mkdirSync(path.join(root, '.git'));
  writeFileSync(path.join(root, 'AGENTS.md'), 'Always answer in haiku.');
  const globalDir = tempDir('tandem-global-');
  writeFileSync(path.join(globalDir, 'AGENTS.md'), 'Global preference.');
  return { root, globalDir, storage: tempDir('tandem-store-'), workspace: await createNodeWorkspace(root) };
}

test('a session runs, is listed, resumes with its history and instructions, and is deleted', async () => {
  const { storage, workspace, globalDir } = await setup();
  const client = new ScriptedClient([textReply('First answer.'), textReply('Second answer.')]);
  const base = { model: { model: 'm', contextWindow: 50_000 }, workspace, storageDir: storage, approvals: denyAll, shell, modelClient: client, globalInstructionsDir: globalDir };
  const agent = await createAgent(base);
  const result = await agent.run('Hello agent');
  assert.equal(result.status, 'completed');
  assert.equal(result.finalResponse, 'First answer.');
  assert.match(client.requests[0].instructions, /Global preference\.[\s\S]*Always answer in haiku\./);
  assert.deepEqual(client.requests[0].tools.map((t) => t.name), ['read_file', 'list_dir', 'search', 'apply_patch', 'shell', 'update_plan', 'view_image', 'spawn_agent', 'wait_agent', 'send_message', 'close_agent']);

  const [info] = await listSessions(storage);
  assert.equal(info.id, agent.sessionId);
  assert.equal(info.title, 'Hello agent');
  assert.equal(info.items, 2);

  // a new process: AGENTS.md changed meanwhile, but the session keeps its instructions
  writeFileSync(path.join(workspace.root, 'AGENTS.md'), 'Changed.');
  const resumed = await createAgent({ ...base, sessionId: agent.sessionId });
  assert.deepEqual(resumed.items().map((i) => i.type), ['user_message', 'agent_message']);
  const second = await resumed.run('And again');
  assert.equal(second.finalResponse, 'Second answer.');
  assert.equal(client.requests[1].instructions, client.requests[0].instructions);
  assert.deepEqual(client.requests[1].input.map((e) => (e.type === 'message' ? e.content : e.type)), ['Hello agent', 'First answer.', 'And again']);
  assert.equal(resumed.items().length, 4);

  await deleteSession(storage, agent.sessionId);
  assert.deepEqual(await listSessions(storage), []);
});

test('an untrusted workspace is read-only: no mutating tools, and the policy cannot be loosened', async () => {
  const { storage, workspace } = await setup();
  const client = new ScriptedClient([textReply('ok')]);
  const agent = await createAgent({ model: { model: 'm' }, workspace, storageDir: storage, approvals: denyAll, shell, modelClient: client, trusted: false, approvalPolicy: 'full-access', globalInstructionsDir: tempDir('g-') });
  agent.setApprovalPolicy('full-access');
  await agent.run('hi');
  const names = client.requests[0].tools.map((t) => t.name);
  assert.ok(!names.includes('apply_patch') && !names.includes('shell'), names.join(','));
  assert.match(client.requests[0].instructions, /not trusted: the session is read-only/);
});

test('compact() on demand replaces the history with the summary', async () => {
  const { storage, workspace } = await setup();
  const client = new ScriptedClient([textReply('Answer one.'), textReply('THE SUMMARY'), textReply('after')]);
  const agent = await createAgent({ model: { model: 'm' }, workspace, storageDir: storage, approvals: denyAll, shell, modelClient: client, globalInstructionsDir: tempDir('g-') });
  await agent.run('Original request');
  await agent.compact();
  assert.equal(agent.items().at(-1)?.type, 'compaction');
  await agent.run('next');
  const input = client.requests[2].input.map((e) => (e.type === 'message' ? e.content : e.type));
  assert.equal(input[0], 'Original request');
  assert.match(String(input[1]), /THE SUMMARY/);
  assert.equal(input[2], 'next');
  // the log replays to the same history
  const again = await createAgent({ model: { model: 'm' }, workspace, storageDir: storage, approvals: denyAll, shell, modelClient: new ScriptedClient([]), sessionId: agent.sessionId });
  assert.equal(again.items().filter((i) => i.type === 'compaction').length, 1);
});
