import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChangedFileSummary, Item } from '../../../src/protocol';
import { initialState, reducer, protocolMismatch, type Action, type ChatState } from '../../../webview/state/reducer';
import { visibleItems } from '../../../webview/state/visible';
import { agent, cmd, snapshot, user } from './fixtures';

const apply = (state: ChatState, ...actions: Action[]) => actions.reduce(reducer, state);
const snap = (items: Item[], extra = {}): Action => ({ type: 'state/snapshot', params: snapshot(items, extra) });

test('a snapshot replaces the state and indexes items', () => {
  const s = apply(initialState, snap([user, agent], { running: true }));
  assert.equal(s.ready, true);
  assert.deepEqual(s.items.map((i) => i.id), ['u1', 'a1']);
  assert.equal(s.index.get('a1'), 1);
  assert.equal(s.running, true);
  assert.equal(protocolMismatch(s), false);
  assert.equal(protocolMismatch(apply(initialState, { type: 'state/snapshot', params: { ...snapshot([]), protocolVersion: 99 } })), true);
});

test('deltas append to the text of messages and the output of commands', () => {
  const s = apply(
    initialState,
    snap([user, agent, cmd]),
    { type: 'item/updated', params: { itemId: 'a1', delta: { text: 'lo' } } },
    { type: 'item/updated', params: { itemId: 'a1', delta: { text: ' world' } } },
    { type: 'item/updated', params: { itemId: 'c1', delta: { text: 'file\n' } } },
  );
  assert.equal((s.items[1] as { text: string }).text, 'Hello world');
  assert.equal((s.items[2] as { output: string }).output, 'file\n');
});

test('a delta replaces only the changed item; other items keep their identity', () => {
  const s0 = apply(initialState, snap([user, agent, cmd]));
  const s1 = reducer(s0, { type: 'item/updated', params: { itemId: 'a1', delta: { text: '!' } } });
  assert.notEqual(s1.items, s0.items);
  assert.notEqual(s1.items[1], s0.items[1]);
  assert.equal(s1.items[0], s0.items[0]);
  assert.equal(s1.items[2], s0.items[2]);
  assert.equal(s1.index, s0.index, 'the index is reused when no item is added');
});

test('item/started appends; started again or completed replaces in place', () => {
  const started: Item = { id: 'a2', turnId: 't2', type: 'agent_message', text: '' };
  const completed: Item = { ...started, text: 'Final answer' };
  const s = apply(
    initialState,
    snap([user]),
    { type: 'item/started', params: { item: started } },
    { type: 'item/started', params: { item: started } },
    { type: 'item/updated', params: { itemId: 'a2', delta: { text: 'Fin' } } },
    { type: 'item/completed', params: { item: completed } },
  );
  assert.deepEqual(s.items.map((i) => i.id), ['u1', 'a2']);
  assert.equal((s.items[1] as { text: string }).text, 'Final answer');
});

test('item/completed is idempotent and late deltas do not duplicate text', () => {
  const done: Item = { id: 'a1', turnId: 't1', type: 'agent_message', text: 'Hello' };
  const once = apply(initialState, snap([user, agent]), { type: 'item/completed', params: { item: done } });
  const twice = apply(once, { type: 'item/completed', params: { item: done } }, { type: 'item/updated', params: { itemId: 'a1', delta: { text: 'lo' } } });
  assert.deepEqual(twice.items, once.items);
  assert.equal((twice.items[1] as { text: string }).text, 'Hello');
});

test('a repeated snapshot gives the same state; deltas for unknown items are ignored', () => {
  const a = apply(initialState, snap([user, agent]));
  const b = apply(a, snap([user, agent]));
  assert.deepEqual(b.items, a.items);
  assert.deepEqual([...b.index], [...a.index]);
  const c = reducer(b, { type: 'item/updated', params: { itemId: 'nope', delta: { text: 'x' } } });
  assert.equal(c, b);
});

