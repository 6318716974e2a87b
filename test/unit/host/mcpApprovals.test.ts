// MCP approvals in the chat: the bridge posts every field the prompt shows and passes
// back the four answers, allow_always included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApprovalBridge } from '../../../src/host/session/approvalBridge';
import type { McpServerApprovalRequest, McpToolApprovalRequest } from '../../../src/core/approvals/types';
import { RecordingNotifier } from './fakes';

const toolRequest: McpToolApprovalRequest = {
  type: 'mcp_tool',
  server: 'everything',
  tool: 'echo',
  name: 'mcp__everything__echo',
  arguments: '{"message":"hi"}',
  readOnlyHint: true,
  openWorldHint: false,
  why: "MCP tools run as the server's own program, outside the sandbox.",
};

const serverRequest: McpServerApprovalRequest = {
  type: 'mcp_server',
  server: 'db',
  origin: '/repo/.tandem/mcp.json',
  command: 'node db-server.js --port 5432',
  cwd: '.',
  envKeys: ['DB_TOKEN'],
  why: 'This repository declares an MCP server.',
};

test('an MCP tool call is asked in the chat with its server, tool, exact arguments and hints', async () => {
  const notifier = new RecordingNotifier();
  const bridge = new ApprovalBridge(notifier);
  const answer = bridge.request(toolRequest, new AbortController().signal);
  const [shown] = notifier.of('approval/requested');
  assert.deepEqual(shown, { requestId: 'approval-1', ...toolRequest });
  assert.deepEqual(bridge.list(), [shown], 'a snapshot carries it too');
  assert.equal(bridge.respond('approval-1', 'allow_always'), true);
  assert.deepEqual(await answer, { decision: 'allow_always' });
  assert.deepEqual(notifier.of('approval/resolved'), [{ requestId: 'approval-1' }]);
  assert.deepEqual(bridge.list(), []);
});

test('starting a workspace server is asked with the exact command; a deny carries its reason', async () => {
  const notifier = new RecordingNotifier();
  const bridge = new ApprovalBridge(notifier);
  const answer = bridge.request(serverRequest, new AbortController().signal);
  const [shown] = notifier.of('approval/requested');
  assert.equal(shown.type, 'mcp_server');
  assert.equal(shown.type === 'mcp_server' && shown.command, 'node db-server.js --port 5432');
  assert.deepEqual(shown.type === 'mcp_server' && shown.envKeys, ['DB_TOKEN']);
  bridge.respond(shown.requestId, 'deny', 'not this repo');
  assert.deepEqual(await answer, { decision: 'deny', reason: 'not this repo' });
});

test('each answer is passed back as given', async () => {
  for (const decision of ['allow_once', 'allow_session', 'allow_always'] as const) {
    const bridge = new ApprovalBridge(new RecordingNotifier());
    const answer = bridge.request(toolRequest, new AbortController().signal);
    bridge.respond('approval-1', decision);
    assert.deepEqual(await answer, { decision });
  }
});

test('a stopped turn or a closed session denies a pending MCP question (fail closed)', async () => {
  const notifier = new RecordingNotifier();
  const bridge = new ApprovalBridge(notifier);
  const abort = new AbortController();
  const stopped = bridge.request(toolRequest, abort.signal);
  const closed = bridge.request(serverRequest, new AbortController().signal);
  abort.abort();
  bridge.denyAll('the session was closed');
  assert.deepEqual(await stopped, { decision: 'deny', reason: 'the turn was stopped' });
  assert.deepEqual(await closed, { decision: 'deny', reason: 'the session was closed' });
  assert.equal(bridge.respond('approval-1', 'allow_once'), false, 'a late answer changes nothing');
});
