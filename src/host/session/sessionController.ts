// One open session: wraps the core Agent, runs turns, and passes the agent's events to
// the webview channel as they happen. vscode-free.
// Contract:
// - One turn at a time; send() while running is refused with a clear error.
// - Events reach the channel synchronously (Agent.subscribe), so a snapshot built from
//   state() (which reads Agent.items()) always agrees with the events already passed on.
//   The host keeps no copy of the items: the agent's list is the one copy.
// - Every turn that send()/retry() starts ends with exactly one `turn/completed` or
//   `turn/failed`, even when the core throws instead of yielding `turn/failed` (the host
//   then adds an error item of its own).
import * as l10n from '@vscode/l10n';
import type { Agent, Attachment, ErrorItem, ImageAttachment, Item, QueuedMessage, RevertOutcome, SessionEvent, UndoResult, Usage } from '../../core/index';
import type { ChangedFileSummary, Snapshot } from '../../protocol/messages';
import type { SessionChannel } from '../rpc/webviewChannel';
import { debounce, type Clock } from '../rpc/clock';
import { errorMessage, type Logger } from '../util/log';
import type { ApprovalBridge } from './approvalBridge';
import { summarizeChange } from './changes';
import { itemsBefore, newestItems } from './itemPages';

export interface SessionControllerDeps {
  agent: Agent;
  approvals: ApprovalBridge;
  channel: SessionChannel;
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

/** Page starts whose position is remembered (the webview pages back from the last one). */
const POSITIONS = 64;

const NO_USAGE: Usage = { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, reasoningTokens: 0 };

interface TurnState {
  id: string | undefined;
  ended: boolean;
}

export class SessionController {
  private abort: AbortController | undefined;
  /** The running turn, as far as its events told. */
  private turn: TurnState | undefined;
  /** The last turn failed (turns start only from send() and retry(), so there is a message to retry). */
  private lastFailed = false;
  private usage: { contextTokens: number; contextWindow: number } | undefined;
  private changes: ChangedFileSummary[] = [];
  /** Item id -> items before it, for the first item of each snapshot and page handed out. */
  private readonly positions = new Map<string, number>();
  /** Error items the host added when the core failed without reporting (rare): shown after the agent's. */
  private readonly hostItems: Item[] = [];
  private readonly unsubscribe: () => void;
  private readonly stagingSub: { dispose(): void };
  private readonly refreshChangesSoon: ReturnType<typeof debounce>;
  private disposed = false;
  /** Settles when the running turn has ended (resolved immediately when idle). */
  private turnDone: Promise<void> = Promise.resolve();