test('completed commands in a snapshot take no more output', () => {
  const finished: Item = { ...(cmd as Extract<Item, { type: 'command_execution' }>), output: 'a', status: 'completed', exitCode: 0 };
  const s = apply(initialState, snap([finished]), { type: 'item/updated', params: { itemId: 'c1', delta: { text: 'b' } } });
  assert.equal((s.items[0] as { output: string }).output, 'a');
});

test('turns, approvals, changes, usage, config, sessions and composer fill', () => {
  const approval = { requestId: 'r1', type: 'read' as const, path: 'a.ts', why: 'look' };
  let s = apply(
    initialState,
    snap([]),
    { type: 'turn/started', params: { turnId: 't9' } },
    { type: 'approval/requested', params: approval },
    { type: 'approval/requested', params: approval },
    { type: 'usage/updated', params: { usage: { inputTokens: 1, cachedInputTokens: 0, outputTokens: 1, reasoningTokens: 0 }, contextTokens: 10, contextWindow: 100 } },
    { type: 'composer/fill', params: { text: 'Explain this' } },
  );
  assert.equal(s.running, true);
  assert.equal(s.approvals.length, 1, 'a repeated request is shown once');
  assert.deepEqual(s.usage, { contextTokens: 10, contextWindow: 100 });
  assert.equal(s.fill?.text, 'Explain this');
  const seq = s.fill?.seq;
  s = apply(
    s,
    { type: 'turn/completed', params: { turnId: 'other', usage: { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, reasoningTokens: 0 } } },
    { type: 'approval/resolved', params: { requestId: 'r1' } },
    { type: 'changes/updated', params: { changes: [{ path: 'a', kind: 'add', added: 1, removed: 0, stale: false, binary: false, hunks: [] }] } },
    { type: 'sessions/updated', params: { sessions: [{ id: 's', title: 'x', createdAt: 1, updatedAt: 2, items: 3 }] } },
    { type: 'composer/fill', params: { text: 'Explain this' } },
  );
  assert.equal(s.running, true, 'the end of another turn does not stop this one');
  assert.equal(s.approvals.length, 0);
  assert.equal(s.changes.length, 1);
  assert.equal(s.sessions?.length, 1);
  assert.notEqual(s.fill?.seq, seq, 'the same text twice still fills again');
  s = apply(s, { type: 'turn/completed', params: { turnId: 't9', usage: { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, reasoningTokens: 0 } } }, { type: 'config/updated', params: { ...snapshot([]).config, model: 'm2' } });
  assert.equal(s.running, false);
  assert.equal(s.config?.model, 'm2');
});

test('notices are capped and dismissible', () => {
  let s = initialState;
  for (let i = 0; i < 5; i++) s = reducer(s, { type: 'notice/show', kind: 'error', message: `e${i}` });
  assert.deepEqual(s.notices.map((n) => n.message), ['e2', 'e3', 'e4']);
  s = reducer(s, { type: 'notice/dismiss', id: s.notices[0].id });
  assert.deepEqual(s.notices.map((n) => n.message), ['e3', 'e4']);
});

const file = (path: string): ChangedFileSummary => ({ path, kind: 'modify', added: 1, removed: 1, stale: false, binary: false, hunks: [{ id: 'h0', header: '@@ -1 +1 @@', lines: ['-a', '+b'] }] });

test('changes/updated replaces the staged files; review errors of files no longer staged are dropped', () => {
  let s = apply(initialState, snap([], { changes: [file('a.ts'), file('b.ts')] }));
  s = apply(s, { type: 'review/failed', errors: { 'a.ts': 'Not applied: a.ts (conflict).', 'b.ts': 'stale hunk' } });
  assert.deepEqual(Object.keys(s.reviewErrors).sort(), ['a.ts', 'b.ts']);
  const before = s.reviewErrors;
  s = apply(s, { type: 'changes/updated', params: { changes: [file('a.ts'), file('b.ts'), file('c.ts')] } });
  assert.equal(s.changes.length, 3);
  assert.equal(s.reviewErrors, before, 'unchanged errors keep their identity');
  s = apply(s, { type: 'changes/updated', params: { changes: [file('a.ts')] } });
  assert.deepEqual(s.changes.map((c) => c.path), ['a.ts']);
  assert.deepEqual(s.reviewErrors, { 'a.ts': 'Not applied: a.ts (conflict).' });
  s = apply(s, { type: 'review/clear', path: 'a.ts' });
  assert.deepEqual(s.reviewErrors, {});
  assert.equal(apply(s, { type: 'review/clear', path: 'zzz' }), s);
});

