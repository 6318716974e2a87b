// The session's items as the agent holds them: the recent ones in full, the older ones
// only in the session log, paged in on request. A session of hours (thousands of items,
// command outputs of up to a megabyte each) must not grow the process: every item is
// on disk (the log records each one as it completes), so memory only needs the items a
// UI shows first.
//
// Contract (see Agent.items / itemsBefore / olderItemCount in types.ts):
//  - the title (the first user message) is kept when that item leaves the window.
//  - items(): every item in progress, plus the newest completed ones, oldest first in
//    start order, while they fit `count` items and `chars` characters of JSON. Only
//    completed items are evicted, from the front, and only once they are in the log.
//  - itemsBefore(id, n): the n items before `id` from the log, oldest first, never one
//    that items() holds. `id` held by items() (normally its first): the page ends where
//    the window begins. `id` from an earlier page: the page ends right before it.
//  - olderItemCount(): how many logged items are no longer held.
import type { Item } from '../types/items';
import type { ItemSink } from './itemEmitter';
import { readItemsBefore } from '../session/tail';
import { titleFromText } from '../session/listing';

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
/** Characters kept of an evicted turn's first message (a label needs 60). */
const OPENER_CHARS = 100;

interface Held {
  /** Position in the session's start order (items()[seq - base]). */
  seq: number;
  /** JSON length once completed; undefined while in progress (never evicted). */
  chars?: number;
}

/** Discarded partial text (a retried request) completes empty and is not logged. */
export function isLogged(item: Item): boolean {
  return !((item.type === 'agent_message' || item.type === 'reasoning') && item.text === '');
}

/**
 * The item list of a session. Its started/updated/completed methods take every state an
 * item goes through (the shape of the turn's item sink); all() is the window.
 */
export class ItemWindow implements ItemSink {
  private readonly list: Item[] = [];
  private readonly held = new Map<string, Held>();
  /** seq of list[0]. */
  private base = 0;
  private nextSeq = 0;
  private chars = 0;
  private evicted = 0;
  private firstTitle: string | undefined;
  private readonly cursors = new Map<string, number>();
  /** The first user message of each turn that left the window (shortened): what names a turn. */
  private readonly openers = new Map<string, Item>();
  private readonly maxCount: number;
  private readonly maxChars: number;

  constructor(
    /** The session log, or undefined before the first turn wrote it. */
    private readonly logFile: () => string | undefined,
    limits: ItemWindowLimits = {},
    initial: readonly Item[] = [],
  ) {
    this.maxCount = Math.max(1, limits.count ?? DEFAULT_WINDOW_COUNT);
    this.maxChars = Math.max(1, limits.chars ?? DEFAULT_WINDOW_CHARS);
    for (const item of initial) this.completed(item);
  }

  started(item: Item): void {
    this.put(item, undefined);
  }

  /** An open item's latest state (deltas applied). */
  updated(item: Item): void {
    this.put(item, undefined);
  }

  completed(item: Item): void {
    this.put(item, JSON.stringify(item).length);
    this.evict();
  }

  /** The held items, oldest first (the live array: do not mutate). */
  all(): readonly Item[] {
    return this.list;
  }

  /** The session's title (its first user message), kept when that item leaves the window. */
  title(): string | undefined {
    return this.firstTitle;
  }

  /**
   * The held items, plus the first user message of turn `turnId` when it has left the
   * window (its text shortened): enough to name an old turn (undo, revert).
   */
  withOpenerOf(turnId: string): readonly Item[] {
    const opener = this.openers.get(turnId);
    return opener ? [opener, ...this.list] : this.list;
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

  private put(item: Item, chars: number | undefined): void {
    if (this.firstTitle === undefined && item.type === 'user_message') this.firstTitle = titleFromText(item.text) || undefined;
    const h = this.held.get(item.id);
    if (!h) {
      this.held.set(item.id, { seq: this.nextSeq++, chars });
      this.list.push(item);
      if (chars !== undefined) this.chars += chars;
      return;
    }
    this.list[h.seq - this.base] = item;
    this.chars += (chars ?? 0) - (h.chars ?? 0);
    h.chars = chars;
  }

  private remember(id: string, offset: number): void {
    this.cursors.delete(id);
    this.cursors.set(id, offset);
    if (this.cursors.size > CURSORS) this.cursors.delete(this.cursors.keys().next().value as string);
  }

  /** Drops completed items from the front while over a limit; an open item stops it, the newest stays. */
  private evict(): void {
    let drop = 0;
    while (this.list.length - drop > 1 && (this.list.length - drop > this.maxCount || this.chars > this.maxChars)) {
      const first = this.list[drop];
      const h = this.held.get(first.id) as Held;
      if (h.chars === undefined) break;
      this.held.delete(first.id);
      this.chars -= h.chars;
      if (first.type === 'user_message' && !this.openers.has(first.turnId)) this.openers.set(first.turnId, { ...first, text: first.text.slice(0, OPENER_CHARS), attachments: undefined });
      if (isLogged(first)) this.evicted++;
      drop++;
    }
    if (drop === 0) return;
    this.list.splice(0, drop);
    this.base += drop;
  }
}
