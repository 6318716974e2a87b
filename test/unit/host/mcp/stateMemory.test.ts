import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALWAYS_ALLOWED_KEY, APPROVED_SERVERS_KEY, createStateMcpMemory } from '../../../../src/host/mcp/stateMemory';
import { FakeState } from './fakeState';

test('approved workspace servers live in the workspace state, by root and name, with their fingerprint', async () => {
  const ws = new FakeState();
  const global = new FakeState();
  const memory = createStateMcpMemory(ws, global);
  assert.equal(await memory.approvedServer('/repo', 'db'), undefined);
  await memory.approveServer('/repo', 'db', 'f1');
  assert.equal(await memory.approvedServer('/repo', 'db'), 'f1');
  assert.equal(await memory.approvedServer('/other', 'db'), undefined);
  // a changed command is approved again under its new fingerprint
  await memory.approveServer('/repo', 'db', 'f2');
  assert.equal(await memory.approvedServer('/repo', 'db'), 'f2');
  assert.deepEqual(ws.data.get(APPROVED_SERVERS_KEY), { '/repo': { db: 'f2' } });
  assert.equal(global.data.size, 0, 'nothing about workspace servers goes to the global state');
});

test('"always allow" answers live in the global state, per scope, server and tool', async () => {
  const ws = new FakeState();
  const global = new FakeState();
  const memory = createStateMcpMemory(ws, global);
  await memory.allowToolAlways('user', 'everything', 'echo');
  await memory.allowToolAlways('user', 'everything', 'echo');
  assert.equal(await memory.isToolAlwaysAllowed('user', 'everything', 'echo'), true);
  assert.equal(await memory.isToolAlwaysAllowed('user', 'everything', 'get-sum'), false);
  assert.equal(await memory.isToolAlwaysAllowed('/repo', 'everything', 'echo'), false, 'a workspace scope is separate');
  assert.deepEqual(global.data.get(ALWAYS_ALLOWED_KEY), { user: { everything: ['echo'] } });
});

test('answers given together are all kept (each change reads what the previous one wrote)', async () => {
  const memory = createStateMcpMemory(new FakeState(), new FakeState());
  await Promise.all([memory.allowToolAlways('user', 's', 'a'), memory.allowToolAlways('user', 's', 'b'), memory.approveServer('/r', 'x', '1'), memory.approveServer('/r', 'y', '2')]);
  assert.equal(await memory.isToolAlwaysAllowed('user', 's', 'a'), true);
  assert.equal(await memory.isToolAlwaysAllowed('user', 's', 'b'), true);
  assert.equal(await memory.approvedServer('/r', 'x'), '1');
  assert.equal(await memory.approvedServer('/r', 'y'), '2');
});

test('stored values that are not ours can only forget, never grant', async () => {
  const ws = new FakeState();
  const global = new FakeState();
  ws.data.set(APPROVED_SERVERS_KEY, { '/repo': { db: 42, ok: 'f' }, '/bad': 'nope' });
  global.data.set(ALWAYS_ALLOWED_KEY, { user: { s: 'echo', t: ['x', 1] } });
  const memory = createStateMcpMemory(ws, global);
  assert.equal(await memory.approvedServer('/repo', 'db'), undefined);
  assert.equal(await memory.approvedServer('/repo', 'ok'), 'f');
  assert.equal(await memory.isToolAlwaysAllowed('user', 's', 'echo'), false);
  assert.equal(await memory.isToolAlwaysAllowed('user', 't', 'x'), false);
  global.data.set(ALWAYS_ALLOWED_KEY, 'garbage');
  await memory.allowToolAlways('user', 's', 'echo');
  assert.deepEqual(global.data.get(ALWAYS_ALLOWED_KEY), { user: { s: ['echo'] } });
});