  constructor(private readonly deps: SessionControllerDeps) {
    const usage = deps.agent.contextUsage();
    if (usage.contextTokens > 0) this.usage = usage;
    this.unsubscribe = deps.agent.subscribe((event) => this.onEvent(event));
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

  /** See SessionChannel.hold: for responses built from the agent's state right now. */
  holdEvents(requestId: number): void {
    this.deps.channel.hold?.(requestId);
  }

  get running(): boolean {
    return this.abort !== undefined;
  }

  get canRetry(): boolean {
    return !this.running && this.lastFailed;
  }

  state(): SessionState {
    const page = newestItems(this.items(), SNAPSHOT_ITEMS);
    // the agent holds only its recent items; older ones are in its log
    const olderItems = page.olderItems + this.deps.agent.olderItemCount();
    if (page.items.length > 0) this.rememberPosition(page.items[0].id, olderItems);
    const title = this.deps.agent.title();
    return {
      sessionId: this.sessionId,
      ...(title !== undefined ? { title } : {}),
      items: page.items,
      olderItems,
      running: this.running,
      approvals: this.deps.approvals.list(),
      changes: this.changes,
      ...(this.usage ? { usage: this.usage } : {}),
      queued: [...this.deps.agent.queued()],
    };
  }

  /**
   * Up to `limit` items just before the item `before`, and how many precede them: from
   * the agent's recent items, then from its session log (Agent.itemsBefore); rejects with
   * a clear error for an unknown id.
   */
  async itemsBefore(before: string, limit: number): Promise<{ items: Item[]; olderItems: number }> {
    // read together, synchronously: the window may move while the log is read
    const held = this.items();
    const olderThanHeld = this.deps.agent.olderItemCount();
    const local = itemsBefore(held, before, limit);
    let page: { items: Item[]; olderItems: number };
    if (local) {
      page = { items: local.items, olderItems: local.olderItems + olderThanHeld };
      const need = limit - local.items.length;
      if (need > 0 && olderThanHeld > 0) {
        const fromLog = await this.deps.agent.itemsBefore(held[0].id, need);
        page = { items: [...fromLog, ...local.items], olderItems: olderThanHeld - fromLog.length };
      }
    } else {
      // an item of an earlier page (or one the window has let go since): read the log
      const fromLog = await this.deps.agent.itemsBefore(before, limit).catch(() => {
        throw new Error(l10n.t('This session has no item "{0}".', before));
      });
      const at = this.positions.get(before);
      // a page that starts where we never handed one out: exact when it reaches the start
      const olderItems = at !== undefined ? at - fromLog.length : fromLog.length < limit ? 0 : Math.max(1, olderThanHeld - fromLog.length);
      page = { items: fromLog, olderItems: Math.max(0, olderItems) };
    }
    if (page.items.length > 0) this.rememberPosition(page.items[0].id, page.olderItems);
    return page;
  }

  /** How many items precede an item we handed out first in a snapshot or page (a few, newest kept). */
  private rememberPosition(id: string, older: number): void {
    this.positions.delete(id);
    this.positions.set(id, older);
    if (this.positions.size > POSITIONS) this.positions.delete(this.positions.keys().next().value as string);
  }

  /** Starts a turn; while one runs the message is queued instead (never refused, never lost). */
  async send(text: string, attachments?: Attachment[]): Promise<void> {
    if (this.disposed) throw new Error(l10n.t('This session was closed.'));
    if (!text.trim() && !attachments?.length) throw new Error(l10n.t('Type a message first.'));
    if (this.running) {
      await this.queue(text, attachments, 'queue');
      return;
    }
    const options = attachments ? { attachments } : {};
    this.turnDone = this.runTurn((signal) => this.deps.agent.runStreamed(text, { ...options, signal }));
  }

  /**
   * A message for the agent while it works (Agent.steer / Agent.queue): resolves once it
   * is in the session log. With no turn running, the queue starts now.
   */
  async queue(text: string, attachments: Attachment[] | undefined, mode: 'queue' | 'steer'): Promise<QueuedMessage> {
    if (this.disposed) throw new Error(l10n.t('This session was closed.'));
    const options = attachments?.length ? { attachments } : {};
    const message = mode === 'steer' ? await this.deps.agent.steer(text, options) : await this.deps.agent.queue(text, options);
    this.runQueued();
    return message;
  }

  /** Runs the queued messages when no turn runs (a no-op otherwise, or with none queued). */
  runQueued(): void {
    if (this.disposed || this.running || !this.deps.agent.queued().some((m) => m.mode === 'queue')) return;
    this.turnDone = this.runTurn((signal) => this.deps.agent.runQueuedStreamed({ signal }));
  }

  /** Undo a turn's staged changes; refused while a turn runs (the agent says so). */
  async undoTurn(turnId: string): Promise<UndoResult> {
    const result = await this.deps.agent.undoTurn(turnId);
    await this.refreshChanges();
    return result;
  }

  /** Writes back applied changes since the turn, three-way through the host's Workspace (WorkspaceEdit). */
  async revertTurn(turnId: string): Promise<RevertOutcome[]> {
    const outcomes = await this.deps.agent.revertTurn(turnId);
    await this.refreshChanges();
    return outcomes;
  }

  /** Stores an image in the session: pasted bytes, or a file of the staged view. */
  async addImage(source: { data?: string; name?: string; path?: string }): Promise<{ attachment: ImageAttachment; url: string }> {
    const agent = this.deps.agent;
    let bytes: Uint8Array | undefined;
    if (source.path !== undefined) {
      bytes = await agent.staging.readFile(source.path);
      if (!bytes) throw new Error(l10n.t('No such file: {0}', source.path));
    } else if (source.data !== undefined) bytes = new Uint8Array(Buffer.from(source.data, 'base64'));
    if (!bytes?.length) throw new Error(l10n.t('The image is empty.'));
    const attachment = await agent.addImage(bytes, source.path ?? source.name);
    return { attachment, url: await agent.imageDataUrl(attachment) };
  }

  /** Asks the model again after a failed turn, without sending the user message twice. */
  retry(): void {
    if (this.disposed) throw new Error(l10n.t('This session was closed.'));
    if (this.running) throw new Error(l10n.t('A turn is already running.'));
    if (!this.lastFailed) throw new Error(l10n.t('There is no failed turn to retry.'));
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
    this.unsubscribe();
    this.stagingSub.dispose();
    this.refreshChangesSoon.cancel();
    await this.deps.agent.dispose();
  }

  private items(): readonly Item[] {
    const agentItems = this.deps.agent.items();
    return this.hostItems.length === 0 ? agentItems : [...agentItems, ...this.hostItems];
  }

  /** Drives one turn's stream; its events arrive through onEvent as they happen. */
  private async runTurn(start: (signal: AbortSignal) => AsyncGenerator<SessionEvent>): Promise<void> {
    const abort = new AbortController();
    this.abort = abort;
    this.lastFailed = false;
    this.deps.onRunningChanged?.(true);
    const turn: TurnState = { id: undefined, ended: false };
    this.turn = turn;
    try {
      for await (const _event of start(abort.signal)) {
        // handled in onEvent (the subscription), synchronously with the agent's state
      }
    } catch (err) {
      this.deps.log.error(`turn failed: ${errorMessage(err)}`);
      if (!turn.ended) {
        if (abort.signal.aborted) this.endTurn(turn, { type: 'turn/completed', turnId: turn.id ?? 'unknown', usage: NO_USAGE, aborted: true });
        else this.failTurn(turn, errorMessage(err));
      }
    } finally {
      if (!turn.ended) {
        // The core ended the stream without a terminal event (contract breach): still end it.
        const turnId = turn.id ?? 'unknown';
        if (abort.signal.aborted) this.endTurn(turn, { type: 'turn/completed', turnId, usage: NO_USAGE, aborted: true });
        else this.endTurn(turn, { type: 'turn/failed', turnId, error: { message: l10n.t('The turn ended without a result.'), retryable: true } });
      }
      this.turn = undefined;
      this.abort = undefined;
      this.deps.onRunningChanged?.(false);
      this.deps.onTurnEnded?.();
      // a message queued as the turn ended: it goes now (a stop or a failure keeps the queue)
      if (!abort.signal.aborted && !this.lastFailed) this.runQueued();
    }
  }

  private onEvent(event: SessionEvent): void {
    const turn = this.turn;
    switch (event.type) {
      case 'turn/started':
        if (turn) turn.id = event.turnId;
        break;
      case 'usage/updated':
        this.usage = { contextTokens: event.contextTokens, contextWindow: event.contextWindow };
        break;
      case 'turn/completed':
      case 'turn/failed':
        if (turn) turn.ended = true;
        if (event.type === 'turn/failed') this.lastFailed = true;
        break;
      case 'session/updated':
        this.deps.onTitleChanged?.(event.title);
        break;
      default:
        break;
    }
    this.deps.channel.event(event);
  }

  private endTurn(turn: TurnState, event: Extract<SessionEvent, { type: 'turn/completed' | 'turn/failed' }>): void {
    turn.ended = true;
    if (event.type === 'turn/failed') this.lastFailed = true;
    this.deps.channel.event(event);
  }

  /** Ends a turn the core could not end itself, with an error item saying why. */
  private failTurn(turn: TurnState, message: string): void {
    const turnId = turn.id ?? `host-turn-${this.deps.clock.now()}`;
    const item: ErrorItem = { id: `${turnId}-host-error`, turnId, type: 'error', message, retryable: true };
    this.hostItems.push(item);
    this.deps.channel.event({ type: 'item/started', item });
    this.deps.channel.event({ type: 'item/completed', item });
    this.endTurn(turn, { type: 'turn/failed', turnId, error: { message, retryable: true } });
  }

  private async refreshChanges(): Promise<void> {
    if (this.disposed) return;
    try {
      const changes = (await this.deps.agent.changes()).map(summarizeChange);
      if (this.disposed) return;
      this.changes = changes;
      this.deps.channel.notify('changes/updated', { changes });
    } catch (err) {
      this.deps.log.warn(`could not list staged changes: ${errorMessage(err)}`);
    }
  }
}
