// The session's items, in start order, each in its latest state (deltas applied as they
// stream), and the session's title. The one copy of the items: the editor host builds
// its snapshots from it (Agent.items()) instead of keeping its own.
import type { Item } from '../types/items';
import type { ItemSink } from './itemEmitter';
import { titleFromText } from '../session/listing';

export class SessionItems implements ItemSink {
  private readonly list: Item[] = [];
  private readonly index = new Map<string, number>();

  constructor(initial: readonly Item[] = []) {
    for (const item of initial) this.put(item);
  }

  started(item: Item): void {
    this.put(item);
  }

  updated(item: Item): void {
    this.put(item);
  }

  completed(item: Item): void {
    this.put(item);
  }

  /** Every item, oldest first (the live array: do not mutate). */
  all(): readonly Item[] {
    return this.list;
  }

  /** The session's title: its first user message (titleFromText), undefined until there is one. */
  title(): string | undefined {
    for (const item of this.list) if (item.type === 'user_message') return titleFromText(item.text) || undefined;
    return undefined;
  }

  private put(item: Item): void {
    const at = this.index.get(item.id);
    if (at === undefined) {
      this.index.set(item.id, this.list.length);
      this.list.push(item);
    } else this.list[at] = item;
  }
}
