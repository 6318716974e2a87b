// The background review of the agent's own work, before the user applies it: when a
// turn of the open session ends with staged changes, the reviewer checks the staged diff
// (setting tandem.review.agentChanges), and its findings sit on the hunks they are about.
// vscode-free.
// Contract:
// - Only turns that staged something new count, and only when they changed at least
//   `minChangedLines` staged lines (what was pending before the turn does not count).
// - A new turn stops a running background review (the staged changes are about to
//   change); switching sessions forgets the old session's review.
// - Staged-change updates (apply, reject, edits) move the findings with their hunks.
// - Subagents: their events (with `agentId`) are not the session's turns and are skipped.
//   What a subagent staged is merged into the session's staging area before the parent's
//   turn ends (a turn waits for the subagents it started), so the review after the
//   parent's turn covers the subagents' changes with the agent's own.
import { errorMessage, type Logger } from '../util/log';
import { changedLinesSince } from './hunkFindings';
import type { ReviewService } from './reviewService';
import type { ReviewSettings } from './settings';
import type { Agent, SessionEvent, StagedChange } from '../../core/index';

export interface AgentReviewDeps {
  sessions: {
    readonly current: { readonly sessionId: string; readonly agent: Agent } | undefined;
    onDidChangeCurrent(listener: () => void): { dispose(): void };
  };
  /** The open session's staged changes as the editor last listed them (PendingChanges). */
  pending: { readonly changes: readonly StagedChange[]; readonly sessionId: string | undefined; onDidChange(listener: () => void): { dispose(): void } };
  reviews: Pick<ReviewService, 'reviewStaged' | 'cancelAgent' | 'sessionChanged' | 'stagedChanged'>;
  settings(): ReviewSettings;
  log: Logger;
}

/** Whether a turn that changed `changedLines` staged lines gets a background review. */
export function shouldReviewTurn(s: Pick<ReviewSettings, 'agentChanges' | 'minChangedLines'>, changedLines: number): boolean {
  return s.agentChanges !== 'off' && changedLines > 0 && changedLines >= s.minChangedLines;
}

export class AgentReviewTrigger {
  private watched: Agent | undefined;
  private unsubscribe: (() => void) | undefined;
  private before: readonly StagedChange[] = [];
  private readonly subs: { dispose(): void }[];

  constructor(private readonly deps: AgentReviewDeps) {
    this.subs = [
      deps.sessions.onDidChangeCurrent(() => this.follow()),
      deps.pending.onDidChange(() => {
        if (deps.pending.sessionId) deps.reviews.stagedChanged(deps.pending.sessionId, deps.pending.changes);
      }),
    ];
    this.follow();
  }

  private follow(): void {
    const current = this.deps.sessions.current;
    if (current?.agent === this.watched) return;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.watched = current?.agent;
    this.deps.reviews.sessionChanged(current?.sessionId);
    if (!current) return;
    const { sessionId, agent } = current;
    this.unsubscribe = agent.subscribe((e) => this.onEvent(sessionId, agent, e));
  }

  private onEvent(sessionId: string, agent: Agent, e: SessionEvent): void {
    if ('agentId' in e && e.agentId !== undefined) return;
    if (e.type === 'turn/started') {
      this.before = this.deps.pending.sessionId === sessionId ? this.deps.pending.changes : [];
      this.deps.reviews.cancelAgent(sessionId);
    } else if (e.type === 'turn/completed' && !e.aborted) {
      void this.afterTurn(sessionId, agent, this.before).catch((err) => this.deps.log.warn(`background review: ${errorMessage(err)}`));
    }
  }

  private async afterTurn(sessionId: string, agent: Agent, before: readonly StagedChange[]): Promise<void> {
    const settings = this.deps.settings();
    if (settings.agentChanges === 'off') return;
    const changes = await agent.changes();
    if (!shouldReviewTurn(settings, changedLinesSince(before, changes))) return;
    // a later session or turn took over meanwhile
    if (this.watched !== agent) return;
    this.deps.reviews.stagedChanged(sessionId, changes);
    await this.deps.reviews.reviewStaged({ sessionId, staging: agent.staging, changes }).done;
  }

  dispose(): void {
    this.unsubscribe?.();
    for (const s of this.subs) s.dispose();
  }
}
