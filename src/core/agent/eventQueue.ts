// A push/pull channel: the turn (and tools running in parallel) push events as they
// happen; runStreamed pulls them in order. Unbounded on purpose: events are small and a
// turn's producers must never block on a slow consumer (an abort must still get through).

export class EventQueue<T> implements AsyncIterable<T> {
  private buffer: T[] = [];
  private waiting: ((r: IteratorResult<T>) => void) | undefined;
  private closed = false;

  push(value: T): void {
    if (this.closed) return;
    const resolve = this.waiting;
    if (resolve) {
      this.waiting = undefined;
      resolve({ value, done: false });
    } else {
      this.buffer.push(value);
    }
  }

  /** Ends the stream after the buffered values. */
  close(): void {
    this.closed = true;
    const resolve = this.waiting;
    if (!resolve || this.buffer.length > 0) return;
    this.waiting = undefined;
    resolve({ value: undefined as never, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        if (this.buffer.length > 0) return Promise.resolve({ value: this.buffer.shift() as T, done: false });
        if (this.closed) return Promise.resolve({ value: undefined as never, done: true });
        return new Promise<IteratorResult<T>>((resolve) => {
          this.waiting = resolve;
        });
      },
    };
  }
}
