// Item lifecycle of one turn: turns start/update/complete calls (from the loop and from
// tools running in parallel) into SessionEvents on the turn's queue, and keeps track of
// items that started but did not complete, so an abort or a crash of the loop can
// still complete every item (the event contract: every item/started gets its
// item/completed before the turn ends).
import type { Item } from '../types/items';
import type { ItemDelta, SessionEvent } from '../types/events';

export class ItemEmitter {
  private open = new Map<string, Item>();

  constructor(
    private readonly push: (event: SessionEvent) => void,
    /** Called once per completed item (the session log and the session's item list). */
    private readonly onCompleted: (item: Item) => void,
    /** Called when an item starts (the session's item list keeps start order). */
    private readonly onStarted: (item: Item) => void = () => {},
  ) {}

  start(item: Item): void {
    if (this.open.has(item.id)) return;
    this.open.set(item.id, item);
    this.onStarted(item);
    this.push({ type: 'item/started', item });
  }

  update(itemId: string, delta: ItemDelta): void {
    const item = this.open.get(itemId);
    if (!item) return; // late output after completion (killed command): drop
    // keep the latest state so a forced completion (abort) loses nothing shown
    if (delta.kind === 'text' && (item.type === 'agent_message' || item.type === 'reasoning')) {
      this.open.set(itemId, { ...item, text: item.text + delta.text });
    } else if (delta.kind === 'output' && item.type === 'command_execution') {
      this.open.set(itemId, { ...item, output: item.output + delta.text });
    }
    this.push({ type: 'item/updated', itemId, delta });
  }

  complete(item: Item): void {
    if (!this.open.has(item.id)) this.onStarted(item); // completing without a start is allowed
    this.open.delete(item.id);
    this.onCompleted(item);
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
