// Opening a stored session in two steps: show it from its log's tail first (core
// readSessionPreview: the newest items and the title, without parsing the whole log),
// then build its agent (which parses everything). This is the first step's state: what
// the webview shows while the agent is built, and what it shows if the build fails.
// The SessionManager sequences the two steps; vscode-free.
import type { ErrorItem, Item } from '../../core/index';
import type { SessionChannel } from '../rpc/webviewChannel';
import type { Clock } from '../rpc/clock';
import type { SessionView } from './sessionController';

/** A session shown from its log's tail while its agent is built (or after that failed). */
export interface Opening {
  sessionId: string;
  title?: string;
  items: Item[];
  olderItems: number;
  /** The agent could not be built (an error item says why); opening it again retries. */
  failed?: boolean;
}

export const EMPTY_VIEW: SessionView = { items: [], olderItems: 0, running: false, approvals: [], changes: [] };

/** What a snapshot shows of a session being opened. */
export function openingView(opening: Opening): SessionView {
  return {
    ...EMPTY_VIEW,
    sessionId: opening.sessionId,
    ...(opening.title !== undefined ? { title: opening.title } : {}),
    items: opening.items,
    olderItems: opening.olderItems,
  };
}

/** The build failed: the session stays shown, with an error item saying why. */
export function markOpeningFailed(opening: Opening, message: string, channel: SessionChannel, clock: Clock): void {
  const item: ErrorItem = { id: `open-${opening.sessionId}-${clock.now()}-error`, turnId: `open-${opening.sessionId}`, type: 'error', message, retryable: false };
  opening.failed = true;
  opening.items = [...opening.items, item];
  channel.event({ type: 'item/started', item });
  channel.event({ type: 'item/completed', item });
}

/** The agent is built: tell the webview what it knows beyond the log's tail (title, context use). */
export function announceBuilt(opening: Opening, state: SessionView & { sessionId: string }, channel: SessionChannel): void {
  if (state.title !== undefined && state.title !== opening.title) {
    channel.event({ type: 'session/updated', sessionId: state.sessionId, title: state.title });
  }
  if (state.usage) {
    const usage = { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, reasoningTokens: 0 };
    channel.event({ type: 'usage/updated', usage, ...state.usage });
  }
}
