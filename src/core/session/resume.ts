// Rebuilds a session's state from its log: items for the UI, the model history, and
// the token snapshot. A turn that never ended (the process died) keeps what it
// completed; its dangling tool calls get an output saying they were interrupted, so
// the history is valid for both wire APIs (every call has an output).
import type { Item, QueuedMessage } from '../types/items';
import type { HistoryEntry } from '../model/types';
import type { SessionHeader, SessionRecord } from './records';
import { itemsOf } from './store';

export interface ResumedSession {
  header: SessionHeader;
  items: Item[];
  history: HistoryEntry[];
  /** Last token snapshot, if any. */
  usage?: { contextTokens: number; historyLength: number };
  /** True when the last turn never ended (crash or kill mid-turn). */
  interrupted: boolean;
  turns: number;
  /** Messages that were steered or queued but not yet sent, in order. */
  queued: QueuedMessage[];
}

export const INTERRUPTED_OUTPUT = 'This call was interrupted: the agent process stopped before it finished. Its effects, if any, are unknown; check before relying on them.';

export function rebuildSession(records: SessionRecord[]): ResumedSession {
  const header = records[0];
  if (header?.t !== 'header') throw new Error('The session log has no header line.');
  let history: HistoryEntry[] = [];
  let usage: ResumedSession['usage'];
  let open: string | undefined;
  let turns = 0;
  let queued: QueuedMessage[] = [];
  for (const r of records) {
    switch (r.t) {
      case 'history':
        history.push(...r.entries);
        break;
      case 'history_reset':
        history = [...r.entries];
        usage = undefined;
        break;
      case 'usage':
        usage = { contextTokens: r.contextTokens, historyLength: r.historyLength };
        break;
      case 'turn_started':
        open = r.turnId;
        turns++;
        break;
      case 'turn_ended':
        if (open === r.turnId) open = undefined;
        break;
      case 'queue':
        queued = r.messages;
        break;
      default:
        break;
    }
  }
  const interrupted = open !== undefined;
  if (interrupted) history = repairDanglingCalls(history);
  // a snapshot taken over a longer history than we rebuilt is meaningless
  if (usage && usage.historyLength > history.length) usage = undefined;
  return { header, items: itemsOf(records), history, usage, interrupted, turns, queued };
}

/**
 * Adds an output for every function_call that has none, at the end of the run of
 * call/output entries it belongs to (Chat Completions wants all outputs of one
 * assistant message right after it).
 */
export function repairDanglingCalls(history: HistoryEntry[]): HistoryEntry[] {
  const answered = new Set<string>();
  for (const e of history) if (e.type === 'function_call_output') answered.add(e.callId);
  const out: HistoryEntry[] = [];
  let pending: string[] = [];
  const flush = () => {
    for (const callId of pending) out.push({ type: 'function_call_output', callId, output: INTERRUPTED_OUTPUT });
    pending = [];
  };
  for (const e of history) {
    const inGroup = e.type === 'function_call' || e.type === 'function_call_output';
    if (!inGroup) flush();
    out.push(e);
    if (e.type === 'function_call' && !answered.has(e.callId)) pending.push(e.callId);
  }
  flush();
  return out;
}
