// Host <-> webview messages. Method names are `resource/verb`. The webview sends
// requests (answered by a response with the same id) and the host sends notifications.
// Contract: on (re)load the webview sends `webview/ready`; the host answers with a full
// snapshot, and afterwards only deltas. The open session's events travel under the
// core's own names and shapes (SessionEvent, src/core/types/events.ts): the webview,
// the CLI's --json and the library speak one vocabulary. The full history is never
// re-sent per token.
//
// Streamed text on the wire (the hot path): `item/updated` events never travel as
// notification envelopes. The host batches them (at most ~30 posts a second) and all
// the deltas of one flush travel as ONE compact `DeltaPost`, a bare JSON array
// alternating an item reference and its appended text: `[1,"text…",2,"more"]`, one pair
// per item that changed since the last flush. The text extends the item's streamed field
// (which one follows from the item's type: src/protocol/itemUpdate.ts), so the webview
// turns each pair back into the `item/updated` it stands for (ItemUpdate: the delta's
// text only). A handle is a small integer standing for an item id on this webview
// connection. The first pair that uses a handle since the last snapshot (or since the
// handle was freed) binds it: `[[1,"item_0123"],"text…"]`. Rules:
// - Bindings are explicit and ordered with everything else on the channel, so the webview
//   never guesses: it maps handle -> itemId when a reference carries an itemId, and drops
//   a pair whose handle it has no binding for (e.g. a post from before its reload).
// - The host restarts handles at every snapshot it sends (a reloaded page starts with no
//   bindings) and frees an item's handle when it sends its item/completed; a freed handle
//   may be bound again, always with an explicit itemId.
// - Pairs apply in order; a DeltaPost sits in the stream where the host flushed, before
//   any later notification.
// Why this small: at ~26 flushes a second a post carries ~40 characters of text, so every
// byte of envelope costs ~2.5% of the text; `[1,"…"]` is 6 bytes.
import type { GitReviewTarget, ReviewRunView } from './review';
import type { ApprovalPolicy, Attachment, ImageAttachment, Item, ItemDelta, QueuedMessage, ReasoningEffort, RevertOutcome, SessionEvent } from './items';
import type { BuiltinCommandName, McpServerApprovalRequest, McpToolApprovalRequest, Skill, SlashCommand } from '../core/index';

export const PROTOCOL_VERSION = 1;

export type ProviderPreset = 'openai' | 'ollama' | 'custom';

export interface SessionSummary {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  /** Number of items in the session. */
  items: number;
}

export interface ChangedFileSummary {
  path: string;
  kind: 'add' | 'modify' | 'delete' | 'rename';
  from?: string;
  added: number;
  removed: number;
  stale: boolean;
  binary: boolean;
  protected?: string;
  hunks: ChangedHunk[];
  /** Who made the change ('main': the session's agent; else a subagent's id). Optional: older hosts omit it. */
  agents?: string[];
  /** An overlap between agents (or with the user's edits) reported by a subagent's merge. */
  conflict?: { kind: 'markers' | 'kept'; agents: string[]; detail: string };
}

/** One hunk as the webview shows it (src/core/staging/types.ts Hunk, flattened). */
export interface ChangedHunk {
  id: string;
  /** `@@ -oldStart,oldLines +newStart,newLines @@` */
  header: string;
  /** Body lines starting with ' ', '-' or '+'; a line starting with a backslash, if present, is a no-newline marker. */
  lines: string[];
  /** The old / new side's last line in this hunk has no final newline (optional: older hosts omit it). */
  oldNoNewlineAtEnd?: boolean;
  newNoNewlineAtEnd?: boolean;
}

export type PendingApproval = (
  | { requestId: string; type: 'command'; command: string; cwd: string; why: string; justification?: string; escalation?: 'network' | 'unsandboxed' }
  | { requestId: string; type: 'read' | 'write'; path: string; why: string }
  /** A call to an MCP server's tool: server, tool, the exact arguments (JSON text) and the server's hints. */
  | ({ requestId: string } & McpToolApprovalRequest)
  /** Starting a server the workspace declares: the exact command (or URL). */
  | ({ requestId: string } & McpServerApprovalRequest)
) & {
  /** Who asks when it is not the session's agent: a subagent's type, id and task. */
  label?: string;
};

