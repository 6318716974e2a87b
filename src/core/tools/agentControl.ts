// What the multi-agent tools (spawn_agent, wait_agent, send_message, close_agent) need
// from the session: implemented by the agent layer (agent/subagents/manager.ts) and
// handed to tools through ToolContext.agents, so tools never import the agent layer.
import type { ReasoningEffort } from '../model/types';
import type { FileChangeSummary, SubagentItem, SubagentState, SubagentType } from '../types/items';

export interface SpawnRequest {
  message: string;
  agentType: SubagentType;
  model?: string;
  reasoningEffort?: ReasoningEffort;
  /** Start from a copy of the parent's conversation instead of the message alone. */
  forkContext: boolean;
}

/** Where a stretch's card goes: the calling turn's item lifecycle. */
export interface CardSink {
  turnId: string;
  newItemId(): string;
  start(item: SubagentItem): void;
  revise(item: SubagentItem): void;
  complete(item: SubagentItem): void;
  /** The calling turn's signal: its abort stops the child. */
  signal: AbortSignal;
}

/** One child as wait_agent / close_agent report it to the model (snake_case: tool output). */
export interface SubagentReport {
  agent_id: string;
  agent_type: SubagentType;
  state: SubagentState;
  final_message?: string;
  error?: string;
  /** Its changes merged into your staged changes (files, +/-). */
  changes: FileChangeSummary[];
  /** Its changes that overlapped other work: staged as conflicts for review. */
  conflicts: { path: string; detail: string }[];
  tokens: { input: number; output: number };
}

export interface AgentControl {
  /** Starts a child; resolves with its id as soon as it runs. Throws ToolError when refused. */
  spawn(request: SpawnRequest, sink: CardSink): Promise<string>;
  /**
   * Resolves when at least one of `ids` is in a final state (reporting every one that
   * is), or after `timeoutMs` (reporting all of them as they are), or on `signal`.
   */
  wait(ids: string[], timeoutMs: number, signal: AbortSignal): Promise<{ reports: SubagentReport[]; timedOut: boolean }>;
  /** A follow-up for a child: starts a new stretch, or queues it while the child runs. */
  send(id: string, message: string, sink: CardSink): Promise<{ queued: boolean }>;
  /** Stops a child for good (its staged work so far is merged); reports its last state. */
  close(id: string): Promise<SubagentReport>;
}
