// One reader of the terminal for a whole interactive run: a line goes to the question
// waiting for it (an approval), and any other line to `onLine` (steering the running
// turn). One readline interface, so two readers never race for the same keystrokes.
// Ctrl-C on a raw TTY reaches readline, not the process: it is re-raised as SIGINT so
// the CLI's handler interrupts the turn. Ctrl-D (end of input) answers a waiting
// question with undefined and ends steering.
import { createInterface, type Interface } from 'node:readline';

export interface LineInputOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Lines typed while no question waits. */
  onLine(line: string): void;
}

export class LineInput {
  private readonly rl: Interface;
  private waiting: ((answer: string | undefined) => void) | undefined;
  private closed = false;

  constructor(private readonly options: LineInputOptions) {
    const terminal = Boolean((options.output as { isTTY?: boolean }).isTTY);
    this.rl = createInterface({ input: options.input, output: options.output, terminal });
    this.rl.on('line', (line) => this.onLine(line));
    this.rl.on('close', () => {
      this.closed = true;
      this.answer(undefined);
    });
    this.rl.on('SIGINT', () => process.kill(process.pid, 'SIGINT'));
  }

  /** Asks one question; undefined when aborted or the input ended. Questions are asked one at a time by the caller. */
  question(prompt: string, signal: AbortSignal): Promise<string | undefined> {
    if (this.closed || signal.aborted) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const onAbort = () => this.answer(undefined);
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting = (answer) => {
        signal.removeEventListener('abort', onAbort);
        resolve(answer);
      };
      this.options.output.write(prompt);
    });
  }

  close(): void {
    if (!this.closed) this.rl.close();
  }

  private onLine(line: string): void {
    if (this.waiting) this.answer(line);
    else if (line.trim() !== '') this.options.onLine(line);
  }

  private answer(value: string | undefined): void {
    const resolve = this.waiting;
    this.waiting = undefined;
    resolve?.(value);
  }
}
