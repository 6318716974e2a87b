// The open session's staged changes, kept current for the editor features (status bar,
// inline diff, CodeLens, editable staged files). vscode-free.
// Contract: follows SessionManager.current (re-subscribes when the session changes) and
// its staging area's onDidChange; refreshes are coalesced and the newest one wins, so
// listeners never see an older list after a newer one.
import { errorMessage } from '../util/log';
import type { Agent, StagedChange } from '../../core/index';

export interface SessionSource {
  readonly current: { readonly sessionId: string; readonly agent: Agent } | undefined;
  onDidChangeCurrent(listener: () => void): { dispose(): void };
}

const COALESCE_MS = 60;

export class PendingChanges {
  private list: StagedChange[] = [];
  private listSession: string | undefined;
  private readonly listeners = new Set<() => void>();
  private stagingSub: { dispose(): void } | undefined;
  private watched: Agent | undefined;
  private readonly sessionSub: { dispose(): void };
  private generation = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(
    private readonly sessions: SessionSource,
    private readonly onError: (message: string) => void = () => undefined,
  ) {
    this.sessionSub = sessions.onDidChangeCurrent(() => this.follow());
    this.follow();
  }

  get changes(): readonly StagedChange[] {
    return this.list;
  }

  /** The session the list belongs to. */
  get sessionId(): string | undefined {
    return this.listSession;
  }

  /** The open session's agent (to apply / reject through). */
  agent(): Agent | undefined {
    return this.sessions.current?.agent;
  }

  change(path: string): StagedChange | undefined {
    return this.list.find((c) => c.path === path);
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Recompute soon (a document with pending changes was edited, say). */
  refreshSoon(): void {
    if (this.disposed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, COALESCE_MS);
  }

  /** Recompute now; resolves when this (or a newer) refresh has been published. */
  async refresh(): Promise<void> {
    const gen = ++this.generation;
    const current = this.sessions.current;
    let next: StagedChange[] = [];
    if (current) {
      try {
        next = await current.agent.changes();
      } catch (err) {
        this.onError(`could not list staged changes: ${errorMessage(err)}`);
        return;
      }
    }
    if (gen !== this.generation || this.disposed) return;
    this.list = next;
    this.listSession = current?.sessionId;
    for (const l of [...this.listeners]) {
      try {
        l();
      } catch (err) {
        this.onError(`pending-changes listener failed: ${errorMessage(err)}`);
      }
    }
  }

  private follow(): void {
    const agent = this.sessions.current?.agent;
    if (agent !== this.watched) {
      this.stagingSub?.dispose();
      this.watched = agent;
      this.stagingSub = agent?.staging.onDidChange(() => this.refreshSoon());
    }
    void this.refresh();
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.stagingSub?.dispose();
    this.sessionSub.dispose();
    this.listeners.clear();
  }
}
