import type { Item, ItemDelta } from '../../core/index';
// The host's copy of a session's items, kept current from the event stream so a
// (re)loading webview gets a complete snapshot, including items still streaming.

export class ItemsModel {
  private items: Item[] = [];
  private readonly index = new Map<string, number>();

  constructor(initial: readonly Item[] = []) {
    for (const item of initial) this.upsert(item);
  }

  upsert(item: Item): void {
    const at = this.index.get(item.id);
    if (at === undefined) {
      this.index.set(item.id, this.items.length);
      this.items.push(item);
    } else {
      this.items[at] = item;
    }
  }

  get(id: string): Item | undefined {
    const at = this.index.get(id);
    return at === undefined ? undefined : this.items[at];
  }

  /** Appends a delta; returns the text to forward, or undefined when it does not apply. */
  applyDelta(id: string, delta: ItemDelta): string | undefined {
    const at = this.index.get(id);
    if (at === undefined) return undefined;
    const item = this.items[at];
    if (delta.kind === 'text' && (item.type === 'agent_message' || item.type === 'reasoning')) {
      this.items[at] = { ...item, text: item.text + delta.text };
      return delta.text;
    }
    if (delta.kind === 'output' && item.type === 'command_execution') {
      this.items[at] = { ...item, output: item.output + delta.text };
      return delta.text;
    }
    return undefined;
  }

  all(): Item[] {
    return this.items.slice();
  }

  get size(): number {
    return this.items.length;
  }

  /** The newest `limit` items (oldest first) and how many precede them. */
  newest(limit: number): { items: Item[]; olderItems: number } {
    const from = Math.max(0, this.items.length - limit);
    return { items: this.items.slice(from), olderItems: from };
  }

  /**
   * Up to `limit` items just before the item `before` (oldest first) and how many
   * precede them; undefined when there is no such item. Items are only ever appended,
   * so an item's position (and every older one's) never changes.
   */
  before(before: string, limit: number): { items: Item[]; olderItems: number } | undefined {
    const at = this.index.get(before);
    if (at === undefined) return undefined;
    const from = Math.max(0, at - limit);
    return { items: this.items.slice(from, at), olderItems: from };
  }

  /**
   * The session's title as the core's session list derives it (src/core/session/store.ts
   * titleOf: the first user message, whitespace collapsed, at most 80 characters), so
   * the header and the history list agree; undefined until there is one.
   */
  title(): string | undefined {
    const first = this.items.find((i) => i.type === 'user_message');
    if (!first || first.type !== 'user_message') return undefined;
    const text = first.text.replace(/\s+/g, ' ').trim();
    return text.length > 80 ? `${text.slice(0, 79)}…` : text || undefined;
  }
}
