// The event stream of a turn. `runStreamed()` yields these; `run()` folds them.
// Contract: every turn yields exactly one `turn/started`, then item events, then
// exactly one of `turn/completed` or `turn/failed` (an aborted turn completes with
// `aborted: true`). Every `item/started` is followed by an `item/completed` for the
// same id before the turn ends; `item/updated` carries deltas, never whole items.
import type { Item } from './items';

export interface Usage {
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  reasoningTokens: number;
}

export type ItemDelta =
  /** Appended text for agent_message / reasoning. */
  | { kind: 'text'; text: string }
  /** Appended output for command_execution. */
  | { kind: 'output'; text: string; stream: 'stdout' | 'stderr' };

export type SessionEvent =
  | { type: 'session/started'; sessionId: string }
  | { type: 'turn/started'; turnId: string }
  | { type: 'item/started'; item: Item }
  | { type: 'item/updated'; itemId: string; delta: ItemDelta }
  | { type: 'item/completed'; item: Item }
  /** Token use after each model request, for context meters. */
  | { type: 'usage/updated'; usage: Usage; contextTokens: number; contextWindow: number }
  | { type: 'turn/completed'; turnId: string; usage: Usage; aborted?: boolean }
  | { type: 'turn/failed'; turnId: string; error: { message: string; retryable?: boolean } };

export type SessionEventType = SessionEvent['type'];
