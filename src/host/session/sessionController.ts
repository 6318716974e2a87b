// One open session: wraps the core Agent, runs turns, and forwards the agent's events
// to the webview (streamed text through the shared DeltaBatcher). vscode-free.
// Contract:
// - One turn at a time; send() while running is refused with a clear error.
// - Every turn that send()/retry() starts ends with exactly one `turn/ended`, even when
//   the core throws instead of yielding `turn/failed` (the host then adds an error item).
// - item/completed of a streamed item carries only the text the webview lacks (its
//   pending tail, usually '') with `streamed: true`; see completion.ts. No delta of an
//   item follows its item/completed.
// - `session/updated` tells the webview the title as soon as the first user message
//   names the session (the core derives the same title for the history list).
import type { ChangedFileSummary, Snapshot } from '../../protocol/messages';
import type { Item } from '../../protocol/items';
import type { DeltaBatcher } from '../rpc/batcher';
import type { Notifier } from '../rpc/outbox';
import { debounce, type Clock } from '../rpc/clock';
import { errorMessage, type Logger } from '../util/log';
import type { ApprovalBridge } from './approvalBridge';
import { ItemsModel } from './itemsModel';
import { summarizeChange } from './changes';
import { completionParams } from './completion';
import type { Agent, Attachment, ErrorItem, SessionEvent } from '../../core/index';

export interface SessionControllerDeps {
  agent: Agent;
  approvals: ApprovalBridge;
  notifier: Notifier;
  batcher: DeltaBatcher;
  clock: Clock;
  log: Logger;
  /** Called when a turn ends (the session list changed; a deferred rebuild may run). */
  onTurnEnded?: () => void;
  /** Called when `running` flips (the host sets a context key for keybindings). */
  onRunningChanged?: (running: boolean) => void;
  /** Called when the session's title became known or changed (refresh the history list). */
  onTitleChanged?: (title: string) => void;
}

/** What a snapshot shows of the open session (everything but what the host adds); no session: no id. */
export type SessionView = Omit<Snapshot, 'protocolVersion' | 'config'>;

/** An open session's view; `items` are the newest SNAPSHOT_ITEMS at most. */
export type SessionState = SessionView & { sessionId: string };

const CHANGES_DEBOUNCE_MS = 150;
/**
 * Items a snapshot carries: the newest ones only, so opening a 5,000-item session posts
 * a few hundred KB instead of ~16 MB; the webview pages older ones in as the reader
 * scrolls up. Plenty to fill the view and the last turns.
 */
export const SNAPSHOT_ITEMS = 200;

export class SessionController {
  private readonly model: ItemsModel;
  private abort: AbortController | undefined;
  /** The last turn failed (turns start only from send() and retry(), so there is a message to retry). */
  private lastFailed = false;
  private usage: { contextTokens: number; contextWindow: number } | undefined;
  private changes: ChangedFileSummary[] = [];
  private readonly stagingSub: { dispose(): void };
  private readonly refreshChangesSoon: ReturnType<typeof debounce>;
  private disposed = false;
  private title: string | undefined;
  /** Settles when the running turn has ended (resolved immediately when idle). */
  private turnDone: Promise<void> = Promise.resolve();

  constructor(private readonly deps: SessionControllerDeps) {
    this.model = new ItemsModel(deps.agent.items());
    this.title = this.model.title();
    const usage = deps.agent.contextUsage();
    if (usage.contextTokens > 0) this.usage = usage;
    this.refreshChangesSoon = debounce(deps.clock, CHANGES_DEBOUNCE_MS, () => void this.refreshChanges());
    this.stagingSub = deps.agent.staging.onDidChange(() => this.refreshChangesSoon());
    void this.refreshChanges();
  }

  get sessionId(): string {
    return this.deps.agent.sessionId;
  }

  get agent(): Agent {
    return this.deps.agent;
  }

  get running(): boolean {
    return this.abort !== undefined;
  }

  get canRetry(): boolean {
    return !this.running && this.lastFailed;
  }

  state(): SessionState {
    const { items, olderItems } = this.model.newest(SNAPSHOT_ITEMS);
    return {
      sessionId: this.sessionId,
      title: this.model.title(),
      items: items as Item[],
      olderItems,
      running: this.running,
      approvals: this.deps.approvals.list(),
      changes: this.changes,
      ...(this.usage ? { usage: this.usage } : {}),
    };
  }

  /** Items older than `before` (see ItemsModel.before); throws a clear error for an unknown id. */
  itemsBefore(before: string, limit: number): { items: Item[]; olderItems: number } {
    const page = this.model.before(before, limit);
    if (!page) throw new Error(`This session has no item "${before}".`);
    return { items: page.items as Item[], olderItems: page.olderItems };
  }

  send(text: string, attachments?: Attachment[]): void {
    if (this.disposed) throw new Error('This session was closed.');
    if (this.running) throw new Error('A turn is already running. Stop it first.');
    if (!text.trim() && !attachments?.length) throw new Error('Type a message first.');
    const options = attachments ? { attachments } : {};
    this.turnDone = this.runTurn((signal) => this.deps.agent.runStreamed(text, { ...options, signal }));
  }