/** How an approval is answered. allow_always: only for mcp_tool (remembered per server and tool). */
export type ApprovalAnswer = 'allow_once' | 'allow_session' | 'allow_always' | 'deny';

export type { SlashCommand, BuiltinCommandName };

/** A skill as the composer offers it (`$name` attaches it). */
export type SkillSummary = Pick<Skill, 'name' | 'description' | 'path' | 'scope'>;

export interface ConfigView {
  provider: ProviderPreset;
  baseUrl: string;
  model: string;
  models: string[];
  reasoningEffort: ReasoningEffort;
  approvalPolicy: ApprovalPolicy;
  contextWindow: number;
  /** Set when the chat cannot work yet: the setup screen is shown instead. */
  setupNeeded?: { reason: string };
  /** Workspace Trust: untrusted folders get read-only tools. */
  trusted: boolean;
  /** The model takes images (tandem.imageInputOff); optional: older hosts omit it (true). */
  images?: boolean;
  /** Why commands are not sandboxed, when they are not. */
  sandboxUnavailable?: string;
}

export interface Snapshot {
  protocolVersion: number;
  sessionId?: string;
  title?: string;
  /** The newest items of the open session, oldest first (not all of a long session). */
  items: Item[];
  /**
   * How many older items precede `items` and were not sent (page them in with
   * `session/items`). Optional: older hosts send every item and omit it (0).
   */
  olderItems?: number;
  running: boolean;
  approvals: PendingApproval[];
  changes: ChangedFileSummary[];
  config: ConfigView;
  usage?: { contextTokens: number; contextWindow: number };
  /** Code reviews the editor holds (src/protocol/review.ts); optional: older hosts omit it. */
  reviews?: ReviewRunView[];
  /** Messages waiting for the agent (steered, queued); optional: older hosts omit it. */
  queued?: QueuedMessage[];
}

/** What undoing a turn did (core UndoResult). */
export interface UndoTurnResult {
  /** Staged files put back as they were before the turn. */
  restored: string[];
  /** Files applied to the workspace since: turn/revert can write them back. */
  applied: string[];
}

/** A file found by files/search: its workspace path and which of its characters matched the query. */
export interface FileMatch {
  path: string;
  /** Indices into `path` of the matched characters (for highlighting). */
  positions: number[];
}

/** What became of one staged file in changes/apply or changes/reject. */
export interface ChangeOutcome {
  path: string;
  /** `held`: a protected change an all-files apply left staged; applying it on its own confirms it. */
  status: 'applied' | 'rejected' | 'conflict' | 'held';
  /** Why it was not applied (conflict, held), or the rejection reason. */
  detail?: string;
}

export interface ChangesResult {
  ok: true;
  /** Human-readable, one line per file (kept for older webviews and notices). */
  message: string;
  /** Structured per-file outcomes (additive; older hosts omit it). */
  outcomes?: ChangeOutcome[];
}

