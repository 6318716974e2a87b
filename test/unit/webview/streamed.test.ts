// The webview side of streamed completions (item/completed `streamed: true` carries only
// the tail) and of session/updated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Item } from '../../../src/protocol';
import { initialState, reducer, type Action, type ChatState } from '../../../webview/state/reducer';
import { visibleItems } from '../../../webview/state/visible';
import { cmd, snapshot, user } from './fixtures';

const agent = { id: 'a1', turnId: 't1', type: 'agent_message', text: '' } as const;
const msg = (text: string, id = 'a1'): Item => ({ ...agent, id, text });
const done = (output: string): Item => ({ ...(cmd as Extract<Item, { type: 'command_execution' }>), output, status: 'completed', exitCode: 0 });

const apply = (state: ChatState, ...actions: Action[]) => actions.reduce(reducer, state);
const text = (s: ChatState, id: string) => {
  const item = s.items[s.index.get(id)!];
  return item.type === 'command_execution' ? item.output : (item as { text: string }).text;
};
const delta = (itemId: string, t: string): Action => ({ type: 'item/updated', params: { itemId, delta: { text: t } } });
const completed = (item: Item, streamed?: true): Action => ({ type: 'item/completed', params: streamed ? { item, streamed } : { item } });

test('a streamed completion keeps the accumulated text and appends its tail, once', () => {
  const start = apply(initialState, { type: 'state/snapshot', params: snapshot([user], { running: true }) });
  const s0 = apply(start, { type: 'item/started', params: { item: msg('') } }, delta('a1', 'Hello '), delta('a1', 'wor'));
  const s1 = apply(s0, completed(msg('ld'), true));
  assert.equal(text(s1, 'a1'), 'Hello world');
  assert.ok(s1.done.has('a1'));
  // a repeat, and a late delta, change nothing
  assert.equal(apply(s1, completed(msg('ld'), true), delta('a1', 'x')), s1);
  // command output too, with the completed fields (status, exit code) taken from the completion
  const c = apply(s1, { type: 'item/started', params: { item: cmd } }, delta('c1', 'a\n'), completed(done(''), true));
  const item = c.items[c.index.get('c1')!];
  assert.equal(item.type === 'command_execution' && `${item.output}|${item.status}|${item.exitCode}`, 'a\n|completed|0');
});

test('a reload mid-stream: the snapshot text plus the streamed tail render the whole answer', () => {
  // the host's snapshot holds "one two " (pending text included); only "three" follows
  const s = apply(
    initialState,
    { type: 'state/snapshot', params: snapshot([user, msg('one two ')], { running: true }) },
    { type: 'turn/started', params: { turnId: 't1' } },
    completed(msg('three'), true),
    { type: 'turn/completed', params: { turnId: 't1', usage: { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, reasoningTokens: 0 } } },
  );
  assert.equal(text(s, 'a1'), 'one two three');
});

test('a retried request: the partial is closed whole with empty text and hidden; the retry streams into a new item', () => {
  const s = apply(
    initialState,
    { type: 'state/snapshot', params: snapshot([user], { running: true }) },
    { type: 'item/started', params: { item: msg('') } },
    delta('a1', 'Partial ans'),
    completed(msg('')),
    { type: 'item/started', params: { item: msg('', 'a2') } },
    delta('a2', 'Full '),
    completed(msg('answer', 'a2'), true),
  );
  assert.equal(text(s, 'a1'), '');
  assert.equal(text(s, 'a2'), 'Full answer');
  assert.deepEqual(visibleItems(s.items, s.done, s.running).map((i) => i.id), ['u1', 'a2']);
});

test('a streamed completion of an item this webview never saw is dropped, not shown truncated', () => {
  const s0 = apply(initialState, { type: 'state/snapshot', params: snapshot([user]) });
  assert.equal(apply(s0, completed(msg('tail'), true)), s0);
});

test('session/updated sets the header title at once and renames the session in the history list', () => {
  const s0 = apply(initialState, { type: 'state/snapshot', params: snapshot([], { title: undefined }) }, {
    type: 'sessions/updated',
    params: { sessions: [{ id: 's1', title: '(no message)', createdAt: 1, updatedAt: 1, items: 0 }, { id: 's0', title: 'Old', createdAt: 0, updatedAt: 0, items: 2 }] },
  });
  const s1 = apply(s0, { type: 'session/updated', params: { sessionId: 's1', title: 'Fix parseArgs crash' } });
  assert.equal(s1.title, 'Fix parseArgs crash');
  assert.deepEqual(s1.sessions?.map((x) => x.title), ['Fix parseArgs crash', 'Old']);
  // another session's title does not touch the header
  assert.equal(apply(s1, { type: 'session/updated', params: { sessionId: 's9', title: 'x' } }), s1);
});
