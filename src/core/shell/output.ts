// Collects a command's combined output with a cap, so a runaway command (`yes`, a
// build log loop) cannot exhaust memory. Keeps the head and the tail: the start shows
// what ran, the end shows how it finished.

export const DEFAULT_OUTPUT_CAP = 1024 * 1024;

export class OutputCollector {
  private head = '';
  private tail = '';
  private dropped = 0;

  constructor(private readonly cap = DEFAULT_OUTPUT_CAP) {}

  /** Returns false once the cap is reached (the caller may stop streaming). */
  push(text: string): boolean {
    const half = Math.floor(this.cap / 2);
    if (this.head.length < half) {
      const take = Math.min(half - this.head.length, text.length);
      this.head += text.slice(0, take);
      text = text.slice(take);
      if (!text) return true;
    }
    this.tail += text;
    if (this.tail.length > half) {
      this.dropped += this.tail.length - half;
      this.tail = this.tail.slice(this.tail.length - half);
    }
    return this.dropped === 0;
  }

  get truncated(): boolean {
    return this.dropped > 0;
  }

  text(): string {
    if (!this.dropped) return this.head + this.tail;
    return `${this.head}\n[… ${this.dropped} characters of output omitted …]\n${this.tail}`;
  }
}
