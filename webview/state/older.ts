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

/**
 * A list longer than this is trimmed when the user starts a turn (the list then jumps to
 * the new message, so nobody is reading its top): hours of work must not grow the
 * webview without bound. Trimmed items are paged in again like any older page.
 */
export const MAX_HELD_ITEMS = 1000;
/** Items kept after a trim (the newest). */
export const KEEP_AFTER_TRIM = 500;

/**
 * Drops the oldest items down to `keep` when more than `max` are held, never an item in
 * progress or one after it (the list stays one contiguous run of the session's items),
 * and counts the dropped ones in `olderItems`.
 */
export function trimOldest(state: ChatState, max = MAX_HELD_ITEMS, keep = KEEP_AFTER_TRIM): ChatState {
  if (state.items.length <= max) return state;
  let cut = state.items.length - keep;
  const live = state.items.findIndex((item) => 'status' in item && item.status === 'in_progress');
  if (live >= 0 && live < cut) cut = live;
  if (cut <= 0) return state;
  const items = state.items.slice(cut);
  const done = new Set(state.done);
  for (const item of state.items.slice(0, cut)) done.delete(item.id);
  return { ...state, items, index: indexItems(items), done, olderItems: state.olderItems + cut };
}
