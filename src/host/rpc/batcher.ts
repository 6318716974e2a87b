// Batches streamed deltas (agent text, reasoning, command output) per item so the
// webview gets at most ~30 posts a second however fast tokens arrive.
// Contract:
// - push() appends; one timer flushes every item's pending text, concatenated in
//   arrival order, one `emit` per item, items in order of their first pending delta.
// - Timed flushes are at least `intervalMs` apart; the first delta after a quiet
//   period is flushed on the next tick (low latency for the first token).
// - flushItem() posts that item's pending text now (call it before item/completed so
//   the webview never sees a completed item followed by a late delta).
// - clear() drops pending text (a snapshot that already contains it was just built).
import type { Clock } from './clock';

export const DEFAULT_FLUSH_INTERVAL_MS = 34; // ~29.4 flushes a second

export class DeltaBatcher {
  private readonly pending = new Map<string, string[]>();
  private timer: unknown;
  private lastFlush = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly emit: (itemId: string, text: string) => void,
    private readonly clock: Clock,
    private readonly intervalMs = DEFAULT_FLUSH_INTERVAL_MS,
  ) {}

  push(itemId: string, text: string): void {
    if (!text) return;
    const list = this.pending.get(itemId);
    if (list) list.push(text);
    else this.pending.set(itemId, [text]);
    this.schedule();
  }

  /** Posts the pending text of one item now. */
  flushItem(itemId: string): void {
    const list = this.pending.get(itemId);
    if (!list) return;
    this.pending.delete(itemId);
    if (this.pending.size === 0) this.cancelTimer();
    this.emit(itemId, list.join(''));
  }

  /** Posts everything pending now (turn end). */
  flushAll(): void {
    this.cancelTimer();
    if (this.pending.size === 0) return;
    this.lastFlush = this.clock.now();
    const entries = [...this.pending];
    this.pending.clear();
    for (const [itemId, list] of entries) this.emit(itemId, list.join(''));
  }

  clear(): void {
    this.pending.clear();
    this.cancelTimer();
  }

  get hasPending(): boolean {
    return this.pending.size > 0;
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    const wait = Math.max(0, this.lastFlush + this.intervalMs - this.clock.now());
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.flushAll();
    }, wait);
  }

  private cancelTimer(): void {
    if (this.timer === undefined) return;
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
