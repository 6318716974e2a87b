// Subagents' own items in the webview: one list per subagent whose card loaded it
// (agent/items when the card is expanded), kept current by the events that carry its
// `agentId` (src/core/types/events.ts). Events for a subagent whose list is not loaded
// are dropped: loading returns its items as they are at that instant, and the host
// holds later events until that response is sent, so nothing is missed or doubled.
import type { Item } from '../../src/protocol';
import type { Action } from './reducer';
import { appendDelta, listOf, putItem, upsert, type ItemList } from './itemList';

export type AgentLists = Readonly<Record<string, ItemList>>;

export type AgentsAction = { type: 'agent/loaded'; agentId: string; items: Item[] };

/**
 * The lists after `action`; undefined when the action is not about a subagent (the
 * session's own reducer handles it). `mainIndex`: the session's own items, for deltas,
 * which carry only an item id.
 */
export function applyToAgents(agents: AgentLists, action: Action, mainIndex: ReadonlyMap<string, number>): AgentLists | undefined {
  switch (action.type) {
    case 'agent/loaded':
      return { ...agents, [action.agentId]: listOf(action.items) };
    case 'item/updated': {
      if (mainIndex.has(action.params.itemId)) return undefined;
      for (const [id, list] of Object.entries(agents)) {
        if (!list.index.has(action.params.itemId)) continue;
        const next = appendDelta(list, action.params);
        return next === list ? agents : { ...agents, [id]: next };
      }
      return undefined;
    }
    case 'item/started':
    case 'item/completed':
    case 'subagent/updated':
    case 'turn/started':
    case 'turn/completed':
    case 'turn/failed':
    case 'usage/updated': {
      const agentId = action.params.agentId;
      if (!agentId) return undefined;
      const list = agents[agentId];
      if (!list) return agents;
      let next = list;
      if (action.type === 'item/started' || action.type === 'item/completed') {
        next = putItem(list, action.params.item, action.type === 'item/completed', action.type === 'item/completed' && action.params.streamed);
      } else if (action.type === 'subagent/updated' && list.index.has(action.params.item.id)) {
        next = upsert(list, action.params.item);
      }
      return next === list ? agents : { ...agents, [agentId]: next };
    }
    default:
      return undefined;
  }
}
