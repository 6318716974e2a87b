import { test } from 'node:test';
import assert from 'node:assert/strict';
import { McpPermissions, checkAllowPattern } from '../../../../src/core/mcp/permissions';
import { createMemoryMcpMemory } from '../../../../src/core/mcp/memory';

const readOnly = { server: 'gh', source: 'user' as const, tool: 'list_issues', annotations: { readOnlyHint: true } };
const writer = { server: 'gh', source: 'user' as const, tool: 'create_issue', annotations: { destructiveHint: false } };
const repoTool = { server: 'repo', source: 'workspace' as const, tool: 'build' };

test('default: every call asks; session and always answers stick where they should', async () => {
  const memory = createMemoryMcpMemory();
  const p = new McpPermissions({ memory, workspaceRoot: '/ws' });
  assert.equal((await p.decide(writer, 'on-request')).action, 'ask');
  assert.equal((await p.decide(writer, 'untrusted')).action, 'ask');
  p.rememberSession('gh', 'create_issue');
  assert.equal((await p.decide(writer, 'on-request')).action, 'allow');
  assert.equal((await p.decide(readOnly, 'on-request')).action, 'ask', 'per tool, not per server');
  // a new session forgets session answers but not "always"
  await p.rememberAlways(readOnly);
  await p.rememberAlways(repoTool);
  const next = new McpPermissions({ memory, workspaceRoot: '/ws' });
  assert.equal((await next.decide(writer, 'on-request')).action, 'ask');
  assert.equal((await next.decide(readOnly, 'on-request')).why, 'Always allowed.');
  assert.equal((await next.decide(repoTool, 'on-request')).action, 'allow');
  // a workspace server's "always" belongs to that workspace
  const elsewhere = new McpPermissions({ memory, workspaceRoot: '/other' });
  assert.equal((await elsewhere.decide(repoTool, 'on-request')).action, 'ask');
  assert.equal((await elsewhere.decide(readOnly, 'on-request')).action, 'allow', "the user's servers are allowed everywhere");
});

test('read-only: only tools marked read-only, and only once allowed; full-access runs all', async () => {
  const p = new McpPermissions({ memory: createMemoryMcpMemory(), workspaceRoot: '/ws', allow: ['gh'] });
  const denied = await p.decide(writer, 'read-only');
  assert.equal(denied.action, 'deny');
  assert.match(denied.why, /marks read-only/);
  assert.equal((await p.decide(readOnly, 'read-only')).action, 'allow', 'pre-approved and read-only');
  const q = new McpPermissions({ memory: createMemoryMcpMemory(), workspaceRoot: '/ws' });
  assert.equal((await q.decide(readOnly, 'read-only')).action, 'ask');
  assert.equal((await q.decide(writer, 'full-access')).action, 'allow');
});

test('--allow-mcp SERVER and SERVER/TOOL', async () => {
  const p = new McpPermissions({ memory: createMemoryMcpMemory(), workspaceRoot: '/ws', allow: ['gh/list_issues', 'repo'] });
  assert.equal((await p.decide(readOnly, 'on-request')).why, 'Allowed by --allow-mcp gh/list_issues.');
  assert.equal((await p.decide(writer, 'on-request')).action, 'ask');
  assert.equal((await p.decide(repoTool, 'on-request')).action, 'allow');
  assert.equal(checkAllowPattern('gh'), undefined);
  assert.equal(checkAllowPattern('gh/tool/with/slashes'), undefined);
  assert.match(checkAllowPattern('/x')!, /names no server/);
  assert.match(checkAllowPattern('gh/')!, /names no tool/);
});
