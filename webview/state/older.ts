// Paging older items in (session/items): the snapshot holds only the newest items.
// Contract: a page applies only on top of the list it was asked for (same session, and
// `before` is still the oldest item held), so a snapshot that replaced the list in the
// meantime is never mixed with a stale page. Items already held are skipped (ids stay
// unique); the held items keep their identity (memoised rows do not re-render).
import type { Item } from '../../src/protocol';
import { indexItems, withFinished } from './items';
import type { ChatState } from './reducer';

export interface OlderItemsAction {
  type: 'items/older';
  sessionId: string;
  /** Id of the oldest item held when the page was asked for. */
  before: string;
  items: Item[];
  olderItems: number;
}

export function prependOlder(state: ChatState, action: OlderItemsAction): ChatState {
  if (state.sessionId !== action.sessionId || state.items[0]?.id !== action.before) return state;
  const fresh = action.items.filter((item) => !state.index.has(item.id));
  const items = fresh.length ? [...fresh, ...state.items] : state.items;
  const done = withFinished(state.done, fresh);
  return { ...state, items, index: indexItems(items), done, olderItems: Math.max(0, action.olderItems) };
}
