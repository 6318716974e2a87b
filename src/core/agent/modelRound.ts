// One model request: streams text and reasoning deltas into agent_message / reasoning
// items and returns the response's history entries and token use.
//
// Retries (a `retrying` event: the client restarts the request from scratch): the
// partial items of the failed attempt are DISCARDED: each is completed with empty text
// (hosts hide empty agent_message / reasoning items and the session log skips them),
// and the retried attempt streams into fresh items. So the UI never shows the same
// text twice, and no half-sentence survives in the transcript.
import type { ModelClient, ModelRequest, HistoryEntry } from '../model/types';
import type { AgentMessageItem, ReasoningItem } from '../types/items';
import type { Usage } from '../types/events';
import type { ItemEmitter } from './itemEmitter';
import { explainImageRejection } from '../model/imageErrors';

export interface RoundResult {
  output: HistoryEntry[];
  usage: Usage;
}

export interface RoundDeps {
  client: ModelClient;
  emitter: ItemEmitter;
  turnId: string;
  newItemId(): string;
  /** Emit items for the response (false for compaction requests, whose text is a summary). */
  showItems?: boolean;
}

/** Text the round had streamed when it stopped (abort or failure): for the history. */
export interface RoundProgress {
  text: string;
}

export const EMPTY_USAGE: Usage = { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, reasoningTokens: 0 };

export async function runModelRound(request: ModelRequest, deps: RoundDeps, progress: RoundProgress = { text: '' }): Promise<RoundResult> {
  const show = deps.showItems !== false;
  let message: AgentMessageItem | undefined;
  let reasoning: ReasoningItem | undefined;
  /** Completes the open reasoning and message items with the text streamed into them, or empty (`keepText` false: discarded). */
  const closeItems = (keepText: boolean) => {
    for (const open of [reasoning, message]) {
      if (!open) continue;
      const it = keepText ? deps.emitter.current(open.id) : undefined;
      const text = it && (it.type === 'agent_message' || it.type === 'reasoning') ? it.text : '';
      deps.emitter.complete({ ...open, text });
    }
    reasoning = undefined;
    message = undefined;
  };

  try {
    for await (const ev of deps.client.stream(request)) {
      switch (ev.type) {
        case 'reasoning_delta':
          if (!show) break;
          if (!reasoning) {
            reasoning = { id: deps.newItemId(), turnId: deps.turnId, type: 'reasoning', text: '' };
            deps.emitter.start(reasoning);
          }
          deps.emitter.update(reasoning.id, { kind: 'text', text: ev.text });
          break;
        case 'text_delta':
          progress.text += ev.text;
          if (!show) break;
          // the reasoning item stays open until the response completes, so a retry can
          // still discard it (a completed item is final)
          if (!message) {
            message = { id: deps.newItemId(), turnId: deps.turnId, type: 'agent_message', text: '' };
            deps.emitter.start(message);
          }
          deps.emitter.update(message.id, { kind: 'text', text: ev.text });
          break;
        case 'retrying':
          closeItems(false);
          progress.text = '';
          break;
        case 'completed': {
          const streamedReasoning = reasoning !== undefined;
          const streamedText = message !== undefined;
          closeItems(true);
          if (show) emitUnstreamed(ev.output, deps, { reasoning: streamedReasoning, text: streamedText });
          // what the client left out is shown (a retry would get the same), not a failure
          for (const message of show ? (ev.warnings ?? []) : []) {
            deps.emitter.emit({ id: deps.newItemId(), turnId: deps.turnId, type: 'error', message, retryable: false });
          }
          return { output: ev.output, usage: ev.usage };
        }
      }
    }
    throw new Error('The model stream ended without a completed response.');
  } catch (err) {
    throw explainImageRejection(err, request);
  } finally {
    // abort or failure: the user saw this text; keep it in the items
    closeItems(true);
  }
}

/** A server that does not stream deltas still gets its answer shown. */
function emitUnstreamed(output: HistoryEntry[], deps: RoundDeps, streamed: { reasoning: boolean; text: boolean }): void {
  for (const e of output) {
    if (e.type === 'reasoning' && !streamed.reasoning && e.summary.trim() !== '') {
      deps.emitter.emit({ id: deps.newItemId(), turnId: deps.turnId, type: 'reasoning', text: e.summary });
    } else if (e.type === 'message' && e.role === 'assistant' && !streamed.text && e.content !== '') {
      deps.emitter.emit({ id: deps.newItemId(), turnId: deps.turnId, type: 'agent_message', text: e.content });
    }
  }
}

/** The text of the assistant messages of a response. */
export function responseText(output: HistoryEntry[]): string {
  return output
    .filter((e): e is Extract<HistoryEntry, { type: 'message' }> => e.type === 'message' && e.role === 'assistant')
    .map((e) => e.content)
    .join('');
}
