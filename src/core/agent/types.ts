// The public agent API (the library users script, and what the host and CLI drive).
// ModelConfig (model/types.ts) and SessionInfo (session/info.ts) live with their layers
// and are re-exported here for the agent's users.
import type { Item, UserMessageItem } from '../types/items';
import type { SessionEvent, Usage } from '../types/events';
import type { ModelClient, ModelConfig } from '../model/types';
import type { Workspace } from '../workspace/types';
import type { Shell } from '../shell/types';
import type { Approvals } from '../approvals/types';
import type { ApprovalPolicy } from '../policy/types';
import type { StagingArea, StagedChange, ApplyOutcome } from '../staging/types';
import type { Guard } from '../policy/guard';
import type { Tool } from '../tools/types';
import type { SandboxProbe } from '../sandbox/probe';
import type { ItemWindowLimits } from './itemWindow';

export interface AgentOptions {
  model: ModelConfig;
  /** The user's files. */
  workspace: Workspace;
  /** Where sessions (JSONL) and staging areas live: CLI ~/.tandem, VS Code globalStorage. */
  storageDir: string;
  /** Runs commands. Defaults to the sandboxed shell where available, else an approval-gated plain shell. */
  shell?: Shell;
  /**
   * When `shell` is not given: 'auto' (default) uses the sandbox if available, 'on'
   * requires it (commands fail, or createAgent throws when the probe's cached answer is
   * already "unavailable"), 'off' never uses it.
   */
  sandbox?: 'auto' | 'on' | 'off';
  /**
   * The sandbox probe to use (share one per process: createSandboxProbe). Default: one
   * cached in `<storageDir>/sandbox-probe.json`. It runs concurrently with the first
   * model request; only commands wait for it.
   */
  sandboxProbe?: SandboxProbe;
  approvals: Approvals;
  approvalPolicy?: ApprovalPolicy;
  /** Untrusted workspace (VS Code Workspace Trust): read-only tools, repo files cannot loosen policy. */
  trusted?: boolean;
  /** Path of ripgrep (host-injected). */
  rgPath?: string;
  /** Global AGENTS.md folder (default ~/.tandem). */
  globalInstructionsDir?: string;
  /** Resume this session instead of starting a new one. */
  sessionId?: string;
  /** Use this client instead of building one from `model` (tests, custom providers). */
  modelClient?: ModelClient;
  /** Use this guard instead of createGuard(policy) (tests, hosts with their own rules). */
  guard?: Guard;
  /** Use these tools instead of createDefaultTools() (tests, embedders). */
  tools?: Tool[];
  /**
   * Cap on model requests in one turn; undefined or 0 (default): none. A long task runs
   * to its end; the stuck-loop guard (repeatLimit), the token budget (maxTurnTokens) or
   * the user's abort end it otherwise. When reached, the turn fails with a message
   * naming the limit.
   */
  maxRounds?: number;
  /** Token budget of one turn (input + output tokens as reported, compaction included); undefined or 0: none. */
  maxTurnTokens?: number;
  /**
   * Stuck-loop guard: the same failing tool call, or the same model response, this many
   * rounds in a row ends the turn with a message saying so (default 5; 0 turns it off).
   */
  repeatLimit?: number;
  /**
   * How many of the newest completed items the agent holds in memory for items()
   * (default 200 items, 4,000,000 characters of JSON); older items are paged from the
   * session log with itemsBefore().
   */
  recentItems?: ItemWindowLimits;
  /** How long an abort waits for tools to stop before the turn completes anyway (default 500 ms). */
  abortGraceMs?: number;
  /**
   * Replaces Tandem's coding-agent system prompt (project instructions are still appended).
   * For purpose-built sessions such as code review.
   */
  systemPrompt?: string;
  /**
   * Checked after each round of tool calls: true ends the turn (completed) without another
   * model request. For sessions whose result arrives through a tool (e.g. submit_review).
   */
  endTurnWhen?: () => boolean;
}

export interface RunOptions {
  signal?: AbortSignal;
  attachments?: UserMessageItem['attachments'];
}

export interface TurnResult {
  turnId: string;
  items: Item[];
  /** Text of the last agent message. */
  finalResponse: string;
  usage: Usage;
  status: 'completed' | 'failed' | 'aborted';
  error?: string;
}

export interface Agent {
  readonly sessionId: string;
  /**
   * The session's recent items, oldest first (start order), each in its latest state:
   * every item in progress, plus the newest completed ones up to AgentOptions.recentItems
   * (200 items, 4,000,000 characters of JSON by default). A session that fits returns all
   * its items; older ones are in the session log only: page them with itemsBefore().
   */
  items(): readonly Item[];
  /**
   * Up to `limit` items older than `beforeId`, oldest first, read from the session log
   * (the agent keeps none of them). Pass the oldest item you hold: the first of items(),
   * then the first item of the last page. When `beforeId` is held by items(), the page
   * ends where items() begins; pages never repeat an item items() holds. [] when there
   * is nothing older; rejects for an id the session never had. A host shows items() at
   * once and calls this when the user scrolls up, as far as olderItemCount() says.
   */
  itemsBefore(beforeId: string, limit: number): Promise<Item[]>;
  /** How many items of the session are older than items() (in the log, not in memory). */
  olderItemCount(): number;
  runStreamed(input: string, options?: RunOptions): AsyncGenerator<SessionEvent>;
  /** Folds runStreamed(). */
  run(input: string, options?: RunOptions): Promise<TurnResult>;
  /**
   * Runs a new turn that asks the model again from the history as it stands, without a
   * new user message: the Retry after a failed turn (a 500, a dropped connection).
   */
  retryStreamed(options?: RunOptions): AsyncGenerator<SessionEvent>;
  /** Folds retryStreamed(). */
  retry(options?: RunOptions): Promise<TurnResult>;
  /** Compact the history now (also happens automatically near the window). */
  compact(options?: { signal?: AbortSignal }): Promise<void>;
  readonly staging: StagingArea;
  changes(): Promise<StagedChange[]>;
  apply(path: string, hunkIds?: string[]): Promise<ApplyOutcome>;
  reject(path: string, hunkIds?: string[], reason?: string): Promise<ApplyOutcome>;
  setApprovalPolicy(policy: ApprovalPolicy): void;
  setModel(update: Partial<Pick<ModelConfig, 'model' | 'reasoningEffort'>>): void;
  /** Token use of the last request against the window. */
  contextUsage(): { contextTokens: number; contextWindow: number };
  dispose(): Promise<void>;
}

export type { ModelConfig } from '../model/types';
export type { SessionInfo } from '../session/info';
