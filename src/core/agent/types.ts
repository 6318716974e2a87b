// The public agent API (the library users script, and what the host and CLI drive).
// ModelConfig (model/types.ts) and SessionInfo (session/info.ts) live with their layers
// and are re-exported here for the agent's users.
import type { Attachment, ImageAttachment, ImageRef, Item, QueuedMessage, UserMessageItem } from '../types/items';
import type { SessionEvent, Usage } from '../types/events';
import type { ModelClient, ModelConfig } from '../model/types';
import type { Workspace } from '../workspace/types';
import type { Shell } from '../shell/types';
import type { Approvals } from '../approvals/types';
import type { ApprovalPolicy } from '../policy/types';
import type { StagingArea, StagedChange, ApplyOutcome, RevertOutcome, UndoResult } from '../staging/types';
import type { Guard } from '../policy/guard';
import type { Tool } from '../tools/types';
import type { SandboxProbe } from '../sandbox/probe';
import type { ItemWindowLimits } from './itemWindow';
import type { AgentMcpOptions } from './sessionToolset';
import type { McpHub } from '../mcp/hub';
import type { Skill } from '../skills/skills';

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
  /**
   * Environment variables commands inherit beyond the ordinary ones (PATH, HOME, locale,
   * toolchain homes): exact names, or NAME_* prefixes. Everything else stays behind.
   */
  commandEnv?: string[];
  /**
   * Per-command caps on staging what a sandboxed command wrote (default 10,000 files,
   * 100 MB); beyond them the user is asked, and without anyone to ask nothing is staged.
   */
  importLimits?: { maxFiles?: number; maxBytes?: number };
  /** Globs added to the built-in protected paths (staging flags them, writes ask, bulk applies skip them). */
  protectedPatterns?: string[];
  /** Globs added to the built-in secret reads (.env*, keys...). */
  secretPatterns?: string[];
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
  /**
   * Subagents (spawn_agent, wait_agent, send_message, close_agent) working at once; 0
   * turns them off (default 4). Agents built with their own `tools` get them only when
   * this is set.
   */
  maxAgents?: number;
  /** How deep subagents nest: 1 (default) lets the session's agent spawn but not its children. */
  maxAgentDepth?: number;
  /**
   * Skills (SKILL.md folders): listed in the instructions, loaded with load_skill, attached
   * by `$name` in a message. Searched in ~/.tandem/skills (`tandemHome`, default the
   * global instructions folder), ~/.agents/skills (`userHome`, default the home folder)
   * and, when trusted, the repository's .tandem/skills and .agents/skills. Default: on,
   * except for purpose-built sessions (custom `tools` or `systemPrompt`); false: none.
   */
  skills?: false | { tandemHome?: string; userHome?: string };
  /**
   * Where a folder has no AGENTS.md, read CLAUDE.md, .github/copilot-instructions.md or
   * .cursorrules instead (the first found). Default true.
   */
  ruleFileFallbacks?: boolean;
  /**
   * MCP servers. `{ servers }`: started when the first turn needs them, stopped by
   * dispose(). `{ hub }`: a hub shared with other sessions (the caller disposes it).
   * Workspace-declared servers start only when `trusted` and approved (see mcp/hub.ts).
   */
  mcp?: AgentMcpOptions;
}

export interface RunOptions {
  signal?: AbortSignal;
  attachments?: UserMessageItem['attachments'];
  /**
   * Structured output: a JSON Schema the final answer must match. The model is asked for
   * JSON of that shape; run() returns it parsed and validated as `output`, or rejects
   * with OutputSchemaError naming the first mismatch. An invalid schema throws at once.
   */
  outputSchema?: Record<string, unknown>;
  /** The schema's name as sent to the model (default "output"). */
  outputSchemaName?: string;
}

