// Owns the open session (one chat view, one open session) and the session history.
// vscode-free: the host passes the core functions, the agent options and a small
// key-value store (workspaceState) for the open session id, so a reloaded window
// restores the session it showed.
// Contract: operations that replace the controller run one after another (a queue),
// so a quick double send or an open during a rebuild never builds two agents.
// Opening a stored session shows it first and builds its agent after: open() resolves
// once the newest items are read (the log's tail, core readSessionPreview), so the
// caller can post that snapshot, and the agent (which parses the whole log) is built
// next in the queue. Until it is ready, state() is that preview and every operation
// that needs the agent (send, retry, whenReady) waits for it; a failed build becomes an
// error item in the chat.
import type { SessionSummary } from '../../protocol/messages';
import type { SessionChannel } from '../rpc/webviewChannel';
import type { Clock } from '../rpc/clock';
import { errorMessage, type Logger } from '../util/log';
import { ApprovalBridge } from './approvalBridge';
import { SNAPSHOT_ITEMS, SessionController, type SessionView } from './sessionController';
import { EMPTY_VIEW, announceBuilt, markOpeningFailed, openingView, type Opening } from './opening';
import type { Agent, AgentOptions, ApprovalPolicy, Attachment, Item, ReasoningEffort, SessionInfo } from '../../core/index';

export interface CoreSessions {
  createAgent(options: AgentOptions): Promise<Agent>;
  listSessions(storageDir: string): Promise<SessionInfo[]>;
  deleteSession(storageDir: string, id: string): Promise<void>;
  /**
   * The newest `limit` items of a stored session, its title and the count of older
   * items, without parsing the whole log. Optional: without it, open() builds the agent
   * before it resolves.
   */
  readSessionPreview?(storageDir: string, id: string, limit: number): Promise<{ items: Item[]; olderItems: number; title?: string }>;
}

export interface StoredValue {
  get(): string | undefined;
  set(value: string | undefined): PromiseLike<void>;
}

export interface SessionManagerDeps {
  core: CoreSessions;
  /** What createAgent needs besides approvals and sessionId; throws a clear error when the agent cannot start. */
  agentOptions(): Promise<Omit<AgentOptions, 'approvals' | 'sessionId'>>;
  storageDir: string;
  /** Sessions of other folders are not listed (undefined: list all). */
  cwd(): string | undefined;
  openSession: StoredValue;
  channel: SessionChannel;
  clock: Clock;
  log: Logger;
  onRunningChanged?: (running: boolean) => void;
}

export class SessionManager {
  private currentController: SessionController | undefined;
  private readonly currentListeners = new Set<() => void>();
  private queue: Promise<unknown> = Promise.resolve();
  private rebuildPending = false;
  private restored = false;
  private opening: Opening | undefined;

  constructor(private readonly deps: SessionManagerDeps) {}

  // Every assignment goes through here so editor features (review, inline diff) can
  // follow the open session's staging area.
  private get controller(): SessionController | undefined {
    return this.currentController;
  }

  private set controller(next: SessionController | undefined) {
    if (next === this.currentController) return;
    this.currentController = next;
    for (const listener of [...this.currentListeners]) {
      try {
        listener();
      } catch (err) {
        this.deps.log.warn(`session change listener failed: ${errorMessage(err)}`);
      }
    }
  }

  /** Fires after the open session was replaced, opened or closed (read `current`). */
  onDidChangeCurrent(listener: () => void): { dispose(): void } {
    this.currentListeners.add(listener);
    return { dispose: () => this.currentListeners.delete(listener) };
  }

  /**
   * Closes the open session and starts a new one without sending anything (focused
   * sessions: "Fix with Tandem", "Explain this"). readOnly: the new agent may only read,
   * for this session only.
   */
  startNew(options: { readOnly?: boolean } = {}): Promise<SessionController> {
    return this.serial(async () => {
      // replace() builds from the current options, so a pending rebuild is moot.
      const controller = await this.replace(undefined);
      if (options.readOnly) controller.agent.setApprovalPolicy('read-only');
      return controller;
    });
  }

