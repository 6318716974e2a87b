// Paging older items in (session/items): the snapshot holds only the newest items.
// Contract: a page applies only on top of the list it was asked for (same session, and
// `before` is still the oldest item held), so a snapshot that replaced the list in the
// meantime is never mixed with a stale page. Items already held are skipped (ids stay
// unique); the held items keep their identity (memoised rows do not re-render).
import type { ChatItem } from '../../src/protocol';
import type { ChatState } from './reducer';

export interface OlderItemsAction {
  type: 'items/older';
  sessionId: string;
  /** Id of the oldest item held when the page was asked for. */
  before: string;
  items: ChatItem[];
  olderItems: number;
}

const FINAL = new Set(['completed', 'failed', 'declined']);

export function prependOlder(state: ChatState, action: OlderItemsAction): ChatState {
  if (state.sessionId !== action.sessionId || state.items[0]?.id !== action.before) return state;
  const fresh = action.items.filter((item) => !state.index.has(item.id));
  const items = fresh.length ? [...fresh, ...state.items] : state.items;
  const index = new Map<string, number>();
  items.forEach((item, i) => index.set(item.id, i));
  let done = state.done;
  for (const item of fresh) {
    if ('status' in item && FINAL.has(item.status)) {
      if (done === state.done) done = new Set(done);
      (done as Set<string>).add(item.id);
    }
  }
  return { ...state, items, index, done, olderItems: Math.max(0, action.olderItems) };
}
