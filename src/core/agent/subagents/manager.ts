// The session's subagents: the multi-agent tools' side (AgentControl) and the turn
// loop's (SubagentHooks). Limits: at most `maxAgents` children working at once, and
// children only below `maxDepth`. A child is a real Agent (createAgent with the
// parent's wiring): its own conversation and session log (under the parent's session
// folder), the session's policy, guard, approvals (labelled with its task) and sandbox,
// and for its files a staging branch of the parent's staged view.
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Agent } from '../types';
import type { Usage } from '../../types/events';
import type { Item, SubagentItem } from '../../types/items';
import type { Approvals } from '../../approvals/types';
import type { BranchMergeReport } from '../../staging/types';
import type { HistoryEntry } from '../../model/types';
import type { AgentControl, CardSink, SpawnRequest, SubagentReport } from '../../tools/agentControl';
import { ToolError } from '../../tools/types';
import type { SubagentHooks } from '../context';
import { defaultGuard, defaultShells } from '../defaults';
import { addUsage } from '../turn';
import { EMPTY_USAGE } from '../modelRound';
import { newSessionId, sessionFile, sessionsDir } from '../../session/store';
import { readLastItems } from '../../session/tail';
import { DEFAULT_WINDOW_COUNT } from '../itemWindow';
import { Child } from './child';
import { childTools, forkHistory, rolePreamble, unavailableTools } from './roles';
import type { AgentWiring, ManagerDeps } from './types';

/**
 * Model requests per turn of a subagent when the session sets no maxRounds. A user's
 * own turn has no cap (they watch it and stop it); a child is started by the model for
 * a bounded piece of work, and its parent waits. At the cap its turn fails with the
 * limit's message, which the parent reads from wait_agent and can answer with
 * send_message (a new turn) if the work should go on.
 */
export const DEFAULT_SUBAGENT_MAX_ROUNDS = 200;

/** Where a session's children keep their logs and branches (a storage dir of their own). */
export function childStorageDir(storageDir: string, sessionId: string): string {
  return path.join(sessionsDir(storageDir), sessionId, 'agents');
}

export class SubagentManager implements AgentControl, SubagentHooks {
  private readonly children = new Map<string, Child>();
  private readonly agents = new Map<string, Promise<Agent>>();
  private readonly sessions = new Map<string, string>();
  private readonly waiters = new Set<() => void>();
  private usage: Usage = { ...EMPTY_USAGE };
  private readonly storage: string;

  constructor(private readonly deps: ManagerDeps) {
    this.storage = childStorageDir(deps.options.storageDir, deps.sessionId);
  }

  // ---- AgentControl (the tools) --------------------------------------------------------

  async spawn(request: SpawnRequest, sink: CardSink): Promise<string> {
    this.assertSlot();
    let id = randomUUID().slice(0, 8);
    while (this.children.has(id)) id = randomUUID().slice(0, 8);
    const sessionId = newSessionId();
    this.sessions.set(id, sessionId);
    // the conversation as it is now: the child is built asynchronously, after this call is answered
    const history = request.forkContext ? forkHistory(this.deps.history()) : undefined;
    const child = this.makeChild(id, request.agentType, sessionId, { request, history });
    this.children.set(id, child);
    child.start(request.message, sink);
    return id;
  }

  async wait(ids: string[], timeoutMs: number, signal: AbortSignal): Promise<{ reports: SubagentReport[]; timedOut: boolean }> {
    const kids = ids.map((id) => this.get(id));
    const done = () => kids.filter((k) => !k.busy);
    if (done().length === 0 && !signal.aborted) {
      await new Promise<void>((resolve) => {
        const finish = () => {
          clearTimeout(timer);
          signal.removeEventListener('abort', finish);
          this.waiters.delete(check);
          resolve();
        };
        const check = () => done().length > 0 && finish();
        const timer = setTimeout(finish, timeoutMs);
        signal.addEventListener('abort', finish, { once: true });
        this.waiters.add(check);
      });
    }
    const finished = done();
    if (finished.length > 0) return { reports: finished.map((k) => k.report(true)), timedOut: false };
    return { reports: kids.map((k) => k.report(false)), timedOut: !signal.aborted };
  }

  async send(id: string, message: string, sink: CardSink): Promise<{ queued: boolean }> {
    const child = this.get(id);
    if (child.released) throw new ToolError(`Subagent ${id} is closed; start a new one with spawn_agent.`);
    if (child.busy) {
      child.enqueue(message, sink);
      return { queued: true };
    }
    this.assertSlot();
    child.start(message, sink);
    return { queued: false };
  }

