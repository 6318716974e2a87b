// One subagent: its Agent, its staging branch, and its stretches of work (the first
// task, then each follow-up). A stretch streams the child's turn, forwarding its events
// on the parent's stream tagged with the child's id, keeps the card (the parent's
// `subagent` item) current, and when the turn ends merges the child's staged work into
// the parent's staging area (workers) and completes the card with the result.
import type { Agent, TurnResult } from '../types';
import type { SessionEvent, Usage } from '../../types/events';
import type { SubagentItem, SubagentState, SubagentType, FileChangeSummary } from '../../types/items';
import type { StagingBranch } from '../../staging/types';
import type { CardSink, SubagentReport } from '../../tools/agentControl';
import { foldTurn } from '../fold';
import { addUsage } from '../turn';
import { EMPTY_USAGE } from '../modelRound';
import { activityOf } from './activity';

/** How often a card's activity line and tokens are revised at most (state changes go at once). */
const REVISE_MS = 250;

export interface ChildDeps {
  id: string;
  type: SubagentType;
  sessionId: string;
  /** Builds (or rebuilds after a restart) the child's Agent. */
  agent(): Promise<Agent>;
  branch(): Promise<StagingBranch>;
  /** Passes a tagged event on to the parent's stream. */
  forward(event: SessionEvent): void;
  /** Records a card's state in the parent's log (its start; the turn logs its completion). */
  logCard(card: SubagentItem): void;
  /** A stretch ended (and the next queued one, if any, started): tokens to count in the parent's turn, waiters to wake. */
  ended(usage: Usage): void;
}

interface Pending {
  changes: FileChangeSummary[];
  conflicts: { path: string; detail: string }[];
}