/** Requests: webview -> host. */
export interface RequestMap {
  'webview/ready': { params: { protocolVersion: number }; result: Snapshot };
  'turn/send': { params: { text: string; attachments?: Attachment[] }; result: { ok: true } };
  'turn/stop': { params: Record<string, never>; result: { ok: true } };
  'turn/retry': { params: Record<string, never>; result: { ok: true } };
  'session/new': { params: Record<string, never>; result: Snapshot };
  'session/open': { params: { sessionId: string }; result: Snapshot };
  'session/delete': { params: { sessionId: string }; result: { ok: true } };
  'session/list': { params: Record<string, never>; result: { sessions: SessionSummary[] } };
  /**
   * Older items of the open session: up to `limit` items just before the item with id
   * `before` (the oldest one the webview holds), oldest first, and how many older ones
   * remain. Fails when the session is not the open one or holds no item `before`.
   */
  'session/items': { params: { sessionId: string; before: string; limit: number }; result: { items: Item[]; olderItems: number } };
  'approval/respond': {
    params: { requestId: string; decision: ApprovalAnswer; reason?: string };
    result: { ok: true };
  };
  /**
   * What the composer offers: `/` completes the slash commands (built-in, then custom
   * prompts of ~/.tandem/prompts and the repository's .tandem/prompts) and `$` the skills.
   */
  'commands/list': { params: Record<string, never>; result: { commands: SlashCommand[]; skills: SkillSummary[] } };
  /**
   * Runs a slash command typed in the composer (`/name args`): a built-in one, or a custom
   * prompt (sent as the message). Fails with a clear error for a name that is neither.
   * Resolves when the command is done (/compact: when the history is compacted).
   */
  'commands/run': { params: { text: string; attachments?: Attachment[] }; result: { ok: true; command: BuiltinCommandName | 'prompt' } };
  'config/update': {
    params: { model?: string; reasoningEffort?: ReasoningEffort; approvalPolicy?: ApprovalPolicy };
    result: ConfigView;
  };
  'setup/save': { params: { provider: ProviderPreset; baseUrl?: string; apiKey?: string; model?: string }; result: ConfigView };
  'setup/test': { params: { provider: ProviderPreset; baseUrl?: string; apiKey?: string }; result: { ok: boolean; message: string; models?: string[] } };
  /** Workspace files matching `query`, best first (ranked by the host), with the matched characters. */
  'files/search': { params: { query: string }; result: { files: FileMatch[] } };
  'context/selection': { params: Record<string, never>; result: { attachment?: Attachment } };
  'context/problems': { params: Record<string, never>; result: { attachment?: Attachment } };
  'link/open': { params: { href: string }; result: { ok: true } };
  'code/insert': { params: { code: string }; result: { ok: true } };
  'changes/apply': { params: { path?: string; hunkIds?: string[] }; result: ChangesResult };
  'changes/reject': { params: { path?: string; hunkIds?: string[]; reason?: string }; result: ChangesResult };
  'changes/openDiff': { params: { path: string }; result: { ok: true } };
  /**
   * `/review`: reviews `target` (default: the uncommitted changes) into the chat of the open
   * session; resolves once it started (progress and findings follow in review/updated).
   */
  'review/run': { params: { target?: GitReviewTarget }; result: { runId: string } };
  'review/cancel': { params: { runId: string }; result: { ok: true } };
  /** Asks the agent to fix the run's findings (`findingIds`, or every shown one): a turn, staged as usual. */
  'review/fix': { params: { runId: string; findingIds?: string[] }; result: { ok: true } };
  /** Not a problem: not shown again, and not reported again for the same code. */
  'review/dismiss': { params: { runId: string; findingId: string; reason?: string }; result: { ok: true } };
  /**
   * A message for the agent while it works: 'queue' becomes a turn after the running one
   * (at once when none runs), 'steer' enters the running turn before its next request.
   * Answered once the message is in the session log.
   */
  'queue/add': { params: { text: string; attachments?: Attachment[]; mode: 'queue' | 'steer' }; result: { message: QueuedMessage } };
  'queue/update': { params: { id: string; text?: string; mode?: 'queue' | 'steer' }; result: { message: QueuedMessage } };
  'queue/remove': { params: { id: string }; result: { ok: true } };
  /** Moves a waiting message to `index` (0 = sent first). */
  'queue/move': { params: { id: string; index: number }; result: { ok: true } };
  /** Starts the queued messages now (after a stop or a failure left them waiting). */
  'queue/run': { params: Record<string, never>; result: { ok: true } };
  /** Undo a turn's staged changes (and later turns'); the user's files are untouched. */
  'turn/undo': { params: { turnId: string }; result: UndoTurnResult };
  /** Writes back, three-way, what applying changes since the turn did to the user's files. */
  'turn/revert': { params: { turnId: string }; result: { outcomes: RevertOutcome[] } };
  /** Stores an image in the open session (pasted bytes, or a workspace image file) for a message. */
  'image/add': { params: { data?: string; name?: string; path?: string }; result: { attachment: ImageAttachment; url: string } };
  /** A stored image of the open session, as a data URL (for display). */
  'image/read': { params: { hash: string; mime: ImageAttachment['mime'] }; result: { url: string } };
  /**
   * A subagent's own items (its transcript), for its card: as they are now, live or from
   * its log. Later events for them carry its `agentId`.
   */
  'agent/items': { params: { agentId: string }; result: { items: Item[] } };
  /** Stops a subagent for good (the Stop on its card); what it staged so far is merged. */
  'agent/stop': { params: { agentId: string }; result: { ok: true } };
}

