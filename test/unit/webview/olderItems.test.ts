// Paging older items into the webview's state (webview/state/older.ts via the reducer)
// and the list's anchor arithmetic (webview/components/chat/olderItems.tsx).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Item } from '../../../src/protocol';
import { initialState, reducer, type Action, type ChatState } from '../../../webview/state/reducer';
import { placeAnchor, type Anchor } from '../../../webview/components/chat/olderItems';
import type { Row } from '../../../webview/components/chat/ItemView';
import { snapshot } from './fixtures';

const apply = (state: ChatState, ...actions: Action[]) => actions.reduce(reducer, state);
const msg = (n: number, text = `m${n}`): Item => ({ id: `i${n}`, turnId: `t${n}`, type: 'agent_message', text });
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => msg(from + k));
const older = (before: string, items: Item[], olderItems: number, sessionId = 's1'): Action => ({ type: 'items/older', sessionId, before, items, olderItems });

function opened(): ChatState {
  return apply(initialState, { type: 'state/snapshot', params: { ...snapshot(range(300, 500)), sessionId: 's1', olderItems: 300 } });
}

test('a snapshot records how many older items were not sent (0 from older hosts)', () => {
  assert.equal(opened().olderItems, 300);
  assert.equal(apply(initialState, { type: 'state/snapshot', params: snapshot(range(0, 3)) }).olderItems, 0);
});

test('prepending pages keeps order, ids unique, the index right and held items untouched', () => {
  const s0 = opened();
  const s1 = reducer(s0, older('i300', range(150, 300), 150));
  const s2 = reducer(s1, older('i150', range(0, 150), 0));
  assert.deepEqual(s2.items.map((i) => i.id), range(0, 500).map((i) => i.id));
  assert.equal(new Set(s2.items.map((i) => i.id)).size, 500);
  assert.equal(s2.olderItems, 0);
  for (const [id, at] of s2.index) assert.equal(s2.items[at].id, id);
  assert.equal(s2.index.size, 500);
  assert.equal(s2.items[400], s0.items[100], 'held items keep their identity');
});

test('a page overlapping held items adds only the new ones', () => {
  const s1 = reducer(opened(), older('i300', range(250, 310), 250));
  assert.deepEqual(s1.items.slice(0, 52).map((i) => i.id), [...range(250, 300), msg(300), msg(301)].map((i) => i.id));
  assert.equal(s1.items.length, 250);
  assert.equal(new Set(s1.items.map((i) => i.id)).size, 250);
});

test('a stale page is dropped: another session, or the list was replaced meanwhile', () => {
  const s0 = opened();
  assert.equal(reducer(s0, older('i300', range(150, 300), 150, 's2')), s0);
  assert.equal(reducer(s0, older('i299', range(150, 299), 150)), s0);
});

test('deltas, completions and new items still work by id after a prepend', () => {
  const s0 = apply(initialState, { type: 'state/snapshot', params: { ...snapshot([msg(10, 'Hel')]), sessionId: 's1', olderItems: 10, running: true } });
  const s1 = apply(
    s0,
    older('i10', range(0, 10), 0),
    { type: 'item/updated', params: { itemId: 'i10', delta: { text: 'lo' } } },
    { type: 'item/updated', params: { itemId: 'i3', delta: { text: '!' } } },
  );
  assert.equal((s1.items[10] as { text: string }).text, 'Hello');
  assert.equal((s1.items[3] as { text: string }).text, 'm3!');
  const s2 = apply(s1, { type: 'item/started', params: { item: msg(11, '') } }, { type: 'item/updated', params: { itemId: 'i11', delta: { text: 'new' } } });
  assert.deepEqual(s2.items.map((i) => i.id), range(0, 12).map((i) => i.id));
  assert.equal((s2.items[11] as { text: string }).text, 'new');
  assert.equal(s2.index.get('i11'), 11);
});

const rowsOf = (items: Item[]): Row[] => items.map((item) => ({ kind: 'item', item }));
const key = (r: Row) => (r.kind === 'item' ? r.item.id : 'approval');

test('the anchor counts rows prepended above it; a replaced list re-anchors with a new epoch', () => {
  const a: Anchor = { at: 0, epoch: 0 };
  assert.equal(placeAnchor(a, 's1', rowsOf(range(300, 500)), key), 0);
  assert.equal(placeAnchor(a, 's1', rowsOf(range(300, 501)), key), 0, 'appending does not move it');
  assert.equal(placeAnchor(a, 's1', rowsOf(range(150, 501)), key), 150);
  assert.equal(a.epoch, 0);
  // a snapshot of the same session again: its newest items only
  assert.equal(placeAnchor(a, 's1', rowsOf(range(301, 501)), key), 0);
  assert.equal(a.epoch, 1);
  // another session starts over without a remount of its own
  assert.equal(placeAnchor(a, 's2', rowsOf(range(0, 5)), key), 0);
  assert.equal(a.epoch, 1);
});

test('a turn started on a long list trims its oldest items; they page in again like any older page', () => {
  const long = apply(initialState, { type: 'state/snapshot', params: { ...snapshot(range(300, 1301)), sessionId: 's1', olderItems: 300 } });
  assert.equal(long.items.length, 1001);
  const s1 = reducer(long, { type: 'turn/started', params: { turnId: 't9' } });
  assert.equal(s1.items.length, 500, 'the newest 500 are kept');
  assert.equal(s1.items[0].id, 'i801');
  assert.equal(s1.olderItems, 300 + 501, 'the dropped ones count as older');
  assert.equal(s1.index.size, 500);
  for (const [id, at] of s1.index) assert.equal(s1.items[at].id, id);
  assert.equal(s1.items[499], long.items[1000], 'kept items keep their identity');
  const s2 = reducer(s1, older('i801', range(651, 801), 651));
  assert.equal(s2.items[0].id, 'i651');
  assert.equal(s2.olderItems, 651);
  // at most 1000 held: a shorter list is left alone
  assert.equal(reducer(opened(), { type: 'turn/started', params: { turnId: 't9' } }).items.length, 200);
});

test('trimming stops at an item still in progress (a running subagent card keeps its place)', () => {
  const items = range(0, 1200);
  items[100] = { id: 'live', turnId: 't', type: 'command_execution', command: 'sleep 9', output: '', status: 'in_progress' } as Item;
  const long = apply(initialState, { type: 'state/snapshot', params: { ...snapshot(items), sessionId: 's1' } });
  const s1 = reducer(long, { type: 'turn/started', params: { turnId: 't9' } });
  assert.equal(s1.items[0].id, 'live');
  assert.equal(s1.olderItems, 100);
});
