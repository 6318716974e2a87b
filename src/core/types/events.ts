// The event stream of a session. `runStreamed()` yields a turn's events; `run()` folds
// them; `Agent.subscribe()` sees every event of the session as it happens. The same
// names and shapes travel to the webview and out of `tandem exec --json`.
// Contract: every turn yields exactly one `turn/started`, then item events, then
// exactly one of `turn/completed` or `turn/failed` (an aborted turn completes with
// `aborted: true`). Every `item/started` is followed by an `item/completed` for the
// same id before the turn ends; `item/updated` carries deltas, never whole items.
//
// Subagents (spawn_agent): a child agent's own events travel on its parent's stream,
// the same shapes with `agentId` set to the child's id: `turn/started`, `item/*`,
// `usage/updated`, `turn/completed`, `turn/failed` (the child's session events are not
// forwarded). Events without `agentId` are the session's own agent; a consumer that
// only wants the parent skips those with `agentId` (run() does). The parent's items
// hold one `subagent` card per stretch of a child's work (items.ts), revised by
// `subagent/updated` (the card's whole new state) between its item/started and
// item/completed. A turn does not end while a subagent it started is still running,
// so a child's events always fall between the parent's turn/started and turn end, and
// the parent's turn usage includes its children's tokens. `queue/updated` is always
// the session's own (a subagent's waiting list is not forwarded).
import type { Item, QueuedMessage, SubagentItem } from './items';

export interface Usage {
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  reasoningTokens: number;
}

/**
 * Text appended to an item's streamed field: `text` of agent_message / reasoning
 * (kind 'text'), `output` of command_execution / tool_call (kind 'output').
 * Apply it with applyItemUpdate (src/protocol/itemUpdate.ts).
 */
export type ItemDelta =
  /** Appended text for agent_message / reasoning. */
  | { kind: 'text'; text: string }
  /** Appended output for command_execution. */
  | { kind: 'output'; text: string; stream: 'stdout' | 'stderr' };

/** Set on a subagent's events forwarded on its parent's stream (see the header). */
export interface FromAgent {
  agentId?: string;
}

export type SessionEvent =
  | { type: 'session/started'; sessionId: string }
  /** The session's title became known (its first user message) or changed. */
  | { type: 'session/updated'; sessionId: string; title: string }
  | ({ type: 'turn/started'; turnId: string } & FromAgent)
  | ({ type: 'item/started'; item: Item } & FromAgent)
  | ({ type: 'item/updated'; itemId: string; delta: ItemDelta } & FromAgent)
  | ({ type: 'item/completed'; item: Item } & FromAgent)
  /**
   * The context in use against the window, for context meters: after each model request
   * (`usage`: that request's token use), or when a host reopens a session (`usage`: zeros).
   */
  | ({ type: 'usage/updated'; usage: Usage; contextTokens: number; contextWindow: number } & FromAgent)
  /** `usage`: the turn's tokens, its subagents' included. */
  | ({ type: 'turn/completed'; turnId: string; usage: Usage; aborted?: boolean } & FromAgent)
  | ({ type: 'turn/failed'; turnId: string; error: { message: string; retryable?: boolean } } & FromAgent)
  /** A subagent card's new state (running, waiting_approval..., activity, tokens). */
  | ({ type: 'subagent/updated'; item: SubagentItem } & FromAgent)
  /** The messages waiting for the agent changed (steer, queue, edit, reorder, delivery): the whole list. */
  | { type: 'queue/updated'; messages: QueuedMessage[] };

export type SessionEventType = SessionEvent['type'];