  get current(): SessionController | undefined {
    return this.controller;
  }

  state(): SessionView {
    if (this.controller) return this.controller.state();
    return this.opening ? openingView(this.opening) : { ...EMPTY_VIEW };
  }

  /**
   * The open session's controller once everything queued before this call (an opening
   * session's agent build included) has run; undefined when no session is open.
   */
  whenReady(): Promise<SessionController | undefined> {
    return this.serial(async () => this.controller);
  }

  /** Reopens the session a previous window showed (once; failures are logged, not shown). */
  restore(): Promise<void> {
    if (this.restored) return this.queue.then(() => undefined);
    this.restored = true;
    return this.serial(async () => {
      const id = this.deps.openSession.get();
      if (!id || this.controller) return;
      try {
        await this.replace(id);
      } catch (err) {
        this.deps.log.warn(`could not reopen session ${id}: ${errorMessage(err)}`);
      }
    });
  }

  async send(text: string, attachments?: Attachment[]): Promise<void> {
    const controller = await this.serial(() => this.ensureController());
    await controller.send(text, attachments);
  }

  /** The open session's controller, starting a session if none is open (queue, images). */
  ensure(): Promise<SessionController> {
    return this.serial(() => this.ensureController());
  }

  async retry(): Promise<void> {
    const controller = await this.serial(() => this.ensureController());
    controller.retry();
  }

  stop(): void {
    this.controller?.stop();
  }

  newSession(): Promise<void> {
    return this.serial(async () => {
      const old = this.controller;
      this.controller = undefined;
      this.opening = undefined;
      await this.deps.openSession.set(undefined);
      await old?.dispose();
    });
  }

  /**
   * Opens a stored session. With core.readSessionPreview, resolves once its newest items
   * are in state() (post the snapshot then); its agent is built right after, before any
   * operation queued later runs.
   */
  open(sessionId: string): Promise<void> {
    const readPreview = this.deps.core.readSessionPreview?.bind(this.deps.core);
    if (!readPreview) {
      return this.serial(async () => {
        if (this.controller?.sessionId === sessionId) return;
        await this.replace(sessionId);
      });
    }
    const shown = this.serial(async () => {
      if (this.controller?.sessionId === sessionId || (this.opening?.sessionId === sessionId && !this.opening.failed)) return undefined;
      const preview = await readPreview(this.deps.storageDir, sessionId, SNAPSHOT_ITEMS);
      const old = this.controller;
      // Close the old session first: its agent must not outlive the switch.
      this.controller = undefined;
      const opening: Opening = { sessionId, items: preview.items, olderItems: preview.olderItems, ...(preview.title !== undefined ? { title: preview.title } : {}) };
      this.opening = opening;
      await this.deps.openSession.set(sessionId);
      await old?.dispose();
      return opening;
    });
    // Queued now, in the same tick, so nothing queued after this open runs before the build.
    void this.serial(async () => {
      const opening = await shown.catch(() => undefined);
      if (opening) await this.build(opening);
    });
    return shown.then(() => undefined);
  }

  delete(sessionId: string): Promise<void> {
    return this.serial(async () => {
      // the shown session: its controller, or its preview when its agent could not be built
      if (this.opening?.sessionId === sessionId) {
        this.opening = undefined;
        await this.deps.openSession.set(undefined);
      }
      if (this.controller?.sessionId === sessionId) {
        const old = this.controller;
        this.controller = undefined;
        await this.deps.openSession.set(undefined);
        await old.dispose();
      }
      await this.deps.core.deleteSession(this.deps.storageDir, sessionId);
      await this.publishSessions();
    });
  }

  async list(): Promise<SessionSummary[]> {
    const cwd = this.deps.cwd();
    const infos = await this.deps.core.listSessions(this.deps.storageDir);
    return infos
      .filter((s) => cwd === undefined || s.cwd === cwd)
      .sort((a, b) => b.updatedAt - a.updatedAt)
      .map(({ id, title, createdAt, updatedAt, items }) => ({ id, title, createdAt, updatedAt, items }));
  }

