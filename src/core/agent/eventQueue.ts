// A push/pull channel: the turn (and tools running in parallel) push events as they
// happen; runStreamed pulls them in order. Unbounded on purpose: events are small and a
// turn's producers must never block on a slow consumer (an abort must still get through).

interface Waiter<T> {
  resolve(r: IteratorResult<T>): void;
  reject(error: unknown): void;
}

export class EventQueue<T> implements AsyncIterable<T> {
  private buffer: T[] = [];
  private waiting: Waiter<T> | undefined;
  private closed = false;
  private failure: { error: unknown } | undefined;

  push(value: T): void {
    if (this.closed) return;
    const w = this.waiting;
    if (w) {
      this.waiting = undefined;
      w.resolve({ value, done: false });
    } else {
      this.buffer.push(value);
    }
  }

  /** Ends the stream after the buffered values. */
  close(): void {
    this.closed = true;
    this.wake();
  }

  /** Ends the stream with an error after the buffered values. */
  fail(error: unknown): void {
    if (this.closed) return;
    this.failure = { error };
    this.close();
  }

  private wake(): void {
    const w = this.waiting;
    if (!w || this.buffer.length > 0) return;
    this.waiting = undefined;
    if (this.failure) w.reject(this.failure.error);
    else w.resolve({ value: undefined as never, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        if (this.buffer.length > 0) return Promise.resolve({ value: this.buffer.shift() as T, done: false });
        if (this.closed) {
          return this.failure ? Promise.reject(this.failure.error) : Promise.resolve({ value: undefined as never, done: true });
        }
        return new Promise<IteratorResult<T>>((resolve, reject) => {
          this.waiting = { resolve, reject };
        });
      },
    };
  }
}