export interface TurnResult {
  turnId: string;
  items: Item[];
  /** Text of the last agent message. */
  finalResponse: string;
  usage: Usage;
  status: 'completed' | 'failed' | 'aborted';
  error?: string;
  /** With RunOptions.outputSchema: the final answer, parsed and validated. */
  output?: unknown;
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
  /** The session's title (its first user message, shortened), once there is one. */
  title(): string | undefined;
  /**
   * Every event of the session as it happens (every turn's, and the compaction item of
   * compact()), delivered synchronously: when a listener runs, items() already reflects
   * the event. runStreamed() yields the same events in the same order. Returns an
   * unsubscribe function.
   */
  subscribe(listener: (event: SessionEvent) => void): () => void;
  /**
   * Runs a turn with `input`. When it completes (not stopped, not failed) and messages
   * were queued meanwhile (queue()), the stream goes on with a turn for each of them, in
   * order, each with its own turn/started ... turn/completed. A stop (the signal) ends
   * the stream after the current turn and keeps the queue.
   */
  runStreamed(input: string, options?: RunOptions): AsyncGenerator<SessionEvent>;
  /** Folds runStreamed(): the result of the last turn it ran. */
  run(input: string, options?: RunOptions): Promise<TurnResult>;
  /**
   * Adds a user message to the running turn: the model reads it before its next request
   * of that turn (the turn makes one more request for it if it was about to end). The
   * delivered message is a user_message item with `steered: true` in that turn. With no
   * turn running (or one already finishing) it is queued instead (the returned `mode`
   * says which). Resolves once the message is in the session log.
   */
  steer(text: string, options?: { attachments?: Attachment[] }): Promise<QueuedMessage>;
  /**
   * Holds a message that becomes a turn of its own after the turns before it end (see
   * runStreamed). While no turn runs it waits: start it with runQueuedStreamed().
   * Resolves once the message is in the session log; survives reload and resume.
   */
  queue(text: string, options?: { attachments?: Attachment[] }): Promise<QueuedMessage>;
  /** The messages waiting (steered, not yet delivered, and queued), in order. */
  queued(): readonly QueuedMessage[];
  /** Edits a waiting message (text, attachments, or steer <-> queue). Throws once it is being sent. */
  updateQueued(id: string, update: { text?: string; attachments?: Attachment[]; mode?: QueuedMessage['mode'] }): Promise<QueuedMessage>;
  removeQueued(id: string): Promise<void>;
  /** Moves a waiting message to position `index` (0 = sent first). */
  moveQueued(id: string, index: number): Promise<void>;
  /** Runs the first queued message as a turn (then the rest, as runStreamed does). Throws when none is queued. */
  runQueuedStreamed(options?: RunOptions): AsyncGenerator<SessionEvent>;
  /** Folds runQueuedStreamed(). */
  runQueued(options?: RunOptions): Promise<TurnResult>;
  /**
   * Runs a new turn that asks the model again from the history as it stands, without a
   * new user message: the Retry after a failed turn (a 500, a dropped connection).
   */
  retryStreamed(options?: RunOptions): AsyncGenerator<SessionEvent>;
  /** Folds retryStreamed(). */
  retry(options?: RunOptions): Promise<TurnResult>;
  /**
   * Compact the history now (also happens automatically near the window); `focus` tells
   * the summary what to keep (/compact focus).
   */
  compact(options?: { signal?: AbortSignal; focus?: string }): Promise<void>;
  /** The skills of this session (what `$name` can attach). */
  skills(): readonly Skill[];
  readonly staging: StagingArea;
  changes(): Promise<StagedChange[]>;
  apply(path: string, hunkIds?: string[]): Promise<ApplyOutcome>;
  reject(path: string, hunkIds?: string[], reason?: string): Promise<ApplyOutcome>;
  /**
   * Stores an image in the session (once, by content hash; downscaled when over the
   * limits the APIs accept) and returns the attachment to send with a message. Throws
   * for anything but PNG, JPEG, GIF and WebP.
   */
  addImage(bytes: Uint8Array, name?: string): Promise<ImageAttachment>;
  /** A stored image as a `data:` URL (for display). */
  imageDataUrl(ref: ImageRef): Promise<string>;
  /**
   * Undo a turn: the staged changes go back to how they were when `turnId` started
   * (files written by commands and subagents' merged work included; later turns' changes
   * go too). The user's files
   * and git repository are untouched: files applied since are listed in `applied`, for
   * revertTurn. The agent is told at its next request. Refused while a turn runs.
   */
  undoTurn(turnId: string): Promise<UndoResult>;
  /**
   * Writes back, three-way through the Workspace, what applies made since `turnId`
   * started changed in the user's files (their later edits are kept, or reported as a
   * conflict), and restages those files as they were then. Refused while a turn runs.
   */
  revertTurn(turnId: string): Promise<RevertOutcome[]>;
  /** A subagent's own items (its transcript), from memory or from its log. */
  subagentItems(agentId: string): Promise<readonly Item[]>;
  /** Stops a subagent for good (the Stop on its card); what it staged so far is merged. */
  stopSubagent(agentId: string): Promise<void>;
  setApprovalPolicy(policy: ApprovalPolicy): void;
  setModel(update: Partial<Pick<ModelConfig, 'model' | 'reasoningEffort'>>): void;
  /** Token use of the last request against the window. */
  contextUsage(): { contextTokens: number; contextWindow: number };
  /** The session's MCP hub (status, events, restart), when it has MCP servers. */
  readonly mcp?: McpHub;
  /** Stops what the session started (its MCP servers, unless the hub was shared). */
  dispose(): Promise<void>;
}

export type { ModelConfig } from '../model/types';
export type { SessionInfo } from '../session/info';
