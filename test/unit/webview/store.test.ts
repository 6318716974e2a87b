import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createStore } from '../../../webview/state/store';
import { defaultUiState, loadUiState, createUiStatePersister } from '../../../webview/vscodeApi';
import { agent, snapshot, user } from './fixtures';

test('queued notifications apply together on the next frame, in order', () => {
  const frames: (() => void)[] = [];
  const store = createStore(undefined, (run) => frames.push(run));
  let renders = 0;
  store.subscribe(() => renders++);
  store.dispatch({ type: 'state/snapshot', params: snapshot([user, agent]) });
  assert.equal(renders, 1);
  for (const t of ['l', 'o', '!']) store.enqueue({ type: 'item/updated', params: { itemId: 'a1', delta: { text: t } } });
  assert.equal((store.getState().items[1] as { text: string }).text, 'Hel', 'nothing applied before the frame');
  assert.equal(frames.length, 1, 'one frame scheduled for the whole burst');
  frames[0]();
  assert.equal(renders, 2, 'one notification to subscribers per batch');
  assert.equal((store.getState().items[1] as { text: string }).text, 'Hello!');
});

test('a direct dispatch first applies what is queued, so order is kept', () => {
  const store = createStore(undefined, () => undefined); // frames never run by themselves
  store.dispatch({ type: 'state/snapshot', params: snapshot([user, agent]) });
  store.enqueue({ type: 'item/updated', params: { itemId: 'a1', delta: { text: 'lo' } } });
  store.dispatch({ type: 'item/completed', params: { item: { id: 'a1', turnId: 't1', type: 'agent_message', text: 'Hello' } } });
  assert.equal((store.getState().items[1] as { text: string }).text, 'Hello');
});

test('persisted UI state round-trips and survives a corrupt or old shape', () => {
  let saved: unknown;
  const api = { getState: () => saved, setState: (s: unknown) => (saved = s) };
  const ui = createUiStatePersister(api);
  ui.update({ draft: 'wip', panel: 'history', scroll: { atBottom: false, topItemId: 'x' } });
  assert.deepEqual(loadUiState(api), { draft: 'wip', attachments: [], panel: 'history', scroll: { atBottom: false, topItemId: 'x' } });
  assert.deepEqual(loadUiState({ getState: () => undefined }), defaultUiState);
  assert.deepEqual(loadUiState({ getState: () => ({ draft: 3, panel: 'nope', attachments: 'x' }) }), defaultUiState);
});
