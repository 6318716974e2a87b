// Batches streamed deltas (agent text, reasoning, command output) per item so the
// webview gets at most 30 posts in any 1-second window however fast tokens arrive.
// Contract:
// - push() appends; one timer flushes pending text, concatenated in arrival order, one
//   `emit` per item, items in order of their first pending delta, then `flushed` once:
//   the WebviewChannel encodes the emits and posts them as ONE compact DeltaPost on
//   `flushed`, so a flush is one post whatever the number of items.
// - Every flush counts against the rate: timed flushes are at least `intervalMs` apart,
//   and none lets more than MAX_POSTS_PER_WINDOW flushes fall in one closed window of
//   WINDOW_MS (both ends counted); with no room the flush waits. The first delta after a
//   quiet period is flushed on the next tick (low first-token latency).
// - take() hands an item's pending text to the caller without posting it: an item's
//   completion carries its own tail (item/completed `streamed`), so finishing an item
//   never forces an extra post.
// - flushItem() / flushAll() post now (the latter before a turn's end, so no delta follows
//   the end of a turn). They are recorded like any post; they are the only way to exceed
//   the rate, and the channel uses flushAll only when a turn ends with text of an
//   unfinished item still pending.
// - clear() drops pending text (a snapshot that already contains it was just built).
import type { Clock } from './clock';

/**
 * 38 ms spacing: at most 27 flushes in a closed 1 s window, leaving room under the hard
 * cap of 30 for the jitter of the postMessage hop (posts sent evenly can arrive bunched).
 */
export const DEFAULT_FLUSH_INTERVAL_MS = 38;
export const MAX_POSTS_PER_WINDOW = 30;
export const WINDOW_MS = 1000;

export class DeltaBatcher {
  private readonly pending = new Map<string, string[]>();
  private timer: unknown;
  private lastFlush = Number.NEGATIVE_INFINITY;
  /** Times of the last MAX_POSTS_PER_WINDOW emits, oldest first. */
  private readonly recent: number[] = [];

  constructor(
    private readonly emit: (itemId: string, text: string) => void,
    private readonly clock: Clock,
    private readonly intervalMs = DEFAULT_FLUSH_INTERVAL_MS,
    /** After the emits of one flush. */
    private readonly flushed: () => void = () => {},
  ) {}

  push(itemId: string, text: string): void {
    if (!text) return;
    const list = this.pending.get(itemId);
    if (list) list.push(text);
    else this.pending.set(itemId, [text]);
    this.schedule();
  }

  /** Removes and returns the item's pending text ('' when none) without posting it. */
  take(itemId: string): string {
    const list = this.pending.get(itemId);
    if (!list) return '';
    this.pending.delete(itemId);
    if (this.pending.size === 0) this.cancelTimer();
    return list.join('');
  }

  /** Posts the pending text of one item now (forced: not held back by the rate). */
  flushItem(itemId: string): void {
    const text = this.take(itemId);
    if (text) this.post([[itemId, [text]]]);
  }

  /** Posts everything pending now (turn end; forced). */
  flushAll(): void {
    this.cancelTimer();
    this.postPending();
  }

  clear(): void {
    this.pending.clear();
    this.cancelTimer();
  }

  get hasPending(): boolean {
    return this.pending.size > 0;
  }

  /** One flush: one recorded post, one emit per item (in one synchronous run). */
  private post(entries: [string, string[]][]): void {
    if (entries.length === 0) return;
    const now = this.clock.now();
    this.lastFlush = now;
    this.recent.push(now);
    if (this.recent.length > MAX_POSTS_PER_WINDOW) this.recent.shift();
    for (const [itemId, list] of entries) this.emit(itemId, list.join(''));
    this.flushed();
  }

  private postPending(): void {
    const entries = [...this.pending];
    this.pending.clear();
    this.post(entries);
  }

  /** How many posts may go out at `now` without exceeding the window. */
  private room(now: number): number {
    let inWindow = 0;
    for (const t of this.recent) if (now - t <= WINDOW_MS) inWindow++;
    return MAX_POSTS_PER_WINDOW - inWindow;
  }

  /** Earliest time ≥ `now` at which one more post fits in the window. */
  private roomAt(now: number): number {
    if (this.room(now) > 0) return now;
    // the oldest post must leave the window first
    const k = this.recent.length - (MAX_POSTS_PER_WINDOW - 1);
    return this.recent[k - 1] + WINDOW_MS + 1;
  }

  private timedFlush(): void {
    this.timer = undefined;
    if (this.room(this.clock.now()) > 0) this.postPending();
    if (this.pending.size > 0) this.schedule();
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    const now = this.clock.now();
    const at = Math.max(this.lastFlush + this.intervalMs, this.roomAt(now));
    this.timer = this.clock.setTimeout(() => this.timedFlush(), Math.max(0, at - now));
  }

  private cancelTimer(): void {
    if (this.timer === undefined) return;
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
