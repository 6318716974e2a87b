// Items are the units of a turn: what the user said, what the agent said and did.
// Discriminated on `type`. Items are plain JSON (they are persisted to JSONL and sent
// to the webview), so no classes, functions or Dates: timestamps are epoch ms.
import type { Usage } from './events';

export type ItemStatus = 'in_progress' | 'completed' | 'failed' | 'declined';

export interface ItemBase {
  /** Unique within the session. */
  id: string;
  /** The turn this item belongs to. */
  turnId: string;
}

export interface UserMessageItem extends ItemBase {
  type: 'user_message';
  text: string;
  /** Extra context the host attached (selection, diagnostics, mentioned files). */
  attachments?: Attachment[];
  /**
   * Sent while the turn ran (Agent.steer): the model read it before its next request of
   * this turn, so it sits among the turn's items where it landed.
   */
  steered?: boolean;
}

/**
 * A message waiting for the agent (Agent.steer / Agent.queue): 'steer' goes into the
 * running turn before its next model request; 'queue' becomes a turn of its own when
 * the turns before it have ended. Written to the session log before it is acknowledged.
 */
export interface QueuedMessage {
  /** Unique within the session. */
  id: string;
  text: string;
  attachments?: Attachment[];
  mode: 'steer' | 'queue';
}

export type Attachment =
  | { type: 'file'; path: string; range?: { startLine: number; endLine: number } }
  | { type: 'selection'; path: string; text: string; startLine: number; endLine: number }
  | { type: 'diagnostics'; text: string }
  | ImageAttachment
  /** A skill's instructions (its SKILL.md body), attached when the message says `$name`. */
  | { type: 'skill'; name: string; path: string };

export type ImageMime = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';

/**
 * An image in the session's image store (stored once, by the sha256 `hash` of its bytes
 * as sent; see images/store.ts): the bytes never travel inside items or log lines.
 */
export interface ImageRef {
  hash: string;
  mime: ImageMime;
  width: number;
  height: number;
}

/** An image the user attached (pasted, dropped, a workspace image file, `--image`). */
export interface ImageAttachment extends ImageRef {
  type: 'image';
  /** File name or workspace path it came from, when known. */
  name?: string;
}

export interface AgentMessageItem extends ItemBase {
  type: 'agent_message';
  text: string;
}

/** The model's reasoning summary (never the raw chain of thought). */
export interface ReasoningItem extends ItemBase {
  type: 'reasoning';
  text: string;
}

export interface CommandExecutionItem extends ItemBase {
  type: 'command_execution';
  /** As the user sees it: the command string, or argv joined with shell quoting. */
  command: string;
  cwd: string;
  /** Full combined output (stdout and stderr interleaved as produced). */
  output: string;
  exitCode?: number;
  /** Signal name when killed (timeout, abort). */
  signal?: string;
  durationMs?: number;
  /** How it ran: inside the sandbox, or unsandboxed after approval. Unset when it never ran (declined). */
  sandbox?: 'sandboxed' | 'unsandboxed' | 'none';
  /** It ran with network access (an approved escalation). */
  network?: boolean;
  status: ItemStatus;
}

export type FileChangeKind = 'add' | 'modify' | 'delete' | 'rename';

export interface FileChangeSummary {
  path: string;
  kind: FileChangeKind;
  /** For renames: the old path. */
  from?: string;
  added: number;
  removed: number;
}

/** Files the agent staged in one tool call (apply_patch, or a shell command's writes). */
export interface FileChangeItem extends ItemBase {
  type: 'file_change';
  changes: FileChangeSummary[];
  status: ItemStatus;
  error?: string;
}

/** A read-only or other tool call that is not a command or an edit (read_file, list_dir, search). */
export interface ToolCallItem extends ItemBase {
  type: 'tool_call';
  name: string;
  arguments: string;
  /** What the model was sent back (possibly truncated). */
  output?: string;
  /** Images the tool showed the model (view_image). */
  images?: ImageAttachment[];
  /** Set for MCP tools: the server and the tool's own name (`name` is the model's mcp__server__tool). */
  mcp?: { server: string; tool: string };
  status: ItemStatus;
}

export type PlanStepStatus = 'pending' | 'in_progress' | 'completed';
export interface PlanItem extends ItemBase {
  type: 'plan';
  explanation?: string;
  steps: { step: string; status: PlanStepStatus }[];
}

export interface ErrorItem extends ItemBase {
  type: 'error';
  /** A plain sentence for the user. */
  message: string;
  /** True when retrying the same turn may succeed (network, 429, 5xx). */
  retryable?: boolean;
}

export interface CompactionItem extends ItemBase {
  type: 'compaction';
  summary: string;
  tokensBefore: number;
  tokensAfter: number;
}

/** The user's decisions on staged changes, reported to the agent on its next request. */
export interface ReviewDecisionItem extends ItemBase {
  type: 'review_decision';
  /** e.g. "applied 3 of 5 hunks in src/a.ts; rejected 2 (reason: keep the old name)". */
  text: string;
}

export type SubagentType = 'worker' | 'explorer';
/** running and waiting_approval are live; the others are final for the card's stretch. */
export type SubagentState = 'running' | 'waiting_approval' | 'completed' | 'failed' | 'closed';

/**
 * A subagent's card: one stretch of a child agent's work (from spawn_agent, or a
 * follow-up from send_message) within the parent turn that started it. Started when
 * the stretch starts, revised by `subagent/updated` events as it goes (state, activity,
 * tokens), completed when it ends (its changes merged). The child's own items travel
 * as ordinary item events carrying `agentId` (see events.ts); they are not part of
 * the parent's items, and are read back with Agent.subagentItems(agentId).
 */
export interface SubagentItem extends ItemBase {
  type: 'subagent';
  agentId: string;
  agentType: SubagentType;
  /** The message this stretch started with (the task, or the follow-up). */
  task: string;
  state: SubagentState;
  /** What it is doing now, or did last: one line. */
  activity?: string;
  /** Tokens this stretch used. */
  usage: Usage;
  startedAt: number;
  endedAt?: number;
  /** Its last agent message once the stretch ended. */
  finalMessage?: string;
  error?: string;
  /** Its changes merged into the session's staging area (worker), as the child made them. */
  changes?: FileChangeSummary[];
  /** Its changes that overlapped another agent's or the user's: staged as conflicts. */
  conflicts?: { path: string; detail: string }[];
  /** The child's own session log (kept under this session's folder). */
  sessionId: string;
  status: ItemStatus;
}

export type Item =
  | UserMessageItem
  | AgentMessageItem
  | ReasoningItem
  | CommandExecutionItem
  | FileChangeItem
  | ToolCallItem
  | PlanItem
  | ErrorItem
  | CompactionItem
  | ReviewDecisionItem
  | SubagentItem;

export type ItemType = Item['type'];
