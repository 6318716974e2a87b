// Decodes the host's compact DeltaPost (src/protocol/messages.ts, header) back into the
// `item/updated` events it stands for (ItemUpdate: the appended text), in pair order.
// Contract: handle bindings come only from the wire (a `[handle, itemId]` reference), so
// the decoder never guesses; a pair that is malformed, or whose handle has no binding (a
// post from before a reload, a freed handle), is dropped and the rest of the post still
// applies. forget() unbinds an item once its item/completed arrived (the host frees the
// handle then and may bind it again later, always explicitly).
import type { DeltaPost, ItemUpdate } from '../../src/protocol';

/** A compact delta post: a bare array of (reference, text) pairs. Protocol envelopes are objects. */
export function isDeltaPost(data: unknown): data is DeltaPost {
  return Array.isArray(data) && data.length > 0 && data.length % 2 === 0;
}

const isHandle = (h: unknown): h is number => Number.isSafeInteger(h) && (h as number) >= 1;

export class DeltaDecoder {
  private readonly items = new Map<number, string>();

  decode(post: DeltaPost): ItemUpdate[] {
    const out: ItemUpdate[] = [];
    const pairs = post as unknown[];
    for (let i = 0; i + 1 < pairs.length; i += 2) {
      const ref = pairs[i];
      const text = pairs[i + 1];
      if (typeof text !== 'string') continue;
      let handle: number;
      if (isHandle(ref)) handle = ref;
      else if (Array.isArray(ref) && ref.length === 2 && isHandle(ref[0]) && typeof ref[1] === 'string' && ref[1] !== '') {
        handle = ref[0];
        this.items.set(handle, ref[1]);
      } else continue;
      const itemId = this.items.get(handle);
      if (itemId !== undefined && text !== '') out.push({ itemId, delta: { text } });
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
