// Encodes streamed deltas into the compact DeltaPost (src/protocol/messages.ts, header)
// for one webview connection. The WebviewChannel owns one and posts its buffer once per batcher flush.
// Contract:
// - add() buffers text for an item; take() returns everything buffered as one post (one
//   pair per item, first-delta order, an item's texts concatenated) and empties the buffer.
// - An item gets the smallest free handle when it first appears; that pair's reference
//   carries the item id (the binding). Later pairs carry the handle only.
// - release() frees an item's handle (its item/completed was posted: no delta follows).
// - reset() forgets every binding and drops the buffer: the webview just took (or is about
//   to take) a snapshot, or the connection changed. Handles restart at 1.
import type { DeltaPost } from '../../protocol/messages';

/** [handle, text, itemId when this entry binds the handle] */
type Entry = [handle: number, text: string, itemId?: string];

export class DeltaEncoder {
  private readonly handles = new Map<string, number>();
  private readonly used = new Set<number>();
  private pending: Entry[] = [];
  /** itemId -> index of its entry in `pending`. */
  private readonly at = new Map<string, number>();

  add(itemId: string, text: string): void {
    if (!text) return;
    const i = this.at.get(itemId);
    if (i !== undefined) {
      this.pending[i][1] += text;
      return;
    }
    let handle = this.handles.get(itemId);
    let entry: Entry;
    if (handle === undefined) {
      handle = this.allocate();
      this.handles.set(itemId, handle);
      entry = [handle, text, itemId];
    } else {
      entry = [handle, text];
    }
    this.at.set(itemId, this.pending.length);
    this.pending.push(entry);
  }

  take(): DeltaPost | undefined {
    if (this.pending.length === 0) return undefined;
    const post: DeltaPost = [];
    for (const [handle, text, itemId] of this.pending) post.push(itemId === undefined ? handle : [handle, itemId], text);
    this.pending = [];
    this.at.clear();
    return post;
  }

  release(itemId: string): void {
    const handle = this.handles.get(itemId);
    if (handle === undefined || this.at.has(itemId)) return; // still buffered: keep it bound
    this.handles.delete(itemId);
    this.used.delete(handle);
  }

  reset(): void {
    this.handles.clear();
    this.used.clear();
    this.pending = [];
    this.at.clear();
  }

  private allocate(): number {
    let h = 1;
    while (this.used.has(h)) h++;
    this.used.add(h);
    return h;
  }
}