  async close(id: string): Promise<SubagentReport> {
    const child = this.get(id);
    const before = child.state;
    await this.stop(id);
    return { ...child.report(true), state: before };
  }

  // ---- SubagentHooks (the turn loop) ---------------------------------------------------

  running(): boolean {
    return [...this.children.values()].some((c) => c.busy);
  }

  settle(): Promise<void> {
    if (!this.running()) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (this.running()) return;
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
    });
  }

  abortAll(): void {
    for (const c of this.children.values()) if (c.busy) c.abort();
  }

  takeNote(): string | undefined {
    const fresh = [...this.children.values()].filter((c) => c.uncollected && !c.busy);
    if (fresh.length === 0) return undefined;
    const reports = fresh.map((c) => c.report(true));
    return `[Subagents] These subagents finished and you have not seen their results yet:\n${JSON.stringify({ agents: reports })}`;
  }

  takeUsage(): Usage {
    const u = this.usage;
    this.usage = { ...EMPTY_USAGE };
    return u;
  }

  // ---- the session's own API (Agent.subagentItems / stopSubagent / dispose) -----------

  /** Stops a child for good: its current work ends (staged work merged), no follow-ups. */
  async stop(id: string): Promise<void> {
    const child = this.get(id);
    child.released = true;
    child.abort();
    await child.idle();
  }

  /**
   * A child's recent items: the live agent's window (Agent.items()), else the newest of
   * its log (an earlier process), as many as a window holds. Either way bounded, however
   * long the child worked; the rest stays in its log.
   */
  async items(id: string): Promise<readonly Item[]> {
    const live = this.agents.get(id);
    if (live) return (await live).items();
    const sessionId = this.sessions.get(id);
    if (!sessionId) throw new Error(`No subagent "${id}" in this session.`);
    return readLastItems(sessionFile(this.storage, sessionId), this.deps.options.recentItems?.count ?? DEFAULT_WINDOW_COUNT);
  }

  async dispose(): Promise<void> {
    for (const id of this.children.keys()) await this.stop(id).catch(() => undefined);
    for (const a of this.agents.values()) await (await a.catch(() => undefined))?.dispose();
  }

  /**
   * Children known from the session's items (a resumed session): the last card of each.
   * A card still running means the process died under it: its branch is merged now, so
   * nothing it staged is lost, and the card is completed as interrupted.
   */
  async restore(items: readonly Item[], complete: (card: SubagentItem) => void): Promise<void> {
    const last = new Map<string, SubagentItem>();
    for (const item of items) if (item.type === 'subagent') last.set(item.agentId, item);
    for (const card of last.values()) {
      this.sessions.set(card.agentId, card.sessionId);
      const child = this.makeChild(card.agentId, card.agentType, card.sessionId);
      this.children.set(card.agentId, child);
      child.restore(card);
      if (card.status !== 'in_progress') continue;
      const none: BranchMergeReport = { merged: [], conflicts: [] };
      const merged = card.agentType === 'worker' ? await this.branch(card.agentId, card.sessionId).then((b) => b.merge()).catch(() => none) : none;
      const error = 'interrupted: the process stopped before it finished';
      child.restore({ ...card, state: 'failed', error });
      complete({
        ...card,
        state: 'failed',
        error,
        endedAt: Date.now(),
        ...(merged.merged.length ? { changes: merged.merged } : {}),
        ...(merged.conflicts.length ? { conflicts: merged.conflicts } : {}),
        status: 'failed',
      });
    }
  }

  // ---- plumbing -------------------------------------------------------------------------

  private get(id: string): Child {
    const child = this.children.get(id);
    if (!child) {
      const known = [...this.children.keys()];
      throw new ToolError(`No subagent "${id}"${known.length ? `; known: ${known.join(', ')}` : ''}.`);
    }
    return child;
  }

  private assertSlot(): void {
    const busy = [...this.children.values()].filter((c) => c.busy);
    if (busy.length >= this.deps.maxAgents) {
      throw new ToolError(
        `At most ${this.deps.maxAgents} subagents can run at once (running: ${busy.map((c) => c.id).join(', ')}). Wait for one with wait_agent, or close one with close_agent, first.`,
      );
    }
  }

  private branch(id: string, sessionId: string) {
    const { staging } = this.deps;
    if (!staging.branch) throw new ToolError('Subagents need a staging area that can branch.');
    return staging.branch({ dir: path.join(sessionsDir(this.storage), sessionId, 'branch'), agent: id });
  }

  /** A child record; its Agent is built on first use (a restored child only when messaged). */
  private makeChild(id: string, type: SpawnRequest['agentType'], sessionId: string, spawned?: Spawned): Child {
    let branch: ReturnType<SubagentManager['branch']> | undefined;
    const child: Child = new Child({
      id,
      type,
      sessionId,
      branch: () => (branch ??= this.branch(id, sessionId)),
      agent: () => {
        let agent = this.agents.get(id);
        if (!agent) {
          agent = this.buildChild(child, sessionId, spawned, () => (branch ??= this.branch(id, sessionId)));
          this.agents.set(id, agent);
          agent.catch(() => this.agents.delete(id)); // a failed build can be retried by a follow-up
        }
        return agent;
      },
      forward: (e) => this.deps.forward(e),
      logCard: (card) => this.deps.logCard(card),
      ended: (usage) => {
        this.usage = addUsage(this.usage, usage);
        for (const w of [...this.waiters]) w();
      },
    });
    return child;
  }

  private async buildChild(child: Child, sessionId: string, spawned: Spawned | undefined, branchOf: () => ReturnType<SubagentManager['branch']>): Promise<Agent> {
    const request = spawned?.request;
    const { deps } = this;
    const type = child.type;
    const staging = (await branchOf()).staging;
    // its commands run over its own branch, with its session's settings and path rules
    const shells = deps.options.shell ? deps.shells : defaultShells(deps.options.workspace.root, staging, deps.options.sandbox, deps.shellSettings, deps.options.sandboxProbe);
    const patterns = { secretPatterns: deps.options.secretPatterns, protectedPatterns: deps.options.protectedPatterns };
    const readOnlyGuard = type === 'explorer' ? defaultGuard('read-only', deps.options.workspace.root, shells.sandboxAvailable, deps.options.trusted !== false, patterns) : undefined;
    const depth = deps.depth + 1;
    const tools = deps.tools();
    const wiring: AgentWiring = {
      depth,
      staging,
      shells,
      shellSettings: deps.shellSettings,
      client: deps.client,
      instructions: `${deps.instructions}\n\n${rolePreamble(type)}`,
      tools: childTools(type, tools),
      skills: deps.skills,
      images: deps.images,
      unavailableTools: unavailableTools(type, tools, depth < deps.maxDepth, deps.maxDepth),
      policy: type === 'explorer' ? () => 'read-only' : deps.policy,
      guard: readOnlyGuard ? () => readOnlyGuard : deps.guard,
      ...(spawned?.history ? { history: spawned.history } : {}),
      parent: { sessionId: deps.sessionId, agentId: child.id, agentType: type, depth },
      sessionId,
    };
    const model = { ...deps.model(), ...(request?.model ? { model: request.model } : {}), ...(request?.reasoningEffort ? { reasoningEffort: request.reasoningEffort } : {}) };
    const restored = request === undefined;
    return deps.build(
      {
        ...deps.options,
        model,
        // a child's turn has the session's guards (stuck loop, token budget) and, unless
        // the session set a cap, a cap of its own: nobody talks to it directly
        maxRounds: deps.options.maxRounds || DEFAULT_SUBAGENT_MAX_ROUNDS,
        storageDir: this.storage,
        sessionId: restored ? sessionId : undefined,
        approvals: labelled(deps.options.approvals, child),
        globalInstructionsDir: deps.options.globalInstructionsDir,
      },
      wiring,
    );
  }
}

/** A new child's request, with the conversation it forks (fork_context) as it was at spawn time. */
interface Spawned {
  request: SpawnRequest;
  history?: HistoryEntry[];
}

/** The session's approvals, each request labelled with the child and its state shown on its card. */
function labelled(approvals: Approvals, child: Child): Approvals {
  return {
    async request(request, signal) {
      child.approvalStarted();
      try {
        const task = child.task.replace(/\s+/g, ' ').trim();
        return await approvals.request({ ...request, label: `${child.type} ${child.id}: ${task.length > 80 ? `${task.slice(0, 79)}…` : task}` }, signal);
      } finally {
        child.approvalEnded();
      }
    },
  };
}
