// One list of items as the webview holds it (the session's own, or a subagent's for its
// card), and the three updates events make to it. Contracts as in reducer.ts: only the
// changed item gets a new object; a repeated start or completion yields the same state;
// a delta for an unknown or completed item is dropped; a `streamed` completion carries
// only the text after what the deltas gave (appended once).
import type { Item, ItemUpdate } from '../../src/protocol';
import { applyItemUpdate, streamedText, withStreamedText } from '../../src/protocol';
import { indexItems, withFinished } from './items';

export interface ItemList {
  items: Item[];
  /** Item id -> position in `items`. */
  index: ReadonlyMap<string, number>;
  /** Ids whose item/completed was applied (late deltas for these are dropped). */
  done: ReadonlySet<string>;
}

export function listOf(items: Item[]): ItemList {
  return { items, index: indexItems(items), done: withFinished(new Set(), items) };
}

export function upsert<L extends ItemList>(list: L, item: Item): L {
  const at = list.index.get(item.id);
  if (at !== undefined) {
    const items = list.items.slice();
    items[at] = item;
    return { ...list, items };
  }
  const index = new Map(list.index);
  index.set(item.id, list.items.length);
  return { ...list, items: [...list.items, item], index };
}

/** item/started (`completed` false) or item/completed. */
export function putItem<L extends ItemList>(list: L, item: Item, completed: boolean, streamed?: boolean): L {
  let next: L;
  if (completed && streamed) {
    // the item's text is the tail after what the deltas already gave us
    const at = list.index.get(item.id);
    if (at === undefined || list.done.has(item.id)) return list; // unknown, or a repeat
    next = upsert(list, mergeStreamed(list.items[at], item));
  } else {
    next = upsert(list, item);
  }
  if (!completed) return next;
  const done = new Set(list.done);
  done.add(item.id);
  return { ...next, done };
}

/** item/updated; the same list when it does not apply here. */
export function appendDelta<L extends ItemList>(list: L, { itemId, delta }: ItemUpdate): L {
  const at = list.index.get(itemId);
  if (at === undefined || list.done.has(itemId) || delta.text === '') return list;
  const appended = applyItemUpdate(list.items[at], delta);
  if (!appended) return list;
  const items = list.items.slice();
  items[at] = appended;
  return { ...list, items };
}

/** A `streamed` completion: the completed item with our accumulated text plus its tail. */
function mergeStreamed(held: Item, done: Item): Item {
  const before = held.type === done.type ? streamedText(held) : undefined;
  const tail = streamedText(done);
  return before === undefined || tail === undefined ? done : withStreamedText(done, before + tail);
}
