// No leaks: 50 sessions that each start a stdio MCP server (server-filesystem), use it
// and stop it leave this process's open file descriptors and child processes where they
// were (codex users hit EMFILE from leaked MCP pipes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createAgent, createNodeWorkspace, type AgentOptions } from '../../src/core/index';
import { fakeModelServers, makeRepo, tempDir } from './harness';
import { childPids, filesystemStdio, openFds } from './mcpHarness';

const server = fakeModelServers();
const SESSIONS = 50;

test(`${SESSIONS} sessions that start and stop a stdio server leak no file descriptors or processes`, async () => {
  const s = await server();
  const dir = tempDir('tandem-mcp-leak-');
  s.setHandler((req) => {
    // first request of a session: call the server; then answer
    const last = req.input.at(-1);
    return last?.type === 'function_call_output' ? { text: 'Listed.' } : { toolCalls: [{ name: 'mcp__fs__list_allowed_directories', arguments: '{}' }] };
  });
  const repo = makeRepo({});
  const workspace = await createNodeWorkspace(repo);
  const options = (): AgentOptions => ({
    model: { model: 'fake-model', baseUrl: s.baseUrl, apiKey: 'sk-test', wire: 'responses', maxRetries: 0 },
    workspace,
    storageDir: tempDir('tandem-it-home-'),
    globalInstructionsDir: dir,
    approvals: { request: async () => ({ decision: 'deny' }) },
    sandbox: 'off',
    mcp: { servers: [filesystemStdio(dir)], allow: ['fs'] },
  });
  const session = async () => {
    const agent = await createAgent(options());
    const result = await agent.run('List the allowed directories');
    assert.equal(result.status, 'completed', result.error);
    const output = s.modelRequests().at(-1)!.input.at(-1);
    assert.ok(output?.type === 'function_call_output' && output.output.includes(dir), 'the server answered');
    await agent.dispose();
  };
  await session(); // warm-up: lazy imports and the model client's first connection
  const fds = openFds();
  const children = childPids();
  for (let i = 0; i < SESSIONS; i++) await session();
  assert.deepEqual(childPids(), children);
  assert.deepEqual(openFds(), fds);
});