/** The params of a session event: the event without its `type` (the method name). */
export type EventParams<T extends SessionEvent['type']> = Omit<Extract<SessionEvent, { type: T }>, 'type'>;

/**
 * `item/updated` as the webview receives it, decoded from a DeltaPost: the delta's text
 * only (its kind follows from the item's type; which stdout/stderr stream is not sent).
 */
export interface ItemUpdate {
  itemId: string;
  delta: Pick<ItemDelta, 'text'>;
}

/** Notifications: host -> webview. */
export interface NotificationMap {
  'state/snapshot': Snapshot;
  // --- the open session's events, as the core emits them (SessionEvent) ---
  /** The open session's title became known or changed (the history list follows via sessions/updated). */
  'session/updated': EventParams<'session/updated'>;
  'turn/started': EventParams<'turn/started'>;
  'item/started': EventParams<'item/started'>;
  /**
   * The item's final state. With `streamed: true` the item's streamed field (`text` of
   * agent_message / reasoning, `output` of command_execution / tool_call) holds only the
   * part not yet sent as item/updated (usually ''): the webview appends it to the text it
   * accumulated. Without it the item is whole and replaces the webview's copy (e.g. a
   * retried request closes its partial item with empty text).
   */
  'item/completed': EventParams<'item/completed'> & { streamed?: true };
  'usage/updated': EventParams<'usage/updated'>;
  'turn/completed': EventParams<'turn/completed'>;
  'turn/failed': EventParams<'turn/failed'>;
  /** The messages waiting for the agent (steered, queued), whole list. */
  'queue/updated': EventParams<'queue/updated'>;
  /** A subagent card's new state (with `agentId` when the card is in a subagent's own items). */
  'subagent/updated': EventParams<'subagent/updated'>;
  // --- the host's own state ---
  'approval/requested': PendingApproval;
  'approval/resolved': { requestId: string };
  'changes/updated': { changes: ChangedFileSummary[] };
  'sessions/updated': { sessions: SessionSummary[] };
  'config/updated': ConfigView;
  /** The host asks the webview to put text in the composer (e.g. "Explain this"). */
  'composer/fill': { text: string; attachments?: Attachment[] };
  /** Every code review the editor holds, whenever one changes (replaces the webview's list). */
  'review/updated': { reviews: ReviewRunView[] };
  /**
   * The view's title-bar actions ask the webview to show a panel (History); with
   * `toggle`, showing the panel already shown goes back to the chat.
   */
  'panel/show': { panel: 'chat' | 'history'; toggle?: boolean };
}

/**
 * Every session event reaches the webview: as a notification of the same name, except
 * `item/updated` (DeltaPost, decoded to ItemUpdate) and `session/started` (the snapshot
 * names the session). A new SessionEvent type fails to compile here until it is placed.
 */
type Unplaced = Exclude<SessionEvent['type'], keyof NotificationMap | 'item/updated' | 'session/started'>;
const _everyEventPlaced: [Unplaced] extends [never] ? true : Unplaced = true;
void _everyEventPlaced;

export type RequestMethod = keyof RequestMap;
export type NotificationMethod = keyof NotificationMap;
export type ParamsOf<M extends RequestMethod> = RequestMap[M]['params'];
export type ResultOf<M extends RequestMethod> = RequestMap[M]['result'];

export type WebviewToHost = { [M in RequestMethod]: { kind: 'request'; id: number; method: M; params: ParamsOf<M> } }[RequestMethod];

/** An item's handle, or [handle, itemId] when the entry binds the handle (see the header). */
export type DeltaRef = number | [handle: number, itemId: string];

/**
 * Streamed deltas of every item that changed in one flush: a flat array alternating a
 * DeltaRef and that item's text, `[1,"text…",2,"more"]` (see the header). No envelope:
 * bytes matter here. (`kind` is typed, never sent, so `msg.kind` reads on any message.)
 */
export type DeltaPost = (DeltaRef | string)[] & { kind?: undefined };

export type HostToWebview =
  | { kind: 'response'; id: number; result?: unknown; error?: { message: string } }
  | { [M in NotificationMethod]: { kind: 'notification'; method: M; params: NotificationMap[M] } }[NotificationMethod]
  | DeltaPost;
