// Pages of a session's item list for the webview: the newest items for a snapshot, and
// older ones as the reader scrolls up. Items are only ever appended, so an item's
// position (and every older one's) never changes. Pure.
import type { Item } from '../../core/index';

/** The newest `limit` items (oldest first) and how many precede them. */
export function newestItems(items: readonly Item[], limit: number): { items: Item[]; olderItems: number } {
  const from = Math.max(0, items.length - limit);
  return { items: items.slice(from), olderItems: from };
}

/**
 * Up to `limit` items just before the item `before` (oldest first) and how many precede
 * them; undefined when there is no such item.
 */
export function itemsBefore(items: readonly Item[], before: string, limit: number): { items: Item[]; olderItems: number } | undefined {
  // the webview asks for the page before its oldest item: search from the newest end
  let at = -1;
  for (let i = items.length - 1; i >= 0; i--) {
    if (items[i].id === before) {
      at = i;
      break;
    }
  }
  if (at < 0) return undefined;
  const from = Math.max(0, at - limit);
  return { items: items.slice(from, at), olderItems: from };
}
