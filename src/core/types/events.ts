// The event stream of a session. `runStreamed()` yields a turn's events; `run()` folds
// them; `Agent.subscribe()` sees every event of the session as it happens. The same
// names and shapes travel to the webview and out of `tandem exec --json`.
// Contract: every turn yields exactly one `turn/started`, then item events, then
// exactly one of `turn/completed` or `turn/failed` (an aborted turn completes with
// `aborted: true`). Every `item/started` is followed by an `item/completed` for the
// same id before the turn ends; `item/updated` carries deltas, never whole items.
import type { Item, QueuedMessage } from './items';

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

export type SessionEvent =
  | { type: 'session/started'; sessionId: string }
  /** The session's title became known (its first user message) or changed. */
  | { type: 'session/updated'; sessionId: string; title: string }
  | { type: 'turn/started'; turnId: string }
  | { type: 'item/started'; item: Item }
  | { type: 'item/updated'; itemId: string; delta: ItemDelta }
  | { type: 'item/completed'; item: Item }
  /**
   * The context in use against the window, for context meters: after each model request
   * (`usage`: that request's token use), or when a host reopens a session (`usage`: zeros).
   */
  | { type: 'usage/updated'; usage: Usage; contextTokens: number; contextWindow: number }
  | { type: 'turn/completed'; turnId: string; usage: Usage; aborted?: boolean }
  | { type: 'turn/failed'; turnId: string; error: { message: string; retryable?: boolean } }
  /** The messages waiting for the agent changed (steer, queue, edit, reorder, delivery): the whole list. */
  | { type: 'queue/updated'; messages: QueuedMessage[] };

export type SessionEventType = SessionEvent['type'];
