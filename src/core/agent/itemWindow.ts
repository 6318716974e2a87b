// The session's items as the agent holds them: the recent ones in full, the older ones
// only in the session log, paged in on request. A session of hours (thousands of items,
// command outputs of up to a megabyte each) must not grow the process: every item is
// on disk (the log records each one as it completes), so memory only needs the items a
// UI shows first.
//
// Contract (see Agent.items / itemsBefore / olderItemCount in types.ts):
//  - items(): every item in progress, plus the newest completed ones, oldest first in
//    start order, while they fit `count` items and `chars` characters of JSON. Only
//    completed items are evicted, from the front, and only once they are in the log.
//  - itemsBefore(id, n): the n items before `id` from the log, oldest first, never one
//    that items() holds. `id` held by items() (normally its first): the page ends where
//    the window begins. `id` from an earlier page: the page ends right before it.
//  - olderItemCount(): how many logged items are no longer held.
import type { Item } from '../types/items';
import { readItemsBefore } from '../session/tail';

export interface ItemWindowLimits {
  /** Completed items held at most (default 200: what a UI shows on open). */
  count?: number;
  /** Characters of their JSON held at most (default 4,000,000). */
  chars?: number;
}

export const DEFAULT_WINDOW_COUNT = 200;
export const DEFAULT_WINDOW_CHARS = 4_000_000;
/** Page cursors remembered (id of a page's oldest item -> its record's offset). */
const CURSORS = 64;

interface Held {
  item: Item;
  /** JSON length once completed; undefined while in progress (never evicted). */
  chars?: number;
}

/** Discarded partial text (a retried request) completes empty and is not logged. */
export function isLogged(item: Item): boolean {
  return !((item.type === 'agent_message' || item.type === 'reasoning') && item.text === '');
}

export class ItemWindow {
  private readonly held = new Map<string, Held>(); // insertion order = start order
  private chars = 0;
  private evicted = 0;
  private readonly cursors = new Map<string, number>();
  private readonly maxCount: number;
  private readonly maxChars: number;

  constructor(
    /** The session log, or undefined before the first turn wrote it. */
    private readonly logFile: () => string | undefined,
    limits: ItemWindowLimits = {},
    resumed: { items: readonly Item[] } = { items: [] },
  ) {
    this.maxCount = Math.max(1, limits.count ?? DEFAULT_WINDOW_COUNT);
    this.maxChars = Math.max(1, limits.chars ?? DEFAULT_WINDOW_CHARS);
    for (const item of resumed.items) this.onItem('completed', item);
  }

  onItem(phase: 'started' | 'completed', item: Item): void {
    const before = this.held.get(item.id);
    if (before?.chars !== undefined) this.chars -= before.chars;
    const chars = phase === 'completed' ? JSON.stringify(item).length : undefined;
    if (before) before.item = item;
    if (before) before.chars = chars;
    else this.held.set(item.id, { item, chars });
    if (chars !== undefined) {
      this.chars += chars;
      this.evict();
    }
  }

  items(): Item[] {
    return [...this.held.values()].map((h) => h.item);
  }

  has(id: string): boolean {
    return this.held.has(id);
  }

  olderItemCount(): number {
    return this.evicted;
  }

  async itemsBefore(beforeId: string, limit: number): Promise<Item[]> {
    const file = this.logFile();
    const held = this.held.has(beforeId);
    if (!file) {
      if (held) return [];
      throw new Error(`No item "${beforeId}" in this session.`);
    }
    const cursor = held ? undefined : this.cursors.get(beforeId);
    const page = await readItemsBefore(file, {
      limit,
      ...(held ? {} : cursor !== undefined ? { beforeOffset: cursor } : { beforeId }),
      skip: (id) => this.held.has(id),
    });
    if (page.items.length > 0) this.remember(page.items[0].id, page.offsets[0]);
    return page.items;
  }

  private remember(id: string, offset: number): void {
    this.cursors.delete(id);
    this.cursors.set(id, offset);
    if (this.cursors.size > CURSORS) this.cursors.delete(this.cursors.keys().next().value as string);
  }

  /** Drops completed items from the front while over a limit; an open item stops it, the newest stays. */
  private evict(): void {
    while (this.held.size > 1 && (this.held.size > this.maxCount || this.chars > this.maxChars)) {
      const [id, first] = this.held.entries().next().value as [string, Held];
      if (first.chars === undefined) return;
      this.held.delete(id);
      this.chars -= first.chars;
      if (isLogged(first.item)) this.evicted++;
    }
  }
}