  /** Settings that the agent cannot take live changed (provider, key, trust): rebuild it when idle. */
  invalidate(): void {
    this.rebuildPending = true;
    if (this.controller && !this.controller.running) void this.serial(() => this.rebuildIfPending()).catch(() => undefined);
  }

  applyLive(update: { model?: string; reasoningEffort?: ReasoningEffort; approvalPolicy?: ApprovalPolicy }): void {
    const agent = this.controller?.agent;
    if (!agent) return;
    if (update.model !== undefined || update.reasoningEffort !== undefined) {
      agent.setModel({
        ...(update.model !== undefined ? { model: update.model } : {}),
        ...(update.reasoningEffort !== undefined ? { reasoningEffort: update.reasoningEffort } : {}),
      });
    }
    if (update.approvalPolicy) agent.setApprovalPolicy(update.approvalPolicy);
  }

  async dispose(): Promise<void> {
    const old = this.controller;
    this.controller = undefined;
    this.opening = undefined;
    await old?.dispose();
  }

  private async ensureController(): Promise<SessionController> {
    await this.rebuildIfPending();
    if (this.controller) return this.controller;
    const stored = this.deps.openSession.get();
    if (stored) {
      try {
        return await this.replace(stored);
      } catch (err) {
        this.deps.log.warn(`could not reopen session ${stored}, starting a new one: ${errorMessage(err)}`);
      }
    }
    return this.replace(undefined);
  }

  private async rebuildIfPending(): Promise<void> {
    if (!this.rebuildPending || this.controller?.running) return;
    this.rebuildPending = false;
    const old = this.controller;
    if (!old) return;
    // Dispose first: two agents must never append to the same session file.
    this.controller = undefined;
    await old.dispose();
    try {
      await this.replace(old.sessionId);
    } catch (err) {
      this.deps.log.warn(`could not rebuild session ${old.sessionId}: ${errorMessage(err)}`);
    }
  }

  /**
   * Builds the agent of the session open() shows, after its snapshot went out. Failures
   * become an error item (the session stays shown; the next send retries the build,
   * then falls back to a new session, as ensureController does).
   */
  private async build(opening: Opening): Promise<void> {
    // Let the open request's response (the snapshot) be posted before the heavy part.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.opening !== opening) return;
    try {
      const controller = await this.replace(opening.sessionId);
      // The snapshot had what the log's tail holds; tell the view what the agent adds.
      announceBuilt(opening, controller.state(), this.deps.channel);
    } catch (err) {
      if (this.opening !== opening) return;
      const message = `Could not open this session: ${errorMessage(err)}`;
      this.deps.log.warn(message);
      markOpeningFailed(opening, message, this.deps.channel, this.deps.clock);
    }
  }

  /** Builds a controller for `sessionId` (or a new session) and makes it current. */
  private async replace(sessionId: string | undefined): Promise<SessionController> {
    const { deps } = this;
    const options = await deps.agentOptions();
    const approvals = new ApprovalBridge(deps.channel);
    const agent = await deps.core.createAgent({ ...options, approvals, ...(sessionId ? { sessionId } : {}) });
    const controller: SessionController = new SessionController({
      agent,
      approvals,
      channel: deps.channel,
      clock: deps.clock,
      log: deps.log,
      onRunningChanged: deps.onRunningChanged,
      onTitleChanged: () => {
        if (this.controller === controller) void this.publishSessions();
      },
      onTurnEnded: () => {
        if (this.controller !== controller) return;
        void this.publishSessions();
        if (this.rebuildPending) void this.serial(() => this.rebuildIfPending()).catch(() => undefined);
      },
    });
    const old = this.controller;
    this.opening = undefined;
    this.controller = controller;
    // Rebuilding mid-turn is deferred, so the new controller starts idle.
    this.rebuildPending = false;
    await deps.openSession.set(agent.sessionId);
    await old?.dispose();
    return controller;
  }

  private async publishSessions(): Promise<void> {
    try {
      this.deps.channel.notify('sessions/updated', { sessions: await this.list() });
    } catch (err) {
      this.deps.log.warn(`could not list sessions: ${errorMessage(err)}`);
    }
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