  /** Asks the model again after a failed turn, without sending the user message twice. */
  retry(): void {
    if (this.disposed) throw new Error('This session was closed.');
    if (this.running) throw new Error('A turn is already running.');
    if (!this.lastFailed) throw new Error('There is no failed turn to retry.');
    this.turnDone = this.runTurn((signal) => this.deps.agent.retryStreamed({ signal }));
  }

  /** Answers a pending approval; false when it is no longer pending. */
  respondApproval(requestId: string, decision: 'allow_once' | 'allow_session' | 'deny', reason?: string): boolean {
    return this.deps.approvals.respond(requestId, decision, reason);
  }

  stop(): void {
    this.abort?.abort();
  }

  /** Settles when the current turn (if any) has ended. */
  whenIdle(): Promise<void> {
    return this.turnDone;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.stop();
    this.deps.approvals.denyAll('the session was closed');
    await this.turnDone.catch(() => undefined);
    this.stagingSub.dispose();
    this.refreshChangesSoon.cancel();
    await this.deps.agent.dispose();
  }

  private async runTurn(start: (signal: AbortSignal) => AsyncGenerator<SessionEvent>): Promise<void> {
    const abort = new AbortController();
    this.abort = abort;
    this.lastFailed = false;
    this.deps.onRunningChanged?.(true);
    const turn = { id: undefined as string | undefined, ended: false };
    try {
      for await (const event of start(abort.signal)) this.onEvent(event, turn);
    } catch (err) {
      this.deps.log.error(`turn failed: ${errorMessage(err)}`);
      if (turn.ended) {
        // already ended: nothing more to tell the webview
      } else if (abort.signal.aborted) {
        turn.ended = true;
        this.deps.batcher.flushAll();
        this.deps.notifier.notify('turn/ended', { turnId: turn.id ?? 'unknown', status: 'aborted' });
      } else {
        this.failTurn(turn, errorMessage(err), true);
      }
    } finally {
      this.deps.batcher.flushAll();
      if (!turn.ended) {
        // The core ended the stream without a terminal event (contract breach): still end it.
        this.deps.notifier.notify('turn/ended', { turnId: turn.id ?? 'unknown', status: abort.signal.aborted ? 'aborted' : 'failed' });
        if (!abort.signal.aborted) this.lastFailed = true;
      }
      this.abort = undefined;
      this.deps.onRunningChanged?.(false);
      this.deps.onTurnEnded?.();
    }
  }

  private onEvent(event: SessionEvent, turn: { id: string | undefined; ended: boolean }): void {
    const { notifier, batcher } = this.deps;
    switch (event.type) {
      case 'session/started':
        return;
      case 'turn/started':
        turn.id = event.turnId;
        notifier.notify('turn/started', { turnId: event.turnId });
        return;
      case 'item/started':
        this.model.upsert(event.item);
        notifier.notify('item/started', { item: event.item as Item });
        if (event.item.type === 'user_message') this.updateTitle();
        return;
      case 'item/updated': {
        const text = this.model.applyDelta(event.itemId, event.delta);
        if (text !== undefined) batcher.push(event.itemId, text);
        return;
      }
      case 'item/completed': {
        const previous = this.model.get(event.item.id);
        const tail = batcher.take(event.item.id);
        this.model.upsert(event.item);
        notifier.notify('item/completed', completionParams(previous, event.item, tail));
        return;
      }
      case 'usage/updated':
        this.usage = { contextTokens: event.contextTokens, contextWindow: event.contextWindow };
        notifier.notify('usage/updated', this.usage);
        return;
      case 'turn/completed':
        batcher.flushAll();
        turn.ended = true;
        notifier.notify('turn/ended', { turnId: event.turnId, status: event.aborted ? 'aborted' : 'completed' });
        return;
      case 'turn/failed':
        turn.id = event.turnId;
        this.failTurn(turn, event.error.message, event.error.retryable ?? true);
        return;
    }
  }

  private updateTitle(): void {
    const title = this.model.title();
    if (title === undefined || title === this.title) return;
    this.title = title;
    this.deps.notifier.notify('session/updated', { sessionId: this.sessionId, title });
    this.deps.onTitleChanged?.(title);
  }

  /** Ends a failed turn; adds an error item unless the core already reported one. */
  private failTurn(turn: { id: string | undefined; ended: boolean }, message: string, retryable: boolean): void {
    const { notifier, batcher } = this.deps;
    batcher.flushAll();
    const turnId = turn.id ?? `host-turn-${this.deps.clock.now()}`;
    const reported = this.model.all().some((i) => i.type === 'error' && i.turnId === turnId);
    if (!reported) {
      const item: ErrorItem = { id: `${turnId}-host-error`, turnId, type: 'error', message, retryable };
      this.model.upsert(item);
      notifier.notify('item/started', { item });
      notifier.notify('item/completed', { item });
    }
    this.lastFailed = true;
    turn.ended = true;
    notifier.notify('turn/ended', { turnId, status: 'failed' });
  }

  private async refreshChanges(): Promise<void> {
    if (this.disposed) return;
    try {
      const changes = (await this.deps.agent.changes()).map(summarizeChange);
      if (this.disposed) return;
      this.changes = changes;
      this.deps.notifier.notify('changes/updated', { changes });
    } catch (err) {
      this.deps.log.warn(`could not list staged changes: ${errorMessage(err)}`);
    }
  }
}
