// Item lifecycle of one turn: turns start/update/complete calls (from the loop and from
// tools running in parallel) into SessionEvents on the turn's queue, and keeps track of
// items that started but did not complete, so an abort or a crash of the loop can
// still complete every item (the event contract: every item/started gets its
// item/completed before the turn ends).
// Every callback sees the item's latest state (deltas applied) before its event is pushed,
// so the session's item list is current whenever a listener looks.
import type { Item, SubagentItem } from '../types/items';
import type { ItemDelta, SessionEvent } from '../types/events';
import { applyItemUpdate } from '../../protocol/itemUpdate';

/** Where an item's states go as they change (the session's item list, the session log). */
export interface ItemSink {
  /** An item started (start order is the session's item order). */
  started?(item: Item): void;
  /** An open item's latest state after a delta. */
  updated?(item: Item): void;
  /** Once per item, with its final state. */
  completed(item: Item): void;
}

export class ItemEmitter {
  private open = new Map<string, Item>();

  constructor(
    private readonly push: (event: SessionEvent) => void,
    private readonly sink: ItemSink,
  ) {}

  start(item: Item): void {
    if (this.open.has(item.id)) return;
    this.open.set(item.id, item);
    this.sink.started?.(item);
    this.push({ type: 'item/started', item });
  }

  update(itemId: string, delta: ItemDelta): void {
    const item = this.open.get(itemId);
    if (!item) return; // late output after completion (killed command): drop
    // keep the latest state so a forced completion (abort) loses nothing shown
    const next = applyItemUpdate(item, delta);
    if (!next) return; // an item that does not stream
    this.open.set(itemId, next);
    this.sink.updated?.(next);
    this.push({ type: 'item/updated', itemId, delta });
  }

  /** Replaces an open subagent card's state (`subagent/updated`); it stays open. */
  revise(item: SubagentItem): void {
    if (!this.open.has(item.id)) return; // completed (or the turn ended): final already
    this.open.set(item.id, item);
    this.sink.updated?.(item);
    this.push({ type: 'subagent/updated', item });
  }

  complete(item: Item): void {
    if (!this.open.has(item.id)) this.sink.started?.(item); // completing without a start is allowed
    this.open.delete(item.id);
    this.sink.completed(item);
    this.push({ type: 'item/completed', item });
  }

  /** Start and complete at once (user messages, errors, review decisions). */
  emit(item: Item): void {
    this.start(item);
    this.complete(item);
  }

  /** The latest state of an open item (deltas applied), or undefined. */
  current(itemId: string): Item | undefined {
    return this.open.get(itemId);
  }

  /** Items still in progress, oldest first. */
  openItems(): Item[] {
    return [...this.open.values()];
  }

  /**
   * Completes every open item. Items with a status end as 'failed' (they did not
   * finish); text items keep the text produced so far (`finish` may adjust them).
   */
  completeAll(finish: (item: Item) => Item = defaultFinish): void {
    for (const item of this.openItems()) this.complete(finish(item));
  }
}

function defaultFinish(item: Item): Item {
  return 'status' in item && item.status === 'in_progress' ? ({ ...item, status: 'failed' } as Item) : item;
}
