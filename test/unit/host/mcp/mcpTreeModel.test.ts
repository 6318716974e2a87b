import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { McpServerStatus } from '../../../../src/core/index';
import { mcpTree, serverNode, stateText, STDERR_LINES_SHOWN, toolHints } from '../../../../src/host/mcp/mcpTreeModel';

function status(over: Partial<McpServerStatus> = {}): McpServerStatus {
  return { name: 'everything', source: 'user', origin: 'setting tandem.mcpServers', transport: 'stdio', target: 'node server.js stdio', state: 'idle', tools: [], restarts: 0, ...over };
}

const echo = { name: 'echo', description: 'Echoes back the input', inputSchema: {}, annotations: { readOnlyHint: true } };
const wipe = { name: 'wipe', title: 'Wipe the disk', description: 'Deletes everything', inputSchema: {}, annotations: { destructiveHint: true, openWorldHint: true } };
const plain = { name: 'plain', description: '', inputSchema: {} };

test('a ready server shows its tool count and its tools, with the hints the server claims', () => {
  const node = serverNode(status({ state: 'ready', tools: [echo, wipe, plain], pid: 42 }));
  assert.equal(node.label, 'everything');
  assert.equal(node.description, 'ready · 3 tools');
  assert.equal(node.icon, 'pass');
  assert.equal(node.contextValue, 'mcpServer canRestart canDisable');
  assert.equal(node.expanded, false, 'a long tool list starts folded');
  const tools = node.children!;
  assert.deepEqual(tools.map((t) => [t.label, t.description ?? '', t.icon]), [
    ['echo', 'read-only', 'eye'],
    ['wipe', 'destructive, open world', 'warning'],
    ['plain', '', 'tools'],
  ]);
  assert.match(tools[1].tooltip!, /Wipe the disk/);
  assert.match(tools[1].tooltip!, /its claim, not a guarantee/);
  assert.match(node.tooltip!, /Process id: 42/);
  assert.match(node.tooltip!, /node server\.js stdio/, 'the exact command, in a code block');
  assert.equal(stateText(status({ state: 'ready', tools: [echo] })), 'ready · 1 tool');
});

test('a failed server shows the first line of its error and the tail of its stderr, unfolded', () => {
  const stderr = Array.from({ length: 9 }, (_, i) => `line ${i + 1}`).join('\n');
  const node = serverNode(status({ state: 'failed', error: 'Connection closed\nat stack', stderrTail: stderr }));
  assert.equal(node.description, 'failed: Connection closed');
  assert.equal(node.icon, 'error');
  assert.equal(node.expanded, true);
  assert.equal(node.contextValue, 'mcpServer canRestart canDisable');
  const [error, ...lines] = node.children!;
  assert.equal(error.label, 'Connection closed');
  assert.equal(lines.length, STDERR_LINES_SHOWN);
  assert.deepEqual(lines.map((l) => l.label), ['line 5', 'line 6', 'line 7', 'line 8', 'line 9']);
  assert.equal(lines[0].description, 'stderr');
  assert.match(lines[0].tooltip!, /line 1\n/, 'the tooltip holds the whole tail');
});

test('each state says what it means and offers the actions that apply', () => {
  const cases: [McpServerStatus['state'], string, string][] = [
    ['idle', 'not started (starts with the next session)', 'mcpServer canStart canDisable'],
    ['awaiting_approval', 'waiting for your approval in the chat', 'mcpServer canDisable'],
    ['starting', 'starting…', 'mcpServer canDisable'],
    ['restarting', 'restarting…', 'mcpServer canRestart canDisable'],
    ['disabled', 'disabled', 'mcpServer canEnable'],
    ['stopped', 'stopped', 'mcpServer canStart canDisable'],
  ];
  for (const [state, text, context] of cases) {
    const node = serverNode(status({ state }));
    assert.equal(node.description, text, state);
    assert.equal(node.contextValue, context, state);
    assert.equal(node.children, undefined, `${state}: nothing to unfold`);
  }
  const blocked = serverNode(status({ state: 'blocked', source: 'workspace', origin: '/repo/.tandem/mcp.json', note: 'not approved' }));
  assert.equal(blocked.description, 'blocked: not approved · workspace');
  assert.match(blocked.tooltip!, /this workspace/);
  assert.equal(blocked.icon, 'lock');
});

test('a note (tools changed, restarted after a crash) shows under the server', () => {
  const node = serverNode(status({ state: 'ready', tools: [echo], restarts: 1, note: 'it stopped unexpectedly and was restarted' }));
  assert.equal(node.children![0].label, 'it stopped unexpectedly and was restarted');
  assert.equal(node.children![0].icon, 'info');
  assert.match(node.tooltip!, /Restarted once after a crash/);
  assert.match(serverNode(status({ state: 'ready', tools: [echo], restarts: 3 })).tooltip!, /Restarted 3 times after crashes/);
});

test('the top level: servers, then configuration problems; nothing at all when nothing is configured', () => {
  const nodes = mcpTree({ servers: [status()], problems: ['setting tandem.mcpServers: server "bad" needs "command"; it is skipped.'], noFolder: false });
  assert.deepEqual(nodes.map((n) => [n.id, n.icon]), [
    ['server:everything', 'circle-large-outline'],
    ['problem:0', 'warning'],
  ]);
  assert.deepEqual(mcpTree({ servers: [], problems: [], noFolder: false }), [], 'the view welcome shows instead');
  assert.equal(mcpTree({ servers: [], problems: [], noFolder: true })[0].label, 'Open a folder to use MCP servers.');
});

test('hints: only what the server claims; read-only wins over a contradictory destructive claim', () => {
  assert.deepEqual(toolHints(plain), []);
  assert.deepEqual(toolHints({ ...plain, annotations: { readOnlyHint: true, destructiveHint: true, idempotentHint: true } }), ['read-only']);
  assert.deepEqual(toolHints({ ...plain, annotations: { destructiveHint: false, readOnlyHint: false } }), []);
});

test('text from a server cannot break out of the tooltip markdown', () => {
  const node = serverNode(status({ state: 'failed', name: 'x', error: '[click](command:evil)', stderrTail: '```\n[link](http://x)' }));
  assert.ok(!node.tooltip!.includes('[click](command:evil)'), node.tooltip);
  assert.match(node.tooltip!, /````\n```\n\[link\]\(http:\/\/x\)\n````/, 'a longer fence than any in the text');
});
