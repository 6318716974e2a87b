// Small fakes for the host's vscode-free modules: a manual clock, a notifier that
// records, and a scripted Agent. No vscode here.
import type { Agent, RunOptions } from '../../../src/core/agent/types';
import type { SessionEvent } from '../../../src/core/types/events';
import type { Item } from '../../../src/core/types/items';
import type { ApplyOutcome, StagedChange, StagingArea } from '../../../src/core/staging/types';
import type { Clock } from '../../../src/host/rpc/clock';
import type { Notifier } from '../../../src/host/rpc/outbox';
import type { NotificationMap, NotificationMethod } from '../../../src/protocol/messages';

export class FakeClock implements Clock {
  time = 0;
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private seq = 0;

  now(): number {
    return this.time;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.timers.push({ at: this.time + ms, fn, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }
  /** Moves time forward, firing due timers in order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at || a.id - b.id);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.time = next.at;
      next.fn();
    }
    this.time = end;
  }
  get pending(): number {
    return this.timers.length;
  }
}

export type Sent = { method: NotificationMethod; params: unknown };

export class RecordingNotifier implements Notifier {
  sent: Sent[] = [];
  notify<M extends NotificationMethod>(method: M, params: NotificationMap[M]): void {
    this.sent.push({ method, params });
  }
  methods(): string[] {
    return this.sent.map((s) => s.method);
  }
  of<M extends NotificationMethod>(method: M): NotificationMap[M][] {
    return this.sent.filter((s) => s.method === method).map((s) => s.params as NotificationMap[M]);
  }
}

export function fakeStaging(changes: StagedChange[] = []): StagingArea & { fire(): void; setChanges(c: StagedChange[]): void } {
  const listeners = new Set<() => void>();
  let current = changes;
  const none = async () => {
    throw new Error('not used in host tests');
  };
  return {
    root: '/ws',
    layerDir: '/tmp/layer',
    readFile: async () => undefined,
    stat: async () => undefined,
    readDir: async () => [],
    stagedPaths: async () => [],
    writeFile: none,
    deleteFile: none,
    rename: none,
    changes: async () => current,
    apply: none,
    reject: none,
    applyAll: async () => [],
    discardAll: async () => [],
    takeDecisions: () => [],
    onDidChange(listener) {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
    fire: () => listeners.forEach((l) => l()),
    setChanges: (c) => {
      current = c;
    },
  };
}

/** A turn script: events to yield, or a function of the run's signal (for aborts). */
export type Script = (input: string, options: RunOptions) => AsyncGenerator<SessionEvent>;

export class FakeAgent implements Agent {
  readonly staging = fakeStaging();
  inputs: { text: string; options: RunOptions }[] = [];
  policy: string | undefined;
  model: Record<string, unknown> = {};
  disposed = false;

  constructor(
    readonly sessionId: string,
    private script: Script,
    private readonly initial: Item[] = [],
  ) {}

  setScript(script: Script): void {
    this.script = script;
  }
  items(): readonly Item[] {
    return this.initial;
  }
  /** Holds every item, so nothing is older. */
  async itemsBefore(): Promise<Item[]> {
    return [];
  }
  olderItemCount(): number {
    return 0;
  }
  runStreamed(input: string, options: RunOptions = {}): AsyncGenerator<SessionEvent> {
    this.inputs.push({ text: input, options });
    return this.script(input, options);
  }
  /** Replaced per test; the default fails so an unexpected retry shows. */
  retryStreamed(_options?: RunOptions): AsyncGenerator<SessionEvent> {
    throw new Error('retryStreamed not scripted');
  }
  async run(): Promise<never> {
    throw new Error('not used');
  }
  async retry(): Promise<never> {
    throw new Error('not used');
  }
  async compact(): Promise<void> {}
  changes(): Promise<StagedChange[]> {
    return this.staging.changes();
  }
  apply(path: string, hunkIds?: string[]): Promise<ApplyOutcome> {
    return Promise.resolve({ path, status: 'applied', hunksApplied: hunkIds?.length ?? 1, hunksTotal: 1 });
  }
  reject(path: string, hunkIds?: string[], reason?: string): Promise<ApplyOutcome> {
    return Promise.resolve({ path, status: 'rejected', hunksRejected: hunkIds?.length ?? 1, reason });
  }
  setApprovalPolicy(policy: string): void {
    this.policy = policy;
  }
  setModel(update: Record<string, unknown>): void {
    this.model = { ...this.model, ...update };
  }
  contextUsage() {
    return { contextTokens: 0, contextWindow: 1000 };
  }
  async dispose(): Promise<void> {
    this.disposed = true;
  }
}

/** A script yielding `events` as one turn. */
export function scripted(events: SessionEvent[]): Script {
  return async function* () {
    for (const e of events) yield e;
  };
}

/** Lets pending promise callbacks run. */
export const settle = () => new Promise<void>((r) => setImmediate(r));
