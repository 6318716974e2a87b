// Which chat items the message list shows.
// When the core retries a model request it closes the partial agent_message / reasoning
// items with EMPTY text and streams into new items. Those closed empty items are not
// errors and carry nothing to read: showing them would leave an empty bubble (or, before
// their completion arrives, the retried output twice). So an agent_message or reasoning
// item with no text is hidden once it is finished: completed (item/completed applied),
// no turn is running (after a snapshot, nothing is streaming), or a later item exists
// (the stream moved on). The newest empty item of a running turn stays: it is the one
// about to stream.
import type { Item } from '../../src/protocol';

export function isShownItem(item: Item, isLast: boolean, done: ReadonlySet<string>, running: boolean): boolean {
  if (item.type !== 'agent_message' && item.type !== 'reasoning') return true;
  if (item.text.trim() !== '') return true;
  const finished = done.has(item.id) || !running || !isLast;
  return !finished;
}

/** The shown items; the same array when none is hidden (memoised rows stay put). */
export function visibleItems(items: Item[], done: ReadonlySet<string>, running: boolean): Item[] {
  const last = items.length - 1;
  let shown: Item[] | undefined;
  for (let i = 0; i <= last; i++) {
    const keep = isShownItem(items[i], i === last, done, running);
    if (!keep && !shown) shown = items.slice(0, i);
    else if (keep && shown) shown.push(items[i]);
  }
  return shown ?? items;
}

/** Whether any item is shown; stops at the first one (read on every store update). */
export function anyShown(items: Item[], done: ReadonlySet<string>, running: boolean): boolean {
  const last = items.length - 1;
  for (let i = 0; i <= last; i++) if (isShownItem(items[i], i === last, done, running)) return true;
  return false;
}
