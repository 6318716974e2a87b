// The terminal's approvals for a subagent's request: the question says which subagent
// asks (command and MCP tool alike), an MCP tool still offers "always", and without a
// terminal the answer is cannot_ask with the reason for that kind of request.
import { strict as assert } from 'node:assert';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { createTerminalApprovals, describeRequest, NO_TERMINAL_MCP_REASON, NO_TERMINAL_REASON } from '../../../src/cli/approvals';
import type { ApprovalRequest } from '../../../src/core/index';

const label = 'worker 3f2a91bc: fix the parser tests';
const command: ApprovalRequest = { type: 'command', command: 'npm view left-pad', cwd: '/repo', why: 'network', escalation: 'network', label };
const mcpTool: ApprovalRequest = { type: 'mcp_tool', server: 'docs', tool: 'search', name: 'mcp__docs__search', arguments: '{"q":"x"}', why: 'each call asks', label };

test("a subagent's request names the subagent, whatever its kind", () => {
  assert.match(describeRequest(command), /^Subagent worker 3f2a91bc: fix the parser tests asks to run a command WITH NETWORK ACCESS:/);
  assert.match(describeRequest(mcpTool), /^Subagent worker 3f2a91bc: fix the parser tests asks to call the MCP tool "search" of server "docs"/);
  // control characters in the task cannot rewrite the line
  assert.match(describeRequest({ ...mcpTool, label: 'worker 1: \x1b[2Kclean' }), /^Subagent worker 1: \\x1b\[2Kclean asks/);
  assert.match(describeRequest({ ...command, label: undefined }), /^The agent asks/);
});

test('a labelled MCP tool request still offers always; without a terminal it cannot be asked', async () => {
  const input = new PassThrough();
  const output = new PassThrough();
  let shown = '';
  output.on('data', (b: Buffer) => {
    shown += b.toString('utf8');
    if (shown.endsWith('[n] no: ')) input.write('a\n');
  });
  const approvals = createTerminalApprovals({ interactive: true, input, output });
  assert.deepEqual(await approvals.request(mcpTool, new AbortController().signal), { decision: 'allow_always' });
  assert.match(shown, /Subagent worker 3f2a91bc: fix the parser tests asks to call the MCP tool/);
  assert.match(shown, /\[a\] always allow this tool/);

  const headless = createTerminalApprovals({ interactive: false });
  assert.deepEqual(await headless.request(mcpTool, new AbortController().signal), { decision: 'cannot_ask', reason: NO_TERMINAL_MCP_REASON });
  assert.deepEqual(await headless.request(command, new AbortController().signal), { decision: 'cannot_ask', reason: NO_TERMINAL_REASON });
});