export class Child {
  state: SubagentState = 'running';
  finalMessage: string | undefined;
  error: string | undefined;
  /** The task it was spawned with. */
  task = '';
  /** Closed for good (close_agent, or the card's Stop): no follow-ups. */
  released = false;
  /** Its results since the parent last saw them (wait_agent, close_agent or a note). */
  uncollected = false;
  private pending: Pending = { changes: [], conflicts: [] };
  private total: Usage = { ...EMPTY_USAGE };
  private card: SubagentItem | undefined;
  private sink: CardSink | undefined;
  private controller: AbortController | undefined;
  private current: Promise<void> | undefined;
  private readonly queue: { message: string; sink: CardSink }[] = [];
  private approvals = 0;
  private reviseTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly deps: ChildDeps) {}

  get id(): string {
    return this.deps.id;
  }

  get type(): SubagentType {
    return this.deps.type;
  }

  /** Working now, or holding a follow-up it will start on. */
  get busy(): boolean {
    return this.current !== undefined || this.queue.length > 0;
  }

  /** A card from an earlier process (resume): the child's last known state. */
  restore(card: SubagentItem): void {
    this.state = card.state;
    this.finalMessage = card.finalMessage;
    this.error = card.error;
    if (!this.task) this.task = card.task;
  }

  /** Starts a stretch now. */
  start(message: string, sink: CardSink): void {
    if (!this.task) this.task = message;
    this.current = this.stretch(message, sink).then((usage) => {
      this.current = undefined;
      const next = this.queue.shift();
      if (next && !this.released) this.start(next.message, next.sink);
      this.deps.ended(usage); // after `busy` reflects the end, so waiters see it
    });
  }

  /** A follow-up while it works: taken up when the current stretch ends. */
  enqueue(message: string, sink: CardSink): void {
    this.queue.push({ message, sink });
  }

  /** Stops the current stretch (its staged work is still merged); queued follow-ups are dropped. */
  abort(): void {
    if (this.queue.length) this.error = `${this.queue.length} queued follow-up(s) were not delivered: the work was stopped`;
    this.queue.length = 0;
    this.controller?.abort();
  }

  /** Resolves when the current stretch (if any) has ended. */
  async idle(): Promise<void> {
    while (this.current) await this.current;
  }

  /** What wait_agent / close_agent tell the model; `collect` marks the results seen. */
  report(collect: boolean): SubagentReport {
    const r: SubagentReport = {
      agent_id: this.id,
      agent_type: this.type,
      state: this.state,
      ...(this.finalMessage !== undefined ? { final_message: this.finalMessage } : {}),
      ...(this.error !== undefined ? { error: this.error } : {}),
      changes: this.pending.changes,
      conflicts: this.pending.conflicts,
      tokens: { input: this.total.inputTokens, output: this.total.outputTokens },
    };
    if (collect && !this.busy) {
      this.uncollected = false;
      this.pending = { changes: [], conflicts: [] };
    }
    return r;
  }

  /** Approvals the child is waiting for: the card says so. */
  approvalStarted(): void {
    if (this.approvals++ === 0) this.setState('waiting_approval');
  }

  approvalEnded(): void {
    if (--this.approvals === 0 && this.state === 'waiting_approval') this.setState('running');
  }

  private setState(state: SubagentState): void {
    this.state = state;
    this.revise(true);
  }

  /** Sends the card's current state; activity and tokens are throttled. */
  private revise(now = false): void {
    if (!this.card || !this.sink) return;
    if (!now) {
      this.reviseTimer ??= setTimeout(() => {
        this.reviseTimer = undefined;
        this.revise(true);
      }, REVISE_MS);
      return;
    }
    if (this.reviseTimer) clearTimeout(this.reviseTimer);
    this.reviseTimer = undefined;
    this.card = { ...this.card, state: this.state };
    this.sink.revise(this.card);
  }

  /** Runs one stretch to its end; never throws. Returns the tokens it used. */
  private async stretch(message: string, sink: CardSink): Promise<Usage> {
    const controller = new AbortController();
    this.controller = controller;
    const onParentAbort = () => controller.abort();
    if (sink.signal.aborted) controller.abort();
    else sink.signal.addEventListener('abort', onParentAbort, { once: true });
    this.state = 'running';
    this.error = undefined;
    this.sink = sink;
    this.card = {
      id: sink.newItemId(),
      turnId: sink.turnId,
      type: 'subagent',
      agentId: this.id,
      agentType: this.type,
      task: message,
      state: 'running',
      usage: { ...EMPTY_USAGE },
      startedAt: Date.now(),
      sessionId: this.deps.sessionId,
      status: 'in_progress',
    };
    sink.start(this.card);
    this.deps.logCard(this.card);

    let result: TurnResult | undefined;
    try {
      const agent = await this.deps.agent();
      // the outcome only: its items are in its own list and log, however long it runs
      result = await foldTurn(this.forwarding(agent.runStreamed(message, { signal: controller.signal })), { items: false });
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
    }
    let merged: { changes: FileChangeSummary[]; conflicts: { path: string; detail: string }[] } = { changes: [], conflicts: [] };
    try {
      merged = await this.mergeWork();
    } catch (err) {
      this.error = `its staged work could not be merged: ${err instanceof Error ? err.message : String(err)}`;
    }
    sink.signal.removeEventListener('abort', onParentAbort);
    if (this.reviseTimer) clearTimeout(this.reviseTimer);
    this.reviseTimer = undefined;

    const usage = result?.usage ?? this.card.usage;
    this.total = addUsage(this.total, usage);
    this.finalMessage = result?.finalResponse || undefined;
    if (result?.status === 'failed') this.error = result.error;
    this.state = this.released || result?.status === 'aborted' ? 'closed' : result?.status === 'completed' ? 'completed' : 'failed';
    if (result?.status === 'aborted' && !this.released) this.error ??= 'stopped with the turn that started it';
    this.pending.changes.push(...merged.changes);
    this.pending.conflicts.push(...merged.conflicts);
    this.uncollected = true;
    const final: SubagentItem = {
      ...this.card,
      state: this.state,
      usage,
      endedAt: Date.now(),
      ...(this.finalMessage !== undefined ? { finalMessage: this.finalMessage } : {}),
      ...(this.error !== undefined ? { error: this.error } : {}),
      ...(merged.changes.length ? { changes: merged.changes } : {}),
      ...(merged.conflicts.length ? { conflicts: merged.conflicts } : {}),
      status: this.state === 'completed' ? 'completed' : 'failed',
    };
    this.card = undefined;
    this.sink = undefined;
    sink.complete(final);
    return usage;
  }

  /** Workers' staged work goes to the parent; an explorer's branch is never merged. */
  private async mergeWork(): Promise<{ changes: FileChangeSummary[]; conflicts: { path: string; detail: string }[] }> {
    const branch = await this.deps.branch();
    if (this.type !== 'worker') return { changes: [], conflicts: [] };
    const report = await branch.merge();
    return { changes: report.merged, conflicts: report.conflicts };
  }

  /** Forwards the child's events tagged with its id, keeping the card's activity and tokens current; yields them untagged for the fold. */
  private async *forwarding(events: AsyncIterable<SessionEvent>): AsyncGenerator<SessionEvent> {
    for await (const e of events) {
      // the child's session events and its (unused) waiting list stay the child's
      if (e.type !== 'session/started' && e.type !== 'session/updated' && e.type !== 'queue/updated') {
        // a grandchild's events already carry their own id
        this.deps.forward('agentId' in e && e.agentId ? e : { ...e, agentId: this.id });
      }
      if (this.card && !('agentId' in e && e.agentId)) {
        if (e.type === 'item/started' || e.type === 'item/completed') {
          const line = activityOf(e.item, e.type === 'item/started' ? 'started' : 'completed');
          if (line !== undefined) {
            this.card = { ...this.card, activity: line };
            this.revise();
          }
        } else if (e.type === 'usage/updated') {
          this.card = { ...this.card, usage: addUsage(this.card.usage, e.usage) };
          this.revise();
        }
      }
      yield e;
    }
  }
}