test('a snapshot of another session forgets review errors; of the same session keeps those still staged', () => {
  let s = apply(initialState, snap([], { changes: [file('a.ts')] }), { type: 'review/failed', errors: { 'a.ts': 'conflict' } });
  s = apply(s, snap([], { changes: [file('a.ts')] }));
  assert.deepEqual(s.reviewErrors, { 'a.ts': 'conflict' });
  s = apply(s, snap([], { sessionId: 's2', changes: [file('a.ts')] }));
  assert.deepEqual(s.reviewErrors, {});
});

test('a retried request: the closed empty partials are hidden, the retried output shows once', () => {
  const partial: Item = { id: 'a1', turnId: 't1', type: 'agent_message', text: '' };
  const thought: Item = { id: 'r1', turnId: 't1', type: 'reasoning', text: '' };
  let s = apply(
    initialState,
    snap([user], { running: true }),
    { type: 'turn/started', params: { turnId: 't1' } },
    { type: 'item/started', params: { item: thought } },
    { type: 'item/updated', params: { itemId: 'r1', delta: { text: '**Planning**' } } },
    { type: 'item/started', params: { item: partial } },
    { type: 'item/updated', params: { itemId: 'a1', delta: { text: 'The answer is' } } },
  );
  assert.deepEqual(visibleItems(s.items, s.done, s.running).map((i) => i.id), ['u1', 'r1', 'a1']);
  // the request is retried: the core closes the partials with empty text ...
  s = apply(s, { type: 'item/completed', params: { item: thought } }, { type: 'item/completed', params: { item: partial } });
  assert.deepEqual(visibleItems(s.items, s.done, s.running).map((i) => i.id), ['u1'], 'no empty bubble, no empty reasoning');
  // ... and streams into new items
  const retried: Item = { id: 'a2', turnId: 't1', type: 'agent_message', text: '' };
  s = apply(s, { type: 'item/started', params: { item: retried } });
  assert.deepEqual(visibleItems(s.items, s.done, s.running).map((i) => i.id), ['u1', 'a2'], 'the newest empty item of a running turn is about to stream');
  s = apply(s, { type: 'item/updated', params: { itemId: 'a2', delta: { text: 'The answer is 42.' } } }, { type: 'item/completed', params: { item: { ...retried, text: 'The answer is 42.' } } });
  const shown = visibleItems(s.items, s.done, s.running);
  assert.deepEqual(shown.map((i) => i.id), ['u1', 'a2']);
  assert.equal(shown.filter((i) => i.type === 'agent_message' && i.text.includes('The answer is')).length, 1, 'the answer shows once');
});

test('after a reload (snapshot, no turn running) empty messages are hidden; nothing hidden keeps the array', () => {
  const empty: Item = { id: 'a0', turnId: 't1', type: 'agent_message', text: '  ' };
  const s = apply(initialState, snap([user, empty, agent]));
  assert.deepEqual(visibleItems(s.items, s.done, s.running).map((i) => i.id), ['u1', 'a1']);
  const t = apply(initialState, snap([user, agent]));
  assert.equal(visibleItems(t.items, t.done, t.running), t.items);
  // an empty message that is not the newest item is finished even while a turn runs
  const u = apply(initialState, snap([user, empty, cmd], { running: true }));
  assert.deepEqual(visibleItems(u.items, u.done, u.running).map((i) => i.id), ['u1', 'c1']);
});
