import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateInbound } from '../../../src/host/rpc/validate';
import { paramSchemas } from '../../../src/host/rpc/schemas';

const req = (method: string, params?: unknown, id: unknown = 1) => ({ kind: 'request', id, method, ...(params !== undefined ? { params } : {}) });

test('a valid request passes unchanged', () => {
  const r = validateInbound(req('turn/send', { text: 'hi', attachments: [{ type: 'selection', path: 'a.ts', text: 'x', startLine: 1, endLine: 2 }] }));
  assert.equal(r.ok, true);
  if (r.ok) assert.deepEqual(r.message.params, { text: 'hi', attachments: [{ type: 'selection', path: 'a.ts', text: 'x', startLine: 1, endLine: 2 }] });
});

test('missing params on a method without params count as {}', () => {
  const r = validateInbound(req('turn/stop'));
  assert.equal(r.ok, true);
  if (r.ok) assert.deepEqual(r.message.params, {});
});

test('bad params are refused with the id and a path to the problem', () => {
  const r = validateInbound(req('turn/send', { text: 42 }, 7));
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.equal(r.id, 7);
    assert.match(r.error, /turn\/send/);
    assert.match(r.error, /\/text/);
  }
});

test('extra properties, unknown enum values and wrong attachment shapes are refused', () => {
  assert.equal(validateInbound(req('turn/stop', { x: 1 })).ok, false);
  assert.equal(validateInbound(req('config/update', { approvalPolicy: 'yolo' })).ok, false);
  assert.equal(validateInbound(req('turn/send', { text: 'x', attachments: [{ type: 'file' }] })).ok, false);
  assert.equal(validateInbound(req('approval/respond', { requestId: 'a', decision: 'maybe' })).ok, false);
  assert.equal(validateInbound(req('webview/ready', { protocolVersion: 1.5 })).ok, false);
});

test('unknown methods and prototype names are refused', () => {
  for (const method of ['nope/nothing', 'constructor', '__proto__', 'toString']) {
    const r = validateInbound(req(method, {}));
    assert.equal(r.ok, false, method);
    if (!r.ok) assert.equal(r.id, 1);
  }
});

test('a broken envelope is refused; without a numeric id there is nothing to answer', () => {
  for (const raw of [null, 'x', 42, {}, { kind: 'notification', method: 'turn/stop', id: 1 }, { kind: 'request', id: 'a', method: 'turn/stop' }]) {
    const r = validateInbound(raw);
    assert.equal(r.ok, false);
  }
  const r = validateInbound({ kind: 'request', id: 'a', method: 'turn/stop' });
  assert.equal(!r.ok && r.id, undefined);
  const r2 = validateInbound({ kind: 'bogus', id: 3, method: 'turn/stop' });
  assert.equal(!r2.ok && r2.id, 3);
});

test('review targets: a raw patch or an empty base is refused', () => {
  assert.equal(validateInbound(req('review/run', {})).ok, true);
  assert.equal(validateInbound(req('review/run', { target: { type: 'uncommitted' } })).ok, true);
  assert.equal(validateInbound(req('review/run', { target: { type: 'patch', patch: 'diff --git', description: 'x' } })).ok, false);
  assert.equal(validateInbound(req('review/run', { target: { type: 'branch', base: '' } })).ok, false);
  assert.equal(validateInbound(req('review/fix', { runId: 'r1', findingIds: [] })).ok, false);
});

test('every schema accepts a well-formed example', () => {
  const examples: Record<keyof typeof paramSchemas, unknown> = {
    'webview/ready': { protocolVersion: 1 },
    'turn/send': { text: 'x' },
    'turn/stop': {},
    'turn/retry': {},
    'session/new': {},
    'session/open': { sessionId: 's1' },
    'session/delete': { sessionId: 's1' },
    'session/list': {},
    'session/items': { sessionId: 's1', before: 'item_1', limit: 100 },
    'approval/respond': { requestId: 'a1', decision: 'deny', reason: 'no' },
    'config/update': { model: 'm', reasoningEffort: 'low', approvalPolicy: 'read-only' },
    'setup/save': { provider: 'ollama', baseUrl: 'http://localhost:11434/v1', model: 'm' },
    'setup/test': { provider: 'openai', apiKey: 'k' },
    'files/search': { query: 'src' },
    'context/selection': {},
    'context/problems': {},
    'link/open': { href: 'https://example.com' },
    'code/insert': { code: 'x' },
    'changes/apply': { path: 'a.ts', hunkIds: ['h0'] },
    'changes/reject': { reason: 'no' },
    'changes/openDiff': { path: 'a.ts' },
    'commands/list': {},
    'commands/run': { text: '/compact keep the plan', attachments: [{ type: 'skill', name: 'deploy', path: '/home/u/.tandem/skills/deploy/SKILL.md' }] },
    'review/run': { target: { type: 'branch', base: 'origin/main' } },
    'review/cancel': { runId: 'r1' },
    'review/fix': { runId: 'r1', findingIds: ['r1f0'] },
    'review/dismiss': { runId: 'r1', findingId: 'r1f0', reason: 'intended' },
    'queue/add': { text: 'x', mode: 'steer', attachments: [{ type: 'image', hash: 'a'.repeat(64), mime: 'image/png', width: 2, height: 2, name: 'p.png' }] },
    'queue/update': { id: 'msg_1', text: 'y', mode: 'queue' },
    'queue/remove': { id: 'msg_1' },
    'queue/move': { id: 'msg_1', index: 0 },
    'queue/run': {},
    'turn/undo': { turnId: 'turn_1' },
    'turn/revert': { turnId: 'turn_1' },
    'image/add': { data: 'iVBORw0KGgo=', name: 'paste.png' },
    'image/read': { hash: 'b'.repeat(64), mime: 'image/jpeg' },
    'agent/items': { agentId: '3f2a91bc' },
    'agent/stop': { agentId: '3f2a91bc' },
  };
  for (const [method, params] of Object.entries(examples)) {
    const r = validateInbound(req(method, params));
    assert.equal(r.ok, true, `${method}: ${!r.ok ? r.error : ''}`);
  }
});

test('approval/respond takes allow_always (MCP tools); commands/run takes only text that starts with a slash', () => {
  assert.equal(validateInbound(req('approval/respond', { requestId: 'a1', decision: 'allow_always' })).ok, true);
  assert.equal(validateInbound(req('approval/respond', { requestId: 'a1', decision: 'allow_forever' })).ok, false);
  assert.equal(validateInbound(req('commands/run', { text: '  /new' })).ok, true);
  assert.equal(validateInbound(req('commands/run', { text: 'hello' })).ok, false);
  assert.equal(validateInbound(req('commands/run', { text: '/' })).ok, false);
  assert.equal(validateInbound(req('commands/list', { extra: 1 })).ok, false);
});
