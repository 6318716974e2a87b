// Subagents in the webview state: a card's own items load on demand and then follow the
// events tagged with its agentId; the session's own list never takes them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initialState, reducer, type Action, type ChatState } from '../../../webview/state/reducer';
import { subagentTokens } from '../../../webview/components/composer/Toolbar';
import type { Item } from '../../../src/protocol';
import { agent, snapshot, user } from './fixtures';

const usage = { inputTokens: 100, cachedInputTokens: 0, outputTokens: 20, reasoningTokens: 0 };
const card: Item = { id: 'c1', turnId: 't1', type: 'subagent', agentId: 'w1', agentType: 'worker', task: 'edit a.txt', state: 'running', usage, startedAt: 0, sessionId: 's-w1', status: 'in_progress' };
const childMsg: Item = { id: 'x1', turnId: 'tw', type: 'agent_message', text: 'Work' };
const run = (state: ChatState, ...actions: Action[]) => actions.reduce(reducer, state);

test('child events go to its loaded list only; unloaded ones are dropped; the parent list never takes them', () => {
  let s = run(initialState, { type: 'state/snapshot', params: snapshot([user, agent]) }, { type: 'item/started', params: { item: card } });
  // not loaded yet: dropped (the card loads the list whole when shown)
  s = run(s, { type: 'item/started', params: { item: childMsg, agentId: 'w1' } });
  assert.equal(s.agents.w1, undefined);
  assert.equal(s.items.length, 3);
  s = run(s, { type: 'agent/loaded', agentId: 'w1', items: [childMsg] });
  s = run(
    s,
    { type: 'item/updated', params: { itemId: 'x1', delta: { text: 'ing' } } },
    { type: 'item/completed', params: { item: { ...childMsg, text: '' }, streamed: true, agentId: 'w1' } },
    { type: 'turn/completed', params: { turnId: 'tw', usage, agentId: 'w1' } },
    { type: 'usage/updated', params: { usage, contextTokens: 999, contextWindow: 1000, agentId: 'w1' } },
  );
  assert.equal((s.agents.w1.items[0] as { text: string }).text, 'Working');
  assert.equal(s.items.length, 3, 'nothing of the child in the session list');
  assert.equal(s.usage, undefined, "a child's usage is not the session's context");
  // the card follows subagent/updated; the meter's tooltip counts its tokens
  s = run(s, { type: 'subagent/updated', params: { item: { ...card, state: 'waiting_approval' } as Item & { type: 'subagent' } } });
  assert.equal((s.items[2] as { state: string }).state, 'waiting_approval');
  assert.equal(subagentTokens(s), 120);
  // a new snapshot drops loaded lists: cards load them again
  s = run(s, { type: 'state/snapshot', params: snapshot([user, agent, card]) });
  assert.deepEqual(s.agents, {});
});
