// Small fakes for the host's vscode-free modules: a manual clock, a notifier that
// records, and a scripted Agent. No vscode here.
import type { Agent, RunOptions } from '../../../src/core/agent/types';
import type { SessionEvent } from '../../../src/core/types/events';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Attachment, ImageAttachment, ImageRef, Item, QueuedMessage } from '../../../src/core/types/items';
import { SessionImages } from '../../../src/core/images/store';
import { PendingInputs, type QueuedUpdate } from '../../../src/core/agent/pendingInputs';
import type { ApplyOutcome, RevertOutcome, StagedChange, StagingArea, UndoResult } from '../../../src/core/staging/types';
import type { Clock } from '../../../src/host/rpc/clock';
import type { SessionChannel } from '../../../src/host/rpc/webviewChannel';
import type { NotificationMap, NotificationMethod } from '../../../src/protocol/messages';
import { applyItemUpdate } from '../../../src/protocol/itemUpdate';

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

export type Sent = { method: NotificationMethod | 'item/updated'; params: unknown };

/**
 * Records what a session tells the webview: host notifications, and session events under
 * their own names (the events' params, as a channel would send them; item/updated
 * unbatched, with the delta's text).
 */
export class RecordingNotifier implements SessionChannel {
  sent: Sent[] = [];
  notify<M extends NotificationMethod>(method: M, params: NotificationMap[M]): void {
    this.sent.push({ method, params });
  }
  event(event: SessionEvent): void {
    if (event.type === 'session/started') return;
    const { type, ...params } = event;
    this.sent.push({ method: type, params });
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
    stageBatch: none,
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
    initial: Item[] = [],
  ) {
    this.list = [...initial];
  }

  private readonly list: Item[];
  private readonly listeners = new Set<(e: SessionEvent) => void>();
  private titleText: string | undefined;

  setScript(script: Script): void {
    this.script = script;
  }
  items(): readonly Item[] {
    return this.list;
  }
  title(): string | undefined {
    return this.titleText;
  }
  async subagentItems(): Promise<readonly Item[]> {
    return [];
  }
  async stopSubagent(): Promise<void> {}
  subscribe(listener: (e: SessionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
  /**
   * Items "in the log only" (older than items()), as a real agent's window leaves them:
   * set by tests of paging; empty by default (the agent holds every item).
   */
  logOnly: Item[] = [];
  /** As the real agent (Agent.itemsBefore): the page before `beforeId`, never an item items() holds. */
  async itemsBefore(beforeId: string, limit: number): Promise<Item[]> {
    const all = [...this.logOnly, ...this.list];
    const at = all.findIndex((i) => i.id === beforeId);
    if (at < 0) throw new Error(`No item "${beforeId}" in this session.`);
    return all.slice(Math.max(0, Math.min(at, this.logOnly.length) - limit), Math.min(at, this.logOnly.length));
  }
  olderItemCount(): number {
    return this.logOnly.length;
  }
  runStreamed(input: string, options: RunOptions = {}): AsyncGenerator<SessionEvent> {
    this.inputs.push({ text: input, options });
    return this.deliver(this.script(input, options));
  }
  /** As the real agent: items() reflects each event, and listeners see it, before it is yielded. */
  protected async *deliver(events: AsyncGenerator<SessionEvent>): AsyncGenerator<SessionEvent> {
    for await (const e of events) {
      this.record(e);
      for (const l of [...this.listeners]) l(e);
      yield e;
    }
  }
  private record(e: SessionEvent): void {
    if (e.type === 'session/updated') this.titleText = e.title;
    if (e.type !== 'item/started' && e.type !== 'item/completed' && e.type !== 'item/updated') return;
    const id = e.type === 'item/updated' ? e.itemId : e.item.id;
    const at = this.list.findIndex((i) => i.id === id);
    if (e.type === 'item/updated') {
      const next = at >= 0 ? applyItemUpdate(this.list[at], e.delta) : undefined;
      if (next) this.list[at] = next;
    } else if (at >= 0) this.list[at] = e.item;
    else this.list.push(e.item);
  }
  /** Replaced per test (retryScript); the default fails so an unexpected retry shows. */
  retryScript: Script | undefined;
  retryStreamed(options: RunOptions = {}): AsyncGenerator<SessionEvent> {
    if (!this.retryScript) throw new Error('retryStreamed not scripted');
    return this.deliver(this.retryScript('', options));
  }
  async run(): Promise<never> {
    throw new Error('not used');
  }
  async retry(): Promise<never> {
    throw new Error('not used');
  }
  async compact(): Promise<void> {}
  /** The real waiting list (pendingInputs.ts) without a log. */
  readonly pending = new PendingInputs([], {
    persist: () => {},
    changed: (messages) => {
      const e: SessionEvent = { type: 'queue/updated', messages };
      for (const l of [...this.listeners]) l(e);
    },
    newId: () => `msg_${++this.ids}`,
  });
  private ids = 0;
  async steer(text: string, options: { attachments?: Attachment[] } = {}): Promise<QueuedMessage> {
    return this.pending.add(text, options.attachments, 'steer');
  }
  async queue(text: string, options: { attachments?: Attachment[] } = {}): Promise<QueuedMessage> {
    return this.pending.add(text, options.attachments, 'queue');
  }
  queued(): readonly QueuedMessage[] {
    return this.pending.visible();
  }
  async updateQueued(id: string, update: QueuedUpdate): Promise<QueuedMessage> {
    return this.pending.update(id, update);
  }
  async removeQueued(id: string): Promise<void> {
    this.pending.remove(id);
  }
  async moveQueued(id: string, index: number): Promise<void> {
    this.pending.move(id, index);
  }
  /** Runs the first queued message through the turn script (the script sees its text). */
  runQueuedStreamed(options: RunOptions = {}): AsyncGenerator<SessionEvent> {
    const next = this.pending.takeNextQueued();
    if (!next) throw new Error('No message is queued.');
    this.pending.consumed([next.id]);
    return this.runStreamed(next.text, { ...options, attachments: next.attachments });
  }
  async runQueued(): Promise<never> {
    throw new Error('not used');
  }
  /** The real image store, in a temporary folder. */
  private images: SessionImages | undefined;
  private imageStore(): SessionImages {
    this.images ??= new SessionImages(mkdtempSync(path.join(os.tmpdir(), 'tandem-fake-images-')));
    return this.images;
  }
  addImage(bytes: Uint8Array, name?: string): Promise<ImageAttachment> {
    return this.imageStore().add(bytes, name);
  }
  imageDataUrl(ref: ImageRef): Promise<string> {
    return this.imageStore().dataUrl(ref);
  }
  /** Turn ids undone / reverted, and what they answer (set per test). */
  readonly undone: string[] = [];
  readonly reverted: string[] = [];
  undoResult: UndoResult = { restored: [], applied: [] };
  revertResult: RevertOutcome[] = [];
  async undoTurn(turnId: string): Promise<UndoResult> {
    this.undone.push(turnId);
    return this.undoResult;
  }
  async revertTurn(turnId: string): Promise<RevertOutcome[]> {
    this.reverted.push(turnId);
    return this.revertResult;
  }
  skills(): [] {
    return [];
  }
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
