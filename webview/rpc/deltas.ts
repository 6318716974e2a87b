// Decodes the host's compact DeltaPost (src/protocol/messages.ts, header) back into the
// `item/delta` notifications it stands for, in entry order.
// Contract: handle bindings come only from the wire (an entry's third element), so the
// decoder never guesses; an entry that is malformed, or whose handle has no binding (a
// post from before a reload, a freed handle), is dropped and the rest of the post still
// applies. forget() unbinds an item once its item/completed arrived (the host frees the
// handle then and may bind it again later, always explicitly).
import type { DeltaPost, NotificationMap } from '../../src/protocol';

/** A compact delta post: an object without `kind` whose `d` is an array. */
export function isDeltaPost(data: unknown): data is DeltaPost {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return false;
  const d = data as { kind?: unknown; d?: unknown };
  return d.kind === undefined && Array.isArray(d.d);
}

export class DeltaDecoder {
  private readonly items = new Map<number, string>();

  decode(post: DeltaPost): NotificationMap['item/delta'][] {
    const out: NotificationMap['item/delta'][] = [];
    for (const entry of post.d as unknown[]) {
      if (!Array.isArray(entry) || entry.length < 2 || entry.length > 3) continue;
      const [handle, text, itemId] = entry as unknown[];
      if (!Number.isSafeInteger(handle) || (handle as number) < 1 || typeof text !== 'string') continue;
      if (entry.length === 3) {
        if (typeof itemId !== 'string' || itemId === '') continue;
        this.items.set(handle as number, itemId);
      }
      const id = this.items.get(handle as number);
      if (id !== undefined && text !== '') out.push({ itemId: id, text });
    }
    return out;
  }

  forget(itemId: string): void {
    for (const [handle, id] of this.items) if (id === itemId) this.items.delete(handle);
  }

  /** Number of bound handles (tests, diagnostics). */
  get bound(): number {
    return this.items.size;
  }
}
